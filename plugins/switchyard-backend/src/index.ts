/**
 * @switchyard/backstage-plugin-switchyard-backend: Switchyard for the Backstage backend.
 *
 *   backend.add(import('@switchyard/backstage-plugin-switchyard-backend'));
 *   backend.add(switchyardPermissionPolicyModule);        // optional default policy: owners run
 *
 * The default export is the plugin plus, when `switchyard.simulator.catalog` is on, the catalog
 * module with the simulator's entities (`catalogModuleSwitchyardSimulator`, also exported alone).
 */
export { switchyardBackendFeature as default } from './feature';
export { switchyardPlugin } from './plugin';
export { catalogModuleSwitchyardSimulator } from './catalog/module';
export { switchyardPermissionPolicyModule } from './permissions/module';
export { SwitchyardPermissionPolicy } from './permissions/policy';
export { switchyardDevSignInModule, DEV_USER_COOKIE, DEV_USER_HEADER } from './auth/dev-sign-in';
export { switchyardSimulatorServiceRef, type SwitchyardSimulatorService, type SimulatorEndpoint } from './aws/simulator-service';
export { KnexRunStore, type KnexRunStoreOptions } from './store/knex-run-store';
export { migrateRunStore } from './store/migrations';
export { DEMO_GROUPS, DEMO_USERS } from './catalog/demo-people';
