import { readFileSync } from 'node:fs';
import { Pool, type PoolClient, type PoolConfig, type QueryConfig } from 'pg';
import type { SqlCallOptions, SqlGateway, SqlQueryOptions, SqlResult, SqlSnapshot } from '../engine/ports';
import type { ConnectionConfig } from './connections';
import { ConninfoError, renderConninfo, type Conninfo } from './conninfo';
import { passwordSource, type IamTokenSource } from './credentials';
import { JSON_VALUE_TYPES, TEXT_VALUE_TYPES } from './pg-values';

export interface PgSqlGatewayOptions {
  connections: ConnectionConfig[];
  /** `write: true` blocks run only where the host allows it (the Backstage backend does not). */
  allowWrites?: boolean;
  /** Where `password-env` variables are read (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** RDS IAM token source (default: `@aws-sdk/rds-signer`); tests pass their own. */
  iamToken?: IamTokenSource;
  /** Physical connections per named connection (default 4). */
  poolSize?: number;
}

export class UnknownConnectionError extends Error {
  constructor(connection: string, known: string[]) {
    super(`no connection named "${connection}" is configured here (configured: ${known.length ? known.join(', ') : 'none'})`);
    this.name = 'UnknownConnectionError';
  }
}

export class SqlWriteRefusedError extends Error {
  constructor(connection: string) {
    super(
      `writing to "${connection}" is refused: this host runs SQL read-only (the block says write: true; ` +
        'run it where writes are allowed, e.g. the CLI with --allow-sql-writes, or do the step by hand)',
    );
    this.name = 'SqlWriteRefusedError';
  }
}

const READ_ONLY_SQL_TRANSACTION = '25006';
const QUERY_CANCELED = '57014';

/**
 * `SqlGateway` over node-postgres: one pool per named connection, every call in its own
 * transaction — READ ONLY unless the block writes and the host allows it — with a statement
 * timeout; data guards read in REPEATABLE READ snapshots. One statement per call (the extended
 * protocol refuses `commit; delete …`, so nothing escapes the read-only transaction).
 */
export class PgSqlGateway implements SqlGateway {
  private readonly configs: Map<string, ConnectionConfig>;
  private readonly pools = new Map<string, Pool>();
  private readonly allowWrites: boolean;

  constructor(private readonly options: PgSqlGatewayOptions) {
    this.configs = new Map(options.connections.map((c) => [c.name, c]));
    this.allowWrites = options.allowWrites ?? false;
  }

  connectionNames(): string[] {
    return [...this.configs.keys()];
  }

  allowsWrites(): boolean {
    return this.allowWrites;
  }

  conninfo(connection: string): Conninfo {
    const c = this.configs.get(connection);
    if (!c)
      throw new ConninfoError(
        connection,
        'unknown-connection',
        `no connection named "${connection}" is configured here (configured: ${this.connectionNames().join(', ') || 'none'})`,
      );
    return renderConninfo(c, this.options.env ?? process.env);
  }

  async query(connection: string, sql: string, options: SqlQueryOptions): Promise<SqlResult> {
    if (options.write && !this.allowWrites) throw new SqlWriteRefusedError(connection);
    return this.transaction(connection, options.write ? 'BEGIN READ WRITE' : 'BEGIN READ ONLY', options, async (client) => {
      const result = await client.query(extended({ text: sql, values: [...(options.params ?? [])], types: JSON_VALUE_TYPES }));
      return {
        rows: result.rows as Array<Record<string, unknown>>,
        rowCount: result.rowCount ?? result.rows.length,
        fields: result.fields.map((f) => f.name),
      };
    });
  }

  async snapshot<T>(connection: string, options: SqlCallOptions, work: (snapshot: SqlSnapshot) => Promise<T>): Promise<T> {
    return this.transaction(connection, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', options, (client, checkStopped) =>
      work({
        read: async (sql, params = []) => {
          checkStopped();
          const result = await client.query<Array<string | null>>({
            ...extended({ text: sql, values: [...params], types: TEXT_VALUE_TYPES }),
            rowMode: 'array',
          });
          return { fields: result.fields.map((f) => f.name), rows: result.rows };
        },
      }),
    );
  }

