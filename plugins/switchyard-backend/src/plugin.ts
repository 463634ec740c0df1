/**
 * The Switchyard backend plugin (new backend system): runs live in the plugin's database through
 * KnexRunStore, the core RunHost drives them (an engine per AWS account and region) behind
 * RunsService, unfinished runs resume on startup, and the REST API is served under /api/switchyard.
 */
import { readFileSync } from 'node:fs';
import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { switchyardPermissions } from '@switchyard/backstage-plugin-switchyard-common';
import {
  configuredSecrets,
  hostAllowList,
  NodeHttpGateway,
  NodeShellGateway,
  parseConnections,
  PgSqlGateway,
  type SqlGateway,
} from '@switchyard/core';
import { CredentialsAwsAccess, SimulatorAwsAccess, type AwsAccess } from './aws/aws-access';
import { switchyardSimulatorServiceRef } from './aws/simulator-service';
import { readSwitchyardSettings, type SwitchyardSettings } from './config';
import { RunbookLibrary } from './runbooks/runbook-library';
import { ApprovalNotifier } from './service/approval-notifier';
import { createRouter } from './service/router';
import { RolloutsService } from './service/rollouts-service';
import { RunsService } from './service/runs-service';
import { KnexRunStore } from './store/knex-run-store';
import { migrateRunStore } from './store/migrations';

export const switchyardPlugin = createBackendPlugin({
  pluginId: 'switchyard',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        userInfo: coreServices.userInfo,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        simulator: switchyardSimulatorServiceRef,
        notifications: notificationService,
      },
      async init({
        config,
        logger,
        database,
        httpRouter,
        httpAuth,
        userInfo,
        permissions,
        permissionsRegistry,
        auditor,
        lifecycle,
        catalog,
        simulator,
        notifications,
      }) {
        const settings = readSwitchyardSettings(config);
        const knex = await database.getClient();
        if (!database.migrations?.skip) await migrateRunStore(knex);
        const store = new KnexRunStore(knex);

        const endpoint = settings.simulator ? await simulator.get() : undefined;
        const access: AwsAccess = endpoint ? new SimulatorAwsAccess(endpoint) : new CredentialsAwsAccess(config);
        const sql = sqlGateway(settings);
        // The form does not ask for what only data guards read when their connections are not configured.
        const runbooks = new RunbookLibrary(settings.runbookDirs, logger, { connections: sql?.connectionNames() ?? [] });
        const runs = new RunsService({
          store,
          access,
          runbooks,
          settings,
          logger,
          shell: settings.allowShell ? new NodeShellGateway() : undefined,
          sql,
          http: httpGateway(settings),
        });
        // Rollouts: one runbook over many clusters in waves; their driver runs here, one replica per rollout (its lease).
        const rollouts = new RolloutsService({ store, runs, access, runbooks, catalog, permissions, settings, logger });
        permissionsRegistry.addPermissions(switchyardPermissions);
        // "Waiting for your approval" reaches approvers through Backstage notifications, where installed.
        runs.subscribe(new ApprovalNotifier({ notifications, logger }).listener);

        httpRouter.use(
          await createRouter({
            settings,
            httpAuth,
            userInfo,
            permissions,
            auditor,
            catalog,
            runs,
            access,
            runbooks,
            rollouts,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });

        lifecycle.addStartupHook(async () => {
          const resumed = await runs.resumeUnfinished();
          if (resumed) logger.info('Switchyard picked up unfinished runs', { count: resumed });
          runs.startSweeper(settings.sweepMs);
          // Rollouts left running (this backend restarted, or a replica went away) are driven on.
          rollouts.startSweeper(settings.sweepMs);
          logger.info('Switchyard ready', { runbookDirs: settings.runbookDirs.join(', '), aws: access.description });
        });
        lifecycle.addShutdownHook(async () => {
          await rollouts.shutdown();
          await runs.shutdown();
        });
      },
    });
  },
});

/** http blocks reach only the configured hosts, with secrets from the config (never the backend's environment). */
function httpGateway(settings: SwitchyardSettings): NodeHttpGateway {
  return new NodeHttpGateway({
    allowList: hostAllowList(settings.http.allowedHosts, 'switchyard.http.allowedHosts'),
    secrets: configuredSecrets(settings.http.secrets, 'switchyard.http.secrets'),
  });
}

function sqlGateway(settings: SwitchyardSettings): SqlGateway | undefined {
  if (!settings.connectionsFile) return undefined;
  const connections = parseConnections(readFileSync(settings.connectionsFile, 'utf8'), settings.connectionsFile);
  return new PgSqlGateway({ connections, allowWrites: settings.allowSqlWrites });
}
