/**
 * Switchyard for Backstage: the Database tab of an RDS/Aurora entity (topology, lint findings, cost
 * of parallel environments, runbooks with live runs) and the fleet page.
 */
export { switchyardPlugin, SwitchyardPage, EntitySwitchyardContent } from './plugin';
export { isSwitchyardAvailable, RDS_CLUSTER_ARN_ANNOTATION, RDS_GLOBAL_CLUSTER_ANNOTATION } from './conditions';
export { switchyardApiRef, type SwitchyardApi, type RunStreamHandlers } from './api/SwitchyardApi';
export { SwitchyardClient } from './api/SwitchyardClient';
export { SwitchyardRequestError } from './api/errors';
