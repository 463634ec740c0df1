/**
 * Switchyard for the new frontend system (`@backstage/frontend-defaults` `createApp`, what
 * `@backstage/create-app` generates since Backstage 1.50): the plugin as extensions.
 *
 *   import switchyardPlugin from '@switchyard/backstage-plugin-switchyard/alpha';
 *   createApp({ features: [catalogPlugin, switchyardPlugin, ...] });
 *
 * An app with `app.packages: all` (create-app's default) discovers it from `packages/app/package.json`
 * without that line. The legacy exports (`SwitchyardPage`, `EntitySwitchyardContent`) stay in the
 * main entry for apps on the old system; both use the same components, API ref and client.
 */
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  type ExtensionDefinition,
  fetchApiRef,
  type FrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import StorageIcon from '@material-ui/icons/Storage';
import { switchyardApiRef } from './api/SwitchyardApi';
import { SwitchyardClient } from './api/SwitchyardClient';
import { isSwitchyardAvailable } from './conditions';
import { entityContentRouteRef, rolloutRouteRef, rootRouteRef } from './routes';

/** `api:switchyard`: the REST client of the backend plugin (`/api/switchyard`). */
export const switchyardApi = ApiBlueprint.make({
  params: (defineParams) =>
    defineParams({
      api: switchyardApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) => new SwitchyardClient({ discoveryApi, fetchApi }),
    }),
});

/** `page:switchyard`: the fleet page at `/switchyard` (a rollout's page at `/switchyard/rollouts/:id`), with a nav entry. */
export const switchyardFleetPage = PageBlueprint.make({
  params: {
    path: '/switchyard',
    title: 'Databases',
    icon: <StorageIcon fontSize="inherit" />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    // The fleet page draws its own Backstage header.
    noHeader: true,
    loader: () => import('./components/SwitchyardRoot').then((m) => <m.SwitchyardRoot />),
  },
});

/**
 * `entity-content:switchyard`: the Database tab on a `Resource` of `spec.type: database` that names
 * its cluster (`aws.amazon.com/rds-cluster-arn`). Path, title and filter are overridable in
 * app-config (`app.extensions`).
 */
// Annotated: the inferred type names a copy of @backstage/filter-predicates nested in other packages.
export const switchyardEntityContent: ExtensionDefinition = EntityContentBlueprint.make({
  params: {
    path: '/database',
    title: 'Database',
    routeRef: convertLegacyRouteRef(entityContentRouteRef),
    filter: isSwitchyardAvailable,
    loader: () => import('./components/DatabaseTab').then((m) => <m.DatabaseTab />),
  },
});

/** The Switchyard frontend plugin for the new frontend system. */
const switchyardPlugin: FrontendPlugin = createFrontendPlugin({
  pluginId: 'switchyard',
  title: 'Databases',
  icon: <StorageIcon fontSize="inherit" />,
  routes: {
    root: convertLegacyRouteRef(rootRouteRef),
    entityContent: convertLegacyRouteRef(entityContentRouteRef),
    rollout: convertLegacyRouteRef(rolloutRouteRef),
  },
  extensions: [switchyardApi, switchyardFleetPage, switchyardEntityContent],
});

export default switchyardPlugin;
