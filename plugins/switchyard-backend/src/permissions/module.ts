/** Installs SwitchyardPermissionPolicy as the permission backend's policy. */
import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { SwitchyardPermissionPolicy } from './policy';

export const switchyardPermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'switchyard-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, userInfo: coreServices.userInfo },
      async init({ policy, userInfo }) {
        policy.setPolicy(new SwitchyardPermissionPolicy(userInfo));
      },
    });
  },
});
