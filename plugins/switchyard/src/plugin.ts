import { createApiFactory, createPlugin, createRoutableExtension, discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { SwitchyardClient } from './api/SwitchyardClient';
import { switchyardApiRef } from './api/SwitchyardApi';
import { entityContentRouteRef, rolloutRouteRef, rootRouteRef } from './routes';

export const switchyardPlugin = createPlugin({
  id: 'switchyard',
  apis: [
    createApiFactory({
      api: switchyardApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) => new SwitchyardClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: rootRouteRef, entityContent: entityContentRouteRef, rollout: rolloutRouteRef },
});

/** The fleet page: every database entity, migrations in flight, their cost, switchover history, rollouts (and each rollout's page under it). */
export const SwitchyardPage = switchyardPlugin.provide(
  createRoutableExtension({
    name: 'SwitchyardPage',
    component: () => import('./components/SwitchyardRoot').then((m) => m.SwitchyardRoot),
    mountPoint: rootRouteRef,
  }),
);

/** The Database tab for an entity page (`<EntityLayout.Route path="/database" title="Database" if={isSwitchyardAvailable}>`). */
export const EntitySwitchyardContent = switchyardPlugin.provide(
  createRoutableExtension({
    name: 'EntitySwitchyardContent',
    component: () => import('./components/DatabaseTab').then((m) => m.DatabaseTab),
    mountPoint: entityContentRouteRef,
  }),
);