  /** Closes every pool; the gateway is unusable afterwards. */
  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((p) => p.end()));
  }

  /** Runs `work` in one transaction; `checkStopped` throws once the run is interrupted or the call is over time. */
  private async transaction<T>(
    connection: string,
    begin: string,
    options: SqlCallOptions,
    work: (client: PoolClient, checkStopped: () => void) => Promise<T>,
  ): Promise<T> {
    options.signal?.throwIfAborted();
    const pool = this.pool(connection);
    const client = await pool.connect();
    let stopped: string | undefined;
    const stop = (why: string) => {
      stopped ??= why;
      void this.cancel(pool, client);
    };
    const onAbort = () => stop('the run was interrupted');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    // statement_timeout bounds each statement; this bounds the whole call (a snapshot reads many).
    const deadline = setTimeout(() => stop(`it ran longer than ${Math.round(options.timeoutMs / 1000)} s`), options.timeoutMs + 1000);
    let discard: Error | undefined;
    try {
      await client.query(begin);
      await client.query(
        extended({
          text: "select set_config('statement_timeout', $1, true)",
          values: [String(Math.max(1, Math.round(options.timeoutMs)))],
        }),
      );
      const result = await work(client, () => {
        if (stopped) throw new StoppedError(connection, stopped);
      });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((e: Error) => (discard = e));
      throw explain(error, connection, stopped);
    } finally {
      clearTimeout(deadline);
      options.signal?.removeEventListener('abort', onAbort);
      client.release(discard ?? (stopped ? new Error(stopped) : undefined));
    }
  }

  /** Cancels the statement a client is running, from another connection (node-postgres has no in-band cancel). */
  private async cancel(pool: Pool, client: PoolClient): Promise<void> {
    const pid = (client as unknown as { processID: number | null }).processID;
    if (!pid) return;
    await pool.query(extended({ text: 'select pg_cancel_backend($1)', values: [pid] })).catch(() => undefined);
  }

  private pool(connection: string): Pool {
    let pool = this.pools.get(connection);
    if (pool) return pool;
    const c = this.configs.get(connection);
    if (!c) throw new UnknownConnectionError(connection, this.connectionNames());
    pool = new Pool(poolConfig(c, this.options));
    // An idle connection the server closed (restart, failover) is dropped from the pool; the next call reconnects.
    pool.on('error', () => undefined);
    this.pools.set(connection, pool);
    return pool;
  }
}

function poolConfig(c: ConnectionConfig, options: PgSqlGatewayOptions): PoolConfig {
  const password = passwordSource(c, options.env ?? process.env, options.iamToken);
  return {
    host: c.host,
    port: c.port,
    database: c.database,
    user: c.user,
    ...(password ? { password } : {}),
    ssl:
      c.ssl === 'disable'
        ? false
        : c.ssl === 'require'
          ? { rejectUnauthorized: false }
          : { rejectUnauthorized: true, ...(c.caFile ? { ca: readFileSync(c.caFile, 'utf8') } : {}) },
    max: options.poolSize ?? 4,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 15_000,
    keepAlive: true,
    application_name: 'switchyard',
  };
}

function extended(config: QueryConfig): QueryConfig {
  return { ...config, queryMode: 'extended' } as QueryConfig;
}

/** Adds what to do to the errors an operator will meet; keeps the server's words. */
function explain(error: unknown, connection: string, stopped: string | undefined): Error {
  const e = error as Error & { code?: string; hint?: string };
  if (e instanceof StoppedError) return e;
  if (e?.code === QUERY_CANCELED && stopped) return new StoppedError(connection, stopped);
  if (e?.code === READ_ONLY_SQL_TRANSACTION) {
    return new Error(`${e.message} — this query runs read-only; a block that must write says \`write: true\``);
  }
  if (e instanceof Error && e.message.includes('multiple commands')) {
    return new Error(`${e.message} — a sql block runs one statement; split it into several blocks`);
  }
  if (e instanceof Error && e.hint) e.message = `${e.message} (hint: ${e.hint})`;
  return e instanceof Error ? e : new Error(String(error));
}

class StoppedError extends Error {
  constructor(connection: string, why: string) {
    super(`${connection}: stopped because ${why}`);
    this.name = 'StoppedError';
  }
}
