/**
 * The plugin's dev app (`yarn start` at the repo root, or `yarn workspace
 * @switchyard/backstage-plugin-switchyard start`): a minimal Backstage app with the catalog's entity
 * route showing the Database tab, the fleet page, and the dev backend's `switchyard-dev` sign-in.
 * createDevApp cannot take a sign-in page other than its own, so the app is assembled directly.
 */
// The base styles every Backstage app loads (CSS reset, fonts, variables).
import '@backstage/ui/css/styles.css';
import ReactDOM from 'react-dom/client';
import { Navigate, Route, useParams } from 'react-router-dom';
import { createApp } from '@backstage/app-defaults';
import { CatalogClient } from '@backstage/catalog-client';
import { AppRouter, FlatRoutes } from '@backstage/core-app-api';
import {
  AlertDisplay,
  OAuthRequestDialog,
  ProxiedSignInPage,
  Sidebar,
  SidebarDivider,
  SidebarItem,
  SidebarPage,
  SidebarSpace,
} from '@backstage/core-components';
import { createApiFactory, createPlugin, createRoutableExtension, discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import StorageIcon from '@material-ui/icons/Storage';
import ViewListIcon from '@material-ui/icons/ViewList';
import { EntitySwitchyardContent, SwitchyardPage, switchyardPlugin } from '../src';
import { DevEntityPage } from './DevEntityPage';
import { EmptyPage } from './EmptyPage';
import { UserSwitcher } from './UserSwitcher';

const DEFAULT_ENTITY = '/catalog/default/resource/prod-app';

/** Stands in for the catalog plugin: owns the entity route, so entity links resolve as in a real app. */
const devCatalogPlugin = createPlugin({ id: 'switchyard-dev-catalog', routes: { entity: entityRouteRef } });
const CatalogEntityPage = devCatalogPlugin.provide(
  createRoutableExtension({ name: 'DevCatalogEntityPage', component: async () => DevEntityPage, mountPoint: entityRouteRef }),
);

function EntityByName() {
  const { name = '' } = useParams();
  return <Navigate replace to={`/catalog/default/resource/${encodeURIComponent(name)}`} />;
}

const app = createApp({
  apis: [
    createApiFactory({
      api: catalogApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) => new CatalogClient({ discoveryApi, fetchApi }),
    }),
  ],
  plugins: [switchyardPlugin, devCatalogPlugin],
  components: {
    SignInPage: (props) => <ProxiedSignInPage {...props} provider="switchyard-dev" />,
  },
});

const App = app.createRoot(
  <>
    <AlertDisplay />
    <OAuthRequestDialog />
    <AppRouter>
      <SidebarPage>
        <Sidebar>
          <SidebarItem icon={StorageIcon} to={DEFAULT_ENTITY} text="prod-app" />
          <SidebarItem icon={ViewListIcon} to="/switchyard" text="Fleet" />
          <SidebarSpace />
          <SidebarDivider />
          <UserSwitcher />
        </Sidebar>
        <FlatRoutes>
          <Route path="/" element={<Navigate replace to={DEFAULT_ENTITY} />} />
          <Route path="/switchyard" element={<SwitchyardPage />} />
          <Route path="/empty" element={<EmptyPage />} />
          <Route path="/switchyard/entity/:name" element={<EntityByName />} />
          <Route path="/catalog/:namespace/:kind/:name" element={<CatalogEntityPage />}>
            <EntitySwitchyardContent />
          </Route>
        </FlatRoutes>
      </SidebarPage>
    </AppRouter>
  </>,
);

ReactDOM.createRoot(document.getElementById('root')!).render(<App />);
