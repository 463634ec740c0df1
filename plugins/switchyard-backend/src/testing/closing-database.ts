/**
 * Backstage's database service for test backends, except that SQLite clients are destroyed when the
 * backend stops. Backstage's DatabaseManager keeps SQLite connections open on shutdown on purpose
 * (an in-memory database would be lost), which leaves knex/tarn pool timers behind and keeps jest
 * from exiting. Same config as the default (`backend.database`, SQLite in memory when absent).
 */
import { DatabaseManager } from '@backstage/backend-defaults/database';
import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import type { Knex } from 'knex';

export const closingDatabaseServiceFactory = createServiceFactory({
  service: coreServices.database,
  deps: {
    config: coreServices.rootConfig,
    lifecycle: coreServices.lifecycle,
    logger: coreServices.logger,
    pluginMetadata: coreServices.pluginMetadata,
    rootLifecycle: coreServices.rootLifecycle,
    rootLogger: coreServices.rootLogger,
  },
  async createRootContext({ config, rootLifecycle, rootLogger }) {
    const effective = config.getOptional('backend.database')
      ? config
      : new ConfigReader({ backend: { database: { client: 'better-sqlite3', connection: ':memory:' } } });
    const manager = DatabaseManager.fromConfig(effective, { rootLifecycle, rootLogger });
    const clients = new Set<Promise<Knex>>();
    // Registered after the manager's own hook, which leaves SQLite clients open.
    rootLifecycle.addShutdownHook(async () => {
      await Promise.allSettled([...clients].map(async (client) => (await client).destroy()));
    });
    return { manager, clients };
  },
  async factory({ pluginMetadata, lifecycle, logger }, { manager, clients }) {
    const database = manager.forPlugin(pluginMetadata.getId(), { lifecycle, logger });
    return {
      ...database,
      getClient() {
        const client = database.getClient();
        clients.add(client);
        return client;
      },
    };
  },
});
