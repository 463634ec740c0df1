/**
 * Data guards and the SQL gateway against two real PostgreSQL servers: blue, and green its
 * logical replica, with an application writing to blue throughout.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  Engine,
  FileRunStore,
  PgSqlGateway,
  SqlWriteRefusedError,
  observeDataGuard,
  type ChecksumView,
  type DataGuardSource,
  type LagView,
  type ReplayView,
  type SettingsView,
  type SlotsView,
} from '@switchyard/core';
import { FakeAws } from '../shared/core/src/engine/testing/fake-aws';
import { startBlueGreenPair, waitFor, type BlueGreenPair } from '../shared/core/src/sql/testing/blue-green-pair';
import { startWriteLoad, type WriteLoad } from '../shared/core/src/sql/testing/write-load';
import { cli } from './support/cli';
import { RunbookHarness } from './support/runbook-harness';

jest.setTimeout(120_000);

let pair: BlueGreenPair;
let sql: PgSqlGateway;
let load: WriteLoad;

beforeAll(async () => {
  pair = await startBlueGreenPair();
  sql = new PgSqlGateway({ connections: pair.connections, env: pair.env });
  load = await startWriteLoad(pair.blue);
}, 120_000);

afterAll(async () => {
  const commits = await load?.stop();
  expect(commits).toBeGreaterThan(10);
  await sql?.close();
  await pair?.stop();
});

const guard = <V>(source: DataGuardSource) => observeDataGuard(source, { sql }) as Promise<V>;
const pairOf = { left: 'blue', right: 'green', timeoutSeconds: 60 };
const checksum = (tables: string[], chunk = 500) =>
  guard<ChecksumView>({ kind: 'checksum', ...pairOf, tables, chunk, recheck: 3, settleSeconds: 0.5 });
const replay = (queries: string[]) =>
  guard<ReplayView>({
    kind: 'replay',
    ...pairOf,
    queries: queries.map((q, i) => ({ name: `q${i + 1}`, sql: q })),
    recheck: 1,
    settleSeconds: 0.3,
    maxRows: 10_000,
  });
const lag = () => guard<LagView>({ kind: 'pg-lag', connection: 'blue', replica: 'bg_sub', maxSeconds: 1, timeoutSeconds: 10 });

describe('table checksums', () => {
  it('pass on equal tables while writes replicate, chunked by primary key (single and composite)', async () => {
    const sums = await checksum(['customers', 'orders', 'order_lines']);
    expect(sums.message).toMatch(
      /^blue and green hold the same rows in customers \(2000 rows, 4 chunks\), orders \(\d+ rows, \d+ chunks\), order_lines \(20000 rows, 40 chunks\)$/,
    );
    expect(sums).toMatchObject({ ok: true, equal: true, firstDifference: null, differences: [] });
    expect(sums.tables.find((t) => t.table === 'orders')!.leftRows).toBeGreaterThanOrEqual(30000);
  });

  it('catch a row changed on green only, naming the key range and the key', async () => {
    await pair.green.exec(`update customers set email = 'changed@example.com' where id = 1234`);
    try {
      const sums = await checksum(['orders', 'customers']);
      expect(sums.equal).toBe(false);
      expect(sums.differences).toHaveLength(1);
      expect(sums.differences[0]).toMatchObject({ table: 'customers', range: 'id in (1000, 1500]', key: 'id=1234', change: 'changed' });
      expect(sums.firstDifference).toBe(
        'customers differs between blue and green in id in (1000, 1500]: blue 500 rows, green 500 rows; first differing key id=1234 (different values)',
      );
    } finally {
      await pair.green.exec(`update customers set email = 'c1234@example.com' where id = 1234`);
    }
  });

  it('catch rows only green has, past blue’s last key and inside a composite-key range', async () => {
    await pair.green.exec(
      `insert into customers values (9001, 'green only', null, now()); delete from order_lines where order_id = 700 and line = 1`,
    );
    try {
      const sums = await checksum(['customers', 'order_lines']);
      expect(sums.differences.map((d) => [d.table, d.range, d.key, d.change])).toEqual([
        ['customers', 'id in (2000, 9001]', 'id=9001', 'only-right'],
        ['order_lines', '(order_id, line) in ((667, 2), (834, 1)]', '(order_id, line)=(700, 1)', 'only-left'],
      ]);
      expect(sums.message).toContain('first differing key id=9001 (only on green)');
    } finally {
      await pair.green.exec(
        `delete from customers where id = 9001; insert into order_lines values (700, 1, 'sku-' || (2098 % 101), 1 + 2098 % 7)`,
      );
    }
  });

  it('name a missing table and a table without a primary key', async () => {
    await pair.blue.exec('create table if not exists no_key (x int)');
    await pair.green.exec('create table if not exists no_key (x int)');
    const sums = await checksum(['nope', 'no_key']);
    expect(sums.differences.map((d) => d.text)).toEqual([
      'table nope does not exist on blue',
      'table no_key on blue has no primary key to chunk by; compare it with a replay query instead',
    ]);
  });
});

describe('query replay', () => {
  it('passes when both sides return the same rows, in any order unless the query orders', async () => {
    const same = await replay([
      `select status, count(*), sum(total) from orders where id <= 30000 group by status`,
      `select id, name from customers where id % 97 = 0 order by id`,
    ]);
    expect(same).toMatchObject({ ok: true, equal: true, firstDifference: null });
    expect(same.queries.map((q) => [q.ordered, q.leftRows])).toEqual([
      [false, 4],
      [true, 20],
    ]);
  });

  it('catches a query whose result differs and says which row', async () => {
    await pair.green.exec(`update customers set name = 'renamed' where id = 194`);
    try {
      const same = await replay([`select count(*) from customers`, `select id, name from customers where id % 97 = 0 order by id`]);
      expect(same.equal).toBe(false);
      expect(same.queries.map((q) => q.equal)).toEqual([true, false]);
      expect(same.firstDifference).toBe(
        'query q2 differs between blue and green: row 2 differs (blue 20 rows, green 20 rows): blue id=194, name=customer 194; green id=194, name=renamed',
      );
    } finally {
      await pair.green.exec(`update customers set name = 'customer 194' where id = 194`);
    }
  });

  it('reports a query that fails on one side', async () => {
    await pair.green.exec('alter table customers add column if not exists tier int');
    try {
      const same = await replay([`select count(tier) from customers`]);
      expect(same.firstDifference).toMatch(/^query q1 differs between blue and green: fails on blue: column "tier" does not exist/);
    } finally {
      await pair.green.exec('alter table customers drop column tier');
    }
  });
});

describe('replication slots', () => {
  it('pass with the subscription’s active slot, and fail on an orphaned one, naming it', async () => {
    const healthy = await guard<SlotsView>({
      kind: 'slots',
      connection: 'blue',
      maxRetainedBytes: 1024 ** 3,
      allowInactive: [],
      timeoutSeconds: 10,
    });
    expect(healthy).toMatchObject({ ok: true, inactive: [], overLimit: [] });
    expect(healthy.slots.map((s) => [s.name, s.type, s.plugin, s.active])).toEqual([['bg_sub', 'logical', 'pgoutput', true]]);

    await pair.blue.exec(`select pg_create_logical_replication_slot('orphan_slot', 'pgoutput')`);
    try {
      await waitFor(
        async () =>
          (
            await pair.blue.exec(
              `select pg_current_wal_lsn() <> restart_lsn as moved from pg_replication_slots where slot_name = 'orphan_slot'`,
            )
          )[0].moved === true,
        10_000,
      );
      const slots = await guard<SlotsView>({
        kind: 'slots',
        connection: 'blue',
        maxRetainedBytes: 1,
        allowInactive: [],
        timeoutSeconds: 10,
      });
      expect(slots.ok).toBe(false);
      expect(slots.inactive).toEqual(['orphan_slot']);
      expect(slots.overLimit).toContain('orphan_slot');
      expect(slots.message).toMatch(
        /slot "orphan_slot" \(logical, pgoutput\) on blue is inactive and retains [\d.]+ k?B of WAL — over the 1 B limit/,
      );
      const allowed = await guard<SlotsView>({
        kind: 'slots',
        connection: 'blue',
        maxRetainedBytes: 1024 ** 3,
        allowInactive: ['orphan_slot'],
        timeoutSeconds: 10,
      });
      expect(allowed.ok).toBe(true);
    } finally {
      await pair.blue.exec(`select pg_drop_replication_slot('orphan_slot')`);
    }
  });
});

describe('replication lag', () => {
  it('holds under 1 s while green streams, and fails once the subscription stops', async () => {
    const streaming = await lag();
    expect(streaming.ok).toBe(true);
    expect(streaming.replicas.map((r) => [r.name, r.state])).toEqual([['bg_sub', 'streaming']]);
    expect(streaming.lagSeconds).toBeLessThan(1);

    await pair.green.exec('alter subscription bg_sub disable');
    try {
      await waitFor(async () => !(await lag()).ok, 15_000, 200);
      const stopped = await lag();
      expect(stopped.message).toBe(
        'replica "bg_sub" is not streaming from blue: the subscription is disabled or failing, or the standby is down',
      );
    } finally {
      await pair.green.exec('alter subscription bg_sub enable');
      await waitFor(async () => (await lag()).ok, 30_000, 200);
    }
  });
});

describe('server parameter drift', () => {
  it('is none between twin servers, and names a changed work_mem', async () => {
    const settings = (extra: Partial<Extract<DataGuardSource, { kind: 'pg-settings' }>> = {}) =>
      guard<SettingsView>({ kind: 'pg-settings', ...pairOf, ignore: [], ...extra });
    const same = await settings();
    expect(same).toMatchObject({ ok: true, drift: [], onlyLeft: [], onlyRight: [] });
    expect(same.compared).toBeGreaterThan(200);

    await pair.green.exec(`alter system set work_mem = '8MB'`);
    await pair.green.exec('select pg_reload_conf()');
    try {
      await waitFor(async () => !(await settings()).ok, 10_000);
      const drifted = await settings();
      expect(drifted.drift).toEqual([{ name: 'work_mem', left: '4096', right: '8192', unit: 'kB' }]);
      expect(drifted.firstDifference).toBe('work_mem differs: blue 4096 kB, green 8192 kB');
      expect((await settings({ ignore: ['work_mem'] })).ok).toBe(true);
    } finally {
      await pair.green.exec('alter system reset work_mem');
      await pair.green.exec('select pg_reload_conf()');
    }
  });
});

describe('the SQL gateway', () => {
  const query = (text: string, extra: { write?: boolean; timeoutMs?: number } = {}, gateway = sql) =>
    gateway.query('blue', text, { write: extra.write ?? false, timeoutMs: extra.timeoutMs ?? 5000 });

  it('returns JSON values: counts as numbers, timestamps as ISO strings', async () => {
    const result = await query(
      `select count(*) as n, sum(id) as total, timestamptz '2024-01-01 10:00:00+00' as at, null as nothing from customers`,
    );
    expect(result).toEqual({
      rows: [{ n: 2000, total: 2001000, at: '2024-01-01T10:00:00.000Z', nothing: null }],
      rowCount: 1,
      fields: ['n', 'total', 'at', 'nothing'],
    });
  });

  it('runs read-only, one statement, within the statement timeout', async () => {
    await expect(query(`insert into events (kind) values ('x')`)).rejects.toThrow(
      /cannot execute INSERT in a read-only transaction — this query runs read-only; a block that must write says `write: true`/,
    );
    await expect(query(`commit; delete from events`)).rejects.toThrow(
      /cannot insert multiple commands into a prepared statement — a sql block runs one statement/,
    );
    await expect(query('select pg_sleep(3)', { timeoutMs: 200 })).rejects.toThrow(/canceling statement due to statement timeout/);
  });

  it('refuses writing queries where the host does not allow writes, and runs them where it does', async () => {
    await expect(query(`insert into events (kind) values ('x')`, { write: true })).rejects.toBeInstanceOf(SqlWriteRefusedError);
    // Every table is published to green: it needs the table too, or replication stops.
    await pair.green.exec(`create table if not exists scratch (id serial primary key, note text)`);
    await pair.blue.exec(
      `create table if not exists scratch (id serial primary key, note text); grant insert, select on scratch to guard; grant usage on sequence scratch_id_seq to guard`,
    );
    const writer = new PgSqlGateway({ connections: pair.connections, env: pair.env, allowWrites: true });
    try {
      expect(await query(`insert into scratch (note) values ('hello') returning note`, { write: true }, writer)).toMatchObject({
        rows: [{ note: 'hello' }],
      });
    } finally {
      await writer.close();
    }
  });

  it('logs in with the password from the named environment variable, and says which variable is missing', async () => {
    const noPassword = new PgSqlGateway({ connections: pair.connections, env: {} });
    const wrong = new PgSqlGateway({ connections: pair.connections, env: { SWITCHYARD_TEST_PG_PASSWORD: 'wrong' } });
    try {
      await expect(query('select 1', {}, noPassword)).rejects.toThrow(
        'connection "blue": the environment variable SWITCHYARD_TEST_PG_PASSWORD that should hold its password is not set',
      );
      const error = await query('select 1', {}, wrong).catch((e: Error) => e);
      expect(String(error)).toMatch(/password authentication failed for user "guard"/);
      expect(String(error)).not.toContain('wrong');
    } finally {
      await Promise.all([noPassword.close(), wrong.close()]);
    }
  });

  it('names the configured connections when asked for another', async () => {
    await expect(sql.query('purple', 'select 1', { write: false, timeoutMs: 1000 })).rejects.toThrow(
      'no connection named "purple" is configured here (configured: blue, green)',
    );
  });

  it('cancels a running statement when the run is interrupted', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const running = sql.query('blue', 'select pg_sleep(30)', { write: false, timeoutMs: 60_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    await expect(running).rejects.toThrow('blue: stopped because the run was interrupted');
    // Sooner than the statement could have ended by itself: the server cancelled it.
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});

describe('a runbook with data guards', () => {
  const fixture = path.resolve(__dirname, '../shared/core/test-fixtures/valid/data-guards.md');
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'switchyard-data-guards-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs every guard through the engine and holds the lag window', async () => {
    const engine = new Engine({ store: new FileRunStore(dir), aws: new FakeAws(), sql, timeScale: 10 });
    try {
      const run = await engine.start({ file: fixture, source: readFileSync(fixture, 'utf8'), params: {}, startedBy: 'alice' });
      const done = await engine.settled(run.id);
      expect(done.steps.map((s) => s.error ?? '')).toEqual(['', '', '', '', '', '']);
      expect(done.steps.map((s) => `${s.id}:${s.status}`)).toEqual([
        'checksums:succeeded',
        'replay:succeeded',
        'slots:succeeded',
        'lag:succeeded',
        'drift:succeeded',
        'counts:succeeded',
      ]);
      expect(done.status).toBe('succeeded');
      expect(done.steps[0].output).toEqual({ rows: expect.any(Number) });
      expect(done.steps[4].output).toEqual({ drifted: [] });
      expect(done.steps[5].output).toEqual({
        rows: [{ orders: expect.any(Number), newest: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }],
        rowCount: 1,
      });
      expect(done.steps[3].log.map((l) => l.text)).toContainEqual(expect.stringMatching(/^all guards held for 30 s \(\d+ polls\)$/));
    } finally {
      await engine.shutdown();
    }
  });

  it('fails the step with the guard’s own message when green differs', async () => {
    await pair.green.exec(`update orders set total = total + 1 where id = 777`);
    const engine = new Engine({ store: new FileRunStore(dir), aws: new FakeAws(), sql, timeScale: 10 });
    try {
      const run = await engine.start({ file: fixture, source: readFileSync(fixture, 'utf8'), params: {}, startedBy: 'alice' });
      const done = await engine.settled(run.id);
      expect(done.status).toBe('failed');
      expect(done.steps[0].error).toBe(
        'guard failed: orders differs between blue and green in id <= 10000: blue 10000 rows, green 10000 rows; first differing key id=777 (different values) (sums.equal)',
      );
    } finally {
      await engine.shutdown();
      await pair.green.exec(`update orders set total = total - 1 where id = 777`);
    }
  });

  it('skips every guard, visibly, where no connections are configured', async () => {
    const engine = new Engine({ store: new FileRunStore(dir), aws: new FakeAws() });
    try {
      const run = await engine.start({ file: fixture, source: readFileSync(fixture, 'utf8'), params: {}, startedBy: 'alice' });
      const done = await engine.settled(run.id);
      expect(done.status).toBe('succeeded');
      expect(done.steps[0].log.map((l) => l.text)).toContainEqual('check block skipped: not checked: no blue/green connections configured');
    } finally {
      await engine.shutdown();
    }
  });

  it('runs from the CLI with --connections, the password from the environment', async () => {
    const file = path.join(dir, 'connections.yaml');
    const yaml = pair.connections
      .map((c) => `  ${c.name}: { host: ${c.host}, port: ${c.port}, database: app, user: guard, password-env: ${c.passwordEnv} }`)
      .join('\n');
    writeFileSync(file, `connections:\n${yaml}\n`);
    const result = await cli(['run', fixture, '--connections', file, '--store', dir, '--time-scale', '10'], pair.env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/✔ \[6\/6\] Record what blue holds/);
    expect(result.stdout).not.toContain('guard-secret');
    const missing = await cli(['run', fixture, '--connections', path.join(dir, 'none.yaml'), '--store', dir]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('none.yaml');
  });
});

describe('the shipped blue-green-switchover runbook with blue and green connections', () => {
  let h: RunbookHarness;
  let connections: string;
  const params = {
    deployment: 'billing-upgrade',
    critical_tables: 'orders,customers',
    replay_query: 'select id, email from customers where id <= 100',
    pg_replica: 'bg_sub',
  };

  beforeEach(async () => {
    h = await RunbookHarness.start(500);
    await h.createDeployment('billing-upgrade', 'billing-db', '16.4', 'default.aurora-postgresql16');
    connections = path.join(h.store, 'connections.yaml');
    const yaml = pair.connections
      .map((c) => `  ${c.name}: { host: ${c.host}, port: ${c.port}, database: app, user: guard, password-env: ${c.passwordEnv} }`)
      .join('\n');
    writeFileSync(connections, `connections:\n${yaml}\n`);
  });
  afterEach(async () => {
    await h.close();
  });

  it('runs every data guard on the real databases, then switches over', async () => {
    const result = await h.run('blue-green-switchover.md', params, { extraArgs: ['--connections', connections], env: pair.env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const passed = result.events.filter((e) => e.type === 'step' && e.status === 'succeeded').map((e) => e.stepId);
    expect(passed).toEqual(
      expect.arrayContaining(['data_checksums', 'data_replay', 'data_settings', 'data_slots', 'data_lag', 'switchover']),
    );
    expect(result.outputs.data_notice).toEqual({ data_guards: 'on' });
    expect((await h.deployment('billing-upgrade'))?.Status).toBe('SWITCHOVER_COMPLETED');
  });

  it('a row changed on green stops the switchover at the checksum guard, naming the key', async () => {
    await pair.green.exec(`update customers set email = 'drifted@example.com' where id = 1234`);
    try {
      const result = await h.run('blue-green-switchover.md', params, { extraArgs: ['--connections', connections], env: pair.env });
      expect(result.code).toBe(1);
      expect(result.log).toMatch(
        /customers differs between blue and green in id <= 2000.*first differing key id=1234 \(different values\)/,
      );
      expect(h.sim.control.requests().map((r) => r.operation)).not.toContain('SwitchoverBlueGreenDeployment');
      expect((await h.deployment('billing-upgrade'))?.Status).toBe('AVAILABLE');
    } finally {
      await pair.green.exec(`update customers set email = 'c1234@example.com' where id = 1234`);
    }
  });
});
