/**
 * Test modules: a permission policy under which databases are visible to their owners only (as
 * organisations that hide other teams' databases configure it), and a handle on the plugin's
 * database (to record runs the way another host would).
 */
import { coreServices, createBackendModule, type UserInfoService } from '@backstage/backend-plugin-api';
import { catalogConditions, createCatalogConditionalDecision } from '@backstage/plugin-catalog-backend/alpha';
import { isResourcePermission, type PolicyDecision } from '@backstage/plugin-permission-common';
import type { PermissionPolicy, PolicyQuery, PolicyQueryUser } from '@backstage/plugin-permission-node';
import type { Knex } from 'knex';
import { permissionPolicyModule } from '../permissions/module';
import { SwitchyardPermissionPolicy } from '../permissions/policy';

/** Catalog Resources are read by their owners only; everything else as Switchyard's default policy. */
class OwnersSeeTheirDatabases implements PermissionPolicy {
  private readonly base: SwitchyardPermissionPolicy;

  constructor(private readonly userInfo: UserInfoService) {
    this.base = new SwitchyardPermissionPolicy(userInfo);
  }

  async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
    const { permission } = request;
    if (!user || permission.name !== 'catalog.entity.read' || !isResourcePermission(permission, 'catalog-entity')) {
      return this.base.handle(request, user);
    }
    const { ownershipEntityRefs } = await this.userInfo.getUserInfo(user.credentials);
    return createCatalogConditionalDecision(permission, {
      anyOf: [
        catalogConditions.isEntityOwner({ claims: ownershipEntityRefs }),
        { not: catalogConditions.isEntityKind({ kinds: ['Resource'] }) },
      ],
    });
  }
}

export const ownersSeeTheirDatabasesPolicy = permissionPolicyModule(
  'test-owners-see-their-databases',
  (userInfo) => new OwnersSeeTheirDatabases(userInfo),
);

/** Hands the switchyard plugin's database client to `use` when the backend starts. */
export function switchyardDatabase(use: (client: Knex) => void) {
  return createBackendModule({
    pluginId: 'switchyard',
    moduleId: 'test-database',
    register(reg) {
      reg.registerInit({
        deps: { database: coreServices.database },
        async init({ database }) {
          use(await database.getClient());
        },
      });
    },
  });
}
