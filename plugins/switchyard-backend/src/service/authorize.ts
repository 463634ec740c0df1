/** Permission checks of Switchyard's resource permissions against the database entity. */
import type { BackstageCredentials, BackstageUserPrincipal, PermissionsService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult, type ResourcePermission } from '@backstage/plugin-permission-common';
import {
  switchyardRunApprovePermission,
  switchyardRunControlPermission,
  switchyardRunCreatePermission,
  type EntityPermissions,
} from '@switchyard/backstage-plugin-switchyard-common';

const WHAT: Record<string, string> = {
  [switchyardRunCreatePermission.name]: 'start runbooks on',
  [switchyardRunApprovePermission.name]: 'approve or reject runs on',
  [switchyardRunControlPermission.name]: 'retry, skip, abort or roll back runs on',
};

export async function authorizeOnEntity(
  permissions: PermissionsService,
  credentials: BackstageCredentials<BackstageUserPrincipal>,
  permission: ResourcePermission<'catalog-entity'>,
  entityRef: string,
): Promise<void> {
  const [decision] = await permissions.authorize([{ permission, resourceRef: entityRef }], { credentials });
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `${credentials.principal.userEntityRef} may not ${WHAT[permission.name] ?? permission.name} ${entityRef} (permission ${permission.name}); by the default policy its owners may`,
    );
  }
}

export async function entityPermissions(
  permissions: PermissionsService,
  credentials: BackstageCredentials<BackstageUserPrincipal>,
  entityRef: string,
): Promise<EntityPermissions> {
  const asked = [switchyardRunCreatePermission, switchyardRunApprovePermission, switchyardRunControlPermission];
  const decisions = await permissions.authorize(
    asked.map((permission) => ({ permission, resourceRef: entityRef })),
    { credentials },
  );
  const allowed = (i: number) => decisions[i].result === AuthorizeResult.ALLOW;
  return { createRun: allowed(0), approve: allowed(1), control: allowed(2), user: credentials.principal.userEntityRef };
}

/**
 * One permission on many entities (a rollout's clusters), in one batch: refused whole, naming every
 * cluster the user may not act on, so they fix the selection in one go.
 */
export async function authorizeOnEntities(
  permissions: PermissionsService,
  credentials: BackstageCredentials<BackstageUserPrincipal>,
  permission: ResourcePermission<'catalog-entity'>,
  targets: Array<{ cluster: string; entityRef: string }>,
): Promise<void> {
  if (!targets.length) return;
  const decisions = await permissions.authorize(
    targets.map((t) => ({ permission, resourceRef: t.entityRef })),
    { credentials },
  );
  const refused = targets.filter((_, i) => decisions[i].result !== AuthorizeResult.ALLOW);
  if (refused.length) {
    throw new NotAllowedError(
      `${credentials.principal.userEntityRef} may not ${WHAT[permission.name] ?? permission.name} ${refused.length} of the ${targets.length} cluster(s): ` +
        `${refused.map((t) => `${t.cluster} (${t.entityRef})`).join(', ')} (permission ${permission.name}; by the default policy their owners may). ` +
        'Nothing was changed.',
    );
  }
}
