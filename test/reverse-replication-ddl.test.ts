/**
 * The reverse-replication DDL of the blue-green runbooks, as `sql` blocks run it, against a real
 * PostgreSQL server with hostile names: a name is one identifier or one literal, never SQL; a
 * dry run previews the statements without sending them, and without the password.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Engine, FileRunStore, PgSqlGateway } from '@switchyard/core';
import { FakeAws } from '../shared/core/src/engine/testing/fake-aws';
import { startPgServer, type PgServer } from '../shared/core/src/sql/testing/pg-server';

jest.setTimeout(120_000);

let server: PgServer;
let sql: PgSqlGateway;
let dir: string;

beforeAll(async () => {
  server = await startPgServer('ddl');
  await server.exec('create table orders (id int primary key); insert into orders values (1), (2)');
  const connection = (name: string) => ({
    name,
    host: server.host,
    port: server.port,
    database: 'app',
    user: 'postgres',
    passwordEnv: 'DDL_TEST_PASSWORD',
    ssl: 'disable' as const,
  });
  sql = new PgSqlGateway({
    connections: [connection('old'), connection('prod')],
    env: { DDL_TEST_PASSWORD: 'hush-123' },
    allowWrites: true,
  });
});

afterAll(async () => {
  await sql?.close();
  await server?.stop();
});

beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'switchyard-ddl-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The DDL blocks of the runbooks (blue-green-switchover.md), for one name. */
const RUNBOOK = `---
params:
  reverse_name: { type: string }
locks: ["pg:ddl"]
---
## Publication {#pub}
\`\`\`sql
connection: prod
query: create publication {{ ident(reverse_name) }} for all tables
write: true
\`\`\`
## Slot {#slot}
\`\`\`sql
connection: prod
query: select lsn::text as lsn from pg_create_logical_replication_slot({{ reverse_name }}, 'pgoutput')
write: true
\`\`\`
## Subscription {#sub}
\`\`\`sql
connection: old
query: >-
  create subscription {{ ident(reverse_name) }} connection {{ conninfo("prod") }}
  publication {{ ident(reverse_name) }}
  with (copy_data = false, create_slot = false, slot_name = {{ literal(reverse_name) }}, connect = false)
write: true
\`\`\`
`;

async function run(name: string, dryRun = false) {
  const engine = new Engine({ store: new FileRunStore(dir), aws: new FakeAws(), sql, timeScale: 100 });
  try {
    const started = await engine.start({ file: 'ddl.md', source: RUNBOOK, params: { reverse_name: name }, startedBy: 'alice', dryRun });
    return await engine.settled(started.id);
  } finally {
    await engine.shutdown();
  }
}

const HOSTILE = [`x"; drop table orders; --`, `x' , connect = 'true`, `a\\'; drop table orders; --`, `Upper Case.dotted`];

it.each(HOSTILE)('a hostile name %j stays one name: no statement of its own runs, orders survive', async (name) => {
  const done = await run(name);
  // PostgreSQL refuses it as a slot name (lower-case letters, digits, _), so the run stops there…
  expect(done.steps.map((s) => s.status)).toEqual(['succeeded', 'failed', 'pending']);
  expect(done.steps[1].error).toMatch(/replication slot name .* contains invalid character/);
  // …and the publication got exactly that name, as one identifier.
  expect(await server.exec('select pubname from pg_publication')).toEqual([{ pubname: name }]);
  expect(await server.exec('select count(*)::int as n from orders')).toEqual([{ n: 2 }]);
  await server.exec(`drop publication "${name.replace(/"/g, '""')}"`);
});

it('the subscription gets the name as a literal slot name and the connection string, password included, as one literal', async () => {
  await server.exec(`create table if not exists scratch (id int primary key)`);
  const done = await run('rev_1');
  expect(done.steps.map((s) => s.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
  const [sub] = await server.exec(`select subslotname, subconninfo, subenabled from pg_subscription where subname = 'rev_1'`);
  expect(sub).toEqual({
    subslotname: 'rev_1',
    subconninfo: `host='127.0.0.1' port='${server.port}' dbname='app' user='postgres' sslmode='disable' password='hush-123'`,
    subenabled: false,
  });
  expect(JSON.stringify(done)).not.toContain('hush-123');
  await server.exec(
    `alter subscription rev_1 set (slot_name = none); drop subscription rev_1; select pg_drop_replication_slot('rev_1'); drop publication rev_1`,
  );
});

it('a dry run shows each statement, with the password masked, and sends none', async () => {
  const done = await run('rev_2', true);
  const log = done.steps.flatMap((s) => s.log.map((l) => l.text));
  expect(log).toContainEqual('dry-run: would run a writing query on prod: create publication "rev_2" for all tables');
  expect(log.find((l) => l.includes('create subscription'))).toMatch(
    /^dry-run: would run a writing query on old: create subscription "rev_2" connection 'host=''127\.0\.0\.1'' .* password=''\*+''' publication "rev_2" with \(copy_data = false, create_slot = false, slot_name = 'rev_2', connect = false\)$/,
  );
  expect(JSON.stringify(done)).not.toContain('hush-123');
  expect(await server.exec('select count(*)::int as n from pg_publication')).toEqual([{ n: 0 }]);
  expect(await server.exec('select count(*)::int as n from pg_replication_slots')).toEqual([{ n: 0 }]);
});
