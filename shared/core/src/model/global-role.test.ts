import { globalRole } from './global-role';

it('a member of a Global Database without a writer is its secondary; with one, its primary; others are neither', () => {
  expect(globalRole({ globalClusterId: 'prod-global', writer: null })).toBe('secondary');
  expect(globalRole({ globalClusterId: 'prod-global', writer: 'prod-app-0' })).toBe('primary');
  expect(globalRole({ globalClusterId: null, writer: null })).toBeUndefined();
  expect(globalRole({ writer: 'x' })).toBeUndefined();
  expect(globalRole({ globalClusterId: 'prod-global' })).toBeUndefined();
});
