import { isResourcePermission } from '@backstage/plugin-permission-common';
import { permissionForAction, switchyardPermissions, switchyardRunApprovePermission, switchyardRunControlPermission } from './permissions';

it('defines the three run permissions as resource permissions on catalog entities', () => {
  expect(switchyardPermissions.map((p) => p.name)).toEqual(['switchyard.run.create', 'switchyard.run.approve', 'switchyard.run.control']);
  for (const p of switchyardPermissions) expect(isResourcePermission(p, 'catalog-entity')).toBe(true);
});

it('maps run actions to the permission they need', () => {
  expect(permissionForAction('approve')).toBe(switchyardRunApprovePermission);
  expect(permissionForAction('reject')).toBe(switchyardRunApprovePermission);
  for (const action of ['retry', 'skip', 'abort', 'rollback'] as const)
    expect(permissionForAction(action)).toBe(switchyardRunControlPermission);
});
