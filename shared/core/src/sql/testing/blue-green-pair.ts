import type { ConnectionConfig } from '../connections';
import { GUARD_PASSWORD, startPgServer, type PgServer } from './pg-server';

/** The environment variable the test connections read the guard role's password from. */
export const PASSWORD_ENV = 'SWITCHYARD_TEST_PG_PASSWORD';

export interface BlueGreenPair {
  blue: PgServer;
  green: PgServer;
  /** `blue` and `green` as the `guard` role, password from $SWITCHYARD_TEST_PG_PASSWORD. */
  connections: ConnectionConfig[];
  env: Record<string, string>;
  stop(): Promise<void>;
}

export const SCHEMA = `
  create table customers (id int primary key, name text not null, email text, created_at timestamptz not null);
  create table orders (id bigserial primary key, customer_id int not null, status text not null, total numeric(12,2) not null, placed_at timestamptz not null);
  create table order_lines (order_id bigint, line int, sku text not null, qty int not null, primary key (order_id, line));
  create table events (id bigserial primary key, kind text not null, payload jsonb, at timestamptz not null default now());`;

/**
 * Two servers: blue with data, green its logical replica (publication `bg_pub`, subscription
 * `bg_sub`), caught up when this returns — what an RDS Blue/Green deployment of PostgreSQL is.
 */
export async function startBlueGreenPair(size = { customers: 2000, orders: 30000, lines: 20000 }): Promise<BlueGreenPair> {
  const [blue, green] = await Promise.all([startPgServer('blue'), startPgServer('green')]);
  try {
    await Promise.all([blue.exec(SCHEMA), green.exec(SCHEMA)]);
    await blue.exec(`
      insert into customers select i, 'customer ' || i, 'c' || i || '@example.com', timestamptz '2024-01-01' + i * interval '1 hour'
        from generate_series(1, ${size.customers}) i;
      insert into orders (customer_id, status, total, placed_at)
        select 1 + i % ${size.customers}, (array['new','paid','shipped','returned'])[1 + i % 4], (i % 997) * 1.25, timestamptz '2024-02-01' + i * interval '1 minute'
        from generate_series(1, ${size.orders}) i;
      insert into order_lines select 1 + i / 3, i % 3, 'sku-' || (i % 101), 1 + i % 7 from generate_series(1, ${size.lines}) i;
      create publication bg_pub for all tables;`);
    await green.exec(
      `create subscription bg_sub connection 'host=127.0.0.1 port=${blue.port} dbname=app user=postgres' publication bg_pub`,
    );
    await waitFor(async () => {
      const [row] = await green.exec(`select count(*)::int as syncing from pg_subscription_rel where srsubstate <> 'r'`);
      return row.syncing === 0;
    }, 60_000);
    const connection = (name: string, server: PgServer): ConnectionConfig => ({
      name,
      host: server.host,
      port: server.port,
      database: 'app',
      user: 'guard',
      passwordEnv: PASSWORD_ENV,
      ssl: 'disable',
    });
    return {
      blue,
      green,
      connections: [connection('blue', blue), connection('green', green)],
      env: { [PASSWORD_ENV]: GUARD_PASSWORD },
      stop: async () => {
        await green.exec('drop subscription if exists bg_sub').catch(() => undefined);
        await Promise.all([blue.stop(), green.stop()]);
      },
    };
  } catch (error) {
    await Promise.all([blue.stop(), green.stop()]);
    throw error;
  }
}

/** Polls until `condition` holds; throws after `timeoutMs`. */
export async function waitFor(condition: () => Promise<boolean>, timeoutMs: number, intervalMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
