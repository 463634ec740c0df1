import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';

/**
 * A real, throw-away PostgreSQL server for tests and benchmarks: Debian's `postgresql` binaries,
 * `initdb` into a temporary directory as the `postgres` user (PostgreSQL refuses to run as root),
 * on a free loopback port, with logical replication enabled and durability off (fast).
 */
export interface PgServer {
  name: string;
  host: '127.0.0.1';
  port: number;
  dataDir: string;
  /** A superuser connection (user postgres, trusted on loopback) to database `app`. */
  admin(database?: string): Promise<Client>;
  /** Runs statements as the superuser on a fresh connection. */
  exec(sql: string): Promise<Array<Record<string, unknown>>>;
  stop(): Promise<void>;
}

/** The password of the `guard` role the tests log in as (scram-sha-256 over TCP). */
export const GUARD_PASSWORD = 'guard-secret-7';

/** Where the PostgreSQL binaries are: $PG_BIN, else the newest /usr/lib/postgresql/<v>/bin. */
export function pgBinDir(): string | undefined {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : undefined;
}

const running = new Map<string, string>();
process.once('exit', () => {
  // A test runner that ends without stopping its servers must not leave them running.
  for (const [dataDir, bin] of running) {
    const [command, ...prefix] = asPostgres(path.join(bin, 'pg_ctl'));
    spawnSync(command, [...prefix, '-D', dataDir, '-m', 'immediate', 'stop']);
  }
});

export async function startPgServer(name: string, settings: Record<string, string | number> = {}): Promise<PgServer> {
  const bin = pgBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed: apt-get install postgresql (test/support/system-deps.sh does this)');
  const root = mkdtempSync(path.join(tmpdir(), `switchyard-pg-${name}-`));
  const owner = postgresUser();
  if (owner) chownSync(root, owner.uid, owner.gid);
  const dataDir = path.join(root, 'data');
  run(bin, 'initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions']);
  writeFileSync(
    path.join(dataDir, 'pg_hba.conf'),
    [
      'local all all trust',
      'host all guard 127.0.0.1/32 scram-sha-256',
      'host all all 127.0.0.1/32 trust',
      'host replication all 127.0.0.1/32 trust',
      '',
    ].join('\n'),
  );
  const all: Record<string, string | number> = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: root,
    wal_level: 'logical',
    max_wal_senders: 10,
    max_replication_slots: 10,
    max_connections: 60,
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    shared_buffers: '64MB',
    wal_receiver_status_interval: '1s',
    work_mem: '4MB',
    ...settings,
  };
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const conf = Object.entries({ ...all, port })
      .map(([k, v]) => `${k} = '${v}'`)
      .join('\n');
    appendFileSync(path.join(dataDir, 'postgresql.conf'), `\n# switchyard test server\n${conf}\n`);
    try {
      run(bin, 'pg_ctl', ['-D', dataDir, '-l', path.join(root, 'server.log'), '-w', '-t', '60', 'start']);
    } catch (error) {
      if (attempt < 2) continue; // the port was taken between probing and binding
      throw new Error(`${name}: postgres did not start: ${String(error)}\n${tail(path.join(root, 'server.log'))}`);
    }
    running.set(dataDir, bin);
    const server: PgServer = {
      name,
      host: '127.0.0.1',
      port,
      dataDir,
      admin: async (database = 'app') => {
        const client = new Client({ host: '127.0.0.1', port, user: 'postgres', database });
        client.on('error', () => undefined);
        await client.connect();
        return client;
      },
      exec: async (sql) => {
        const client = await server.admin();
        try {
          return (await client.query(sql)).rows;
        } finally {
          await client.end();
        }
      },
      stop: async () => {
        running.delete(dataDir);
        try {
          run(bin, 'pg_ctl', ['-D', dataDir, '-m', 'immediate', 'stop']);
        } finally {
          rmSync(root, { recursive: true, force: true });
        }
      },
    };
    await bootstrap(server);
    return server;
  }
}

/** Database `app` and a least-privilege `guard` role, as a DBA would set one up for Switchyard. */
async function bootstrap(server: PgServer): Promise<void> {
  const client = new Client({ host: '127.0.0.1', port: server.port, user: 'postgres', database: 'postgres' });
  await client.connect();
  try {
    await client.query('create database app');
    await client.query(`create role guard login password '${GUARD_PASSWORD}' in role pg_monitor`);
  } finally {
    await client.end();
  }
  await server.exec(
    'grant select on all tables in schema public to guard; alter default privileges in schema public grant select on tables to guard',
  );
}

function postgresUser(): { uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
  return { uid, gid };
}

/** As root, PostgreSQL's tools run as `postgres` through runuser. */
function asPostgres(command: string): string[] {
  return userInfo().uid === 0 ? ['runuser', '-u', 'postgres', '--', command] : [command];
}

function run(bin: string, tool: string, args: string[]): void {
  const [command, ...prefix] = asPostgres(path.join(bin, tool));
  const result = spawnSync(command, [...prefix, ...args], { encoding: 'utf8', timeout: 90_000 });
  if (result.status !== 0) throw new Error(`${tool} failed (${result.status ?? result.signal}): ${result.stderr || result.stdout}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function tail(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-20).join('\n') : '';
}
