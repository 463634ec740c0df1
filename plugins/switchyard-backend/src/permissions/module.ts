/** Installs SwitchyardPermissionPolicy as the permission backend's policy. */
import { coreServices, createBackendModule, type UserInfoService } from '@backstage/backend-plugin-api';
import type { PermissionPolicy } from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { SwitchyardPermissionPolicy } from './policy';

/** A permission backend module that installs the policy `create` makes (it reads users' groups through user info). */
export function permissionPolicyModule(moduleId: string, create: (userInfo: UserInfoService) => PermissionPolicy) {
  return createBackendModule({
    pluginId: 'permission',
    moduleId,
    register(reg) {
      reg.registerInit({
        deps: { policy: policyExtensionPoint, userInfo: coreServices.userInfo },
        async init({ policy, userInfo }) {
          policy.setPolicy(create(userInfo));
        },
      });
    },
  });
}

export const switchyardPermissionPolicyModule = permissionPolicyModule(
  'switchyard-policy',
  (userInfo) => new SwitchyardPermissionPolicy(userInfo),
);
