/**
 * The dev backend (`yarn workspace @switchyard/backstage-plugin-switchyard-backend start`, or with
 * the frontend `yarn start`): auth (guest + the switchyard-dev sign-in), catalog with the simulated
 * databases and demo users, permissions with Switchyard's default policy, and the plugin, on the
 * root app-config.yaml (127.0.0.1:7007, embedded AWS simulator). Anyone who reaches it picks who
 * they are (a header), so it listens on loopback only, and its errors carry no stack traces.
 */
import { createBackend } from '@backstage/backend-defaults';
import { switchyardDevSignInModule, switchyardPermissionPolicyModule } from '../src';
import { devRootHttpRouterServiceFactory } from '../src/http/dev-root-http-router';
import { devRootLoggerServiceFactory } from '../src/logging/dev-root-logger';

const backend = createBackend();
backend.add(devRootHttpRouterServiceFactory);
// No ANSI colour codes in the log when stdout is piped (CI, `yarn start > log`).
backend.add(devRootLoggerServiceFactory);
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(switchyardDevSignInModule);
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(switchyardPermissionPolicyModule);
// The plugin, and the simulator's catalog module (switchyard.simulator.catalog in app-config.yaml).
backend.add(import('../src'));
backend.start();
