import { selectionOf } from './selection-text';

const none = { clusters: [], tag: '', version: '', expression: '' };

it('joins the picked clusters in order, and turns an engine version into both filters', () => {
  expect(selectionOf('list', { ...none, clusters: ['prod-app', 'billing-db'] })).toBe('prod-app,billing-db');
  expect(selectionOf('version', { ...none, version: 'aurora-postgresql 15.4' })).toBe('engine=aurora-postgresql,version=15.4');
  expect(selectionOf('tag', { ...none, tag: '  team=payments ' })).toBe('team=payments');
});

it('never makes "everything" out of nothing: an empty pick is an empty selection, which the dialog does not send', () => {
  expect(selectionOf('list', none)).toBe('');
  expect(selectionOf('version', { ...none, version: 'aurora-postgresql' })).toBe('');
  expect(selectionOf('expression', { ...none, expression: '   ' })).toBe('');
});
