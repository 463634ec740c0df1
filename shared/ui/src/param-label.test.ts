import { nameInWords, paramLabel } from './param-label';

it('labels a param by the first clause of its description, the rest as help', () => {
  expect(
    paramLabel({ name: 'target', description: "The reader to promote; empty picks Aurora's own choice (lowest tier, then largest class)" }),
  ).toEqual({
    label: 'The reader to promote',
    help: "Empty picks Aurora's own choice (lowest tier, then largest class)",
  });
  expect(paramLabel({ name: 'global_cluster', description: 'The Global Database, e.g. prod-app-global' })).toEqual({
    label: 'The Global Database',
    help: 'E.g. prod-app-global',
  });
  expect(paramLabel({ name: 'cluster', description: 'The Aurora cluster to fail over' })).toEqual({
    label: 'The Aurora cluster to fail over',
  });
});

it('turns a "mode:" prefix into when the param applies', () => {
  expect(
    paramLabel({
      name: 'allowed_connections',
      description: 'cleanup: the most connections the old environment may have had in the last 30 minutes (a monitoring agent, say)',
    }),
  ).toEqual({
    label: 'The most connections the old environment may have had in the last 30 minutes',
    help: 'Only for cleanup. A monitoring agent, say',
  });
});

it('falls back to the name in words, never snake_case', () => {
  expect(paramLabel({ name: 'decommission_days' })).toEqual({ label: 'Decommission days' });
  expect(paramLabel({ name: 'maxLagMs', description: '   ' })).toEqual({ label: 'Max lag ms' });
  expect(nameInWords('pg-replica')).toBe('Pg replica');
});
