/**
 * The default permission policy: Switchyard's permissions (start, approve, control runs) are
 * granted to the owners of the database entity — the user, or a group the user is in, owns it
 * (the catalog's `isEntityOwner` condition); everything else is allowed. That a different user
 * approves is the backend's four-eyes rule, not the policy's (the policy does not see runs).
 */
import type { UserInfoService } from '@backstage/backend-plugin-api';
import { catalogConditions, createCatalogConditionalDecision } from '@backstage/plugin-catalog-backend/alpha';
import { AuthorizeResult, isResourcePermission, type PolicyDecision } from '@backstage/plugin-permission-common';
import type { PermissionPolicy, PolicyQuery, PolicyQueryUser } from '@backstage/plugin-permission-node';
import { switchyardPermissions } from '@switchyard/backstage-plugin-switchyard-common';

const SWITCHYARD = new Set(switchyardPermissions.map((p) => p.name));

export class SwitchyardPermissionPolicy implements PermissionPolicy {
  constructor(private readonly userInfo: UserInfoService) {}

  async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
    const { permission } = request;
    if (!SWITCHYARD.has(permission.name) || !isResourcePermission(permission, 'catalog-entity')) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (!user) return { result: AuthorizeResult.DENY };
    const { ownershipEntityRefs } = await this.userInfo.getUserInfo(user.credentials);
    return createCatalogConditionalDecision(permission, catalogConditions.isEntityOwner({ claims: ownershipEntityRefs }));
  }
}
