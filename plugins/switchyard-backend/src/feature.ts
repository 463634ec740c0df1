/**
 * What `backend.add(import('@switchyard/backstage-plugin-switchyard-backend'))` installs: the
 * plugin, and, when app-config turns on `switchyard.simulator.catalog`, the catalog module that
 * publishes the simulator's databases and demo people. One line in an adopter's backend is then
 * enough to try Switchyard on the simulator; with real AWS the module stays out.
 */
import { coreServices, createBackendFeatureLoader } from '@backstage/backend-plugin-api';
import { catalogModuleSwitchyardSimulator } from './catalog/module';
import { readSimulatorSettings } from './config';
import { switchyardPlugin } from './plugin';

export const switchyardBackendFeature = createBackendFeatureLoader({
  deps: { config: coreServices.rootConfig },
  *loader({ config }) {
    yield switchyardPlugin;
    if (readSimulatorSettings(config)?.catalog) yield catalogModuleSwitchyardSimulator;
  },
});
