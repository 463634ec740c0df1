/**
 * CDC across a Blue/Green switchover, on two real PostgreSQL servers (blue, and green its logical
 * replica) behind a cluster endpoint that moves, with an application writing without pause and a
 * real change-data-capture consumer (pg_recvlogical) streaming blue's logical slot.
 *
 * The shipped blue-green-switchover runbook records the checkpoint; the test plays the rest of the
 * world: the operators pause writes before approving the switchover (maintenance mode) and resume
 * them after the run; AWS, when SwitchoverBlueGreenDeployment arrives, catches green up, stops the
 * replication, makes blue read-only and moves the endpoint to green (the simulator then reports
 * the switchover and its events as AWS does). Exactly-once is proved with the writer's own ids:
 * none missing, none duplicated, same count and checksum as what was committed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FileRunStore, PgSqlGateway } from '@switchyard/core';
import { parseRunbook } from '../shared/core/src/runbook/parse-runbook';
import { bindSql } from '../shared/core/src/sql/bind-sql';
import { startBlueGreenPair, waitFor, type BlueGreenPair } from '../shared/core/src/sql/testing/blue-green-pair';
import { copySequences } from '../shared/core/src/sql/testing/database-switchover';
import { startWriteLoad, type WriteLoad } from '../shared/core/src/sql/testing/write-load';
import { startEndpointProxy, type EndpointProxy } from '../shared/core/src/sql/testing/endpoint-proxy';
import {
  eventIdsOf,
  startRecvLogical,
  streamVerdict,
  type RecvLogicalConsumer,
} from '../shared/core/src/sql/testing/recv-logical-consumer';
import type { PgServer } from '../shared/core/src/sql/testing/pg-server';
import { HoldingProxy } from './support/holding-proxy';
import { RunbookHarness } from './support/runbook-harness';

jest.setTimeout(240_000);

const RUNBOOK = path.resolve(__dirname, '../runbooks/blue-green-switchover.md');

let pair: BlueGreenPair;
let endpoint: EndpointProxy;
let load: WriteLoad | undefined;
let dir: string;

beforeAll(async () => {
  pair = await startBlueGreenPair({ customers: 200, orders: 300, lines: 300 });
  // Creating and reading slots needs the REPLICATION attribute (rds_replication on RDS).
  for (const server of [pair.blue, pair.green]) await server.exec('alter role guard replication');
  // The slot the CDC consumer reads on blue, and a control: a slot created on green long before the switchover.
  await pair.blue.exec(`select pg_create_logical_replication_slot('cdc', 'test_decoding')`);
  await pair.green.exec(`select pg_create_logical_replication_slot('early', 'test_decoding')`);
  endpoint = await startEndpointProxy(pair.blue.port);
  dir = mkdtempSync(path.join(tmpdir(), 'switchyard-cdc-'));
}, 120_000);

afterAll(async () => {
  await load?.stop();
  await endpoint?.stop();
  await pair?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The named connections of the run: `blue` is the cluster endpoint (it moves), `green` green's own. */
function connectionsFile(): string {
  const file = path.join(dir, 'connections.yaml');
  const line = (name: string, port: number) =>
    `  ${name}: { host: 127.0.0.1, port: ${port}, database: app, user: guard, password-env: SWITCHYARD_TEST_PG_PASSWORD, ssl: disable }`;
  writeFileSync(file, `connections:\n${line('blue', endpoint.port)}\n${line('green', pair.green.port)}\n`);
  return file;
}

/** Changes of a slot read with pg_logical_slot_get_changes (the slot is consumed). */
async function slotIds(server: PgServer, slot: string): Promise<number[]> {
  const rows = await server.exec(`select data from pg_logical_slot_get_changes('${slot}', null, null)`);
  return eventIdsOf(rows.map((r) => String(r.data)));
}

describe('a CDC consumer across the switchover', () => {
  let h: RunbookHarness;
  let aws: HoldingProxy;

  beforeAll(async () => {
    h = await RunbookHarness.start(500);
    await h.createDeployment('billing-upgrade', 'billing-db', '16.4', 'default.aurora-postgresql16');
    aws = new HoldingProxy(h.sim.url);
  });
  afterAll(async () => {
    await aws?.stop();
    await h?.close();
  });

  it('restarted on the new production from the checkpoint, sees every committed change exactly once', async () => {
    const awsUrl = await aws.start();
    const args = ['--connections', connectionsFile(), '--allow-sql-writes', '--endpoint', awsUrl];
    load = await startWriteLoad({ name: 'endpoint', host: '127.0.0.1', port: endpoint.port }, { intervalMs: 15 });
    const onBlue: RecvLogicalConsumer = await startRecvLogical(pair.blue, 'cdc', path.join(dir, 'blue.stream'));
    let onGreen: RecvLogicalConsumer | undefined;
    try {
      // AWS's part of the switchover, before the simulator sees the request: green catches up with
      // everything blue committed, replication stops, green's sequences continue from blue's (as in
      // switchOverDatabases), blue turns read-only, the endpoint moves.
      aws.beforeForwarding('SwitchoverBlueGreenDeployment', async () => {
        const last = load!.committed.at(-1)!;
        await waitFor(async () => (await pair.green.exec('select max(id)::int as id from events'))[0].id === last, 30_000);
        await pair.green.exec('alter subscription bg_sub disable');
        await copySequences(pair.blue, pair.green);
        await pair.blue.exec('alter database app set default_transaction_read_only = on');
        endpoint.moveTo(pair.green.port);
      });
      await load.waitForCommits(30);
      const params = { deployment: 'billing-upgrade', cdc_slot: 'cdc', cdc_plugin: 'test_decoding' };

      // A dry run previews the slot's creation on the new production, with the name as a bound value, and creates nothing.
      const slotsBefore = await Promise.all([pair.blue, pair.green].map((s) => s.exec('select slot_name from pg_replication_slots')));
      const preview = await h.run('blue-green-switchover.md', params, { extraArgs: [...args, '--dry-run'], env: pair.env });
      // (The dry run as a whole stops later, at "Tag the old environment": a tag value computed from
      // the switchover event that a dry run never sees. Not the CDC steps' concern.)
      const status = (id: string) => preview.events.filter((e) => e.type === 'step' && e.stepId === id).at(-1)?.status;
      expect(['cdc_check', 'cdc_old', 'cdc_new', 'cdc_slot', 'cdc_checkpoint'].map((id) => [id, status(id)])).toEqual([
        ['cdc_check', 'succeeded'],
        ['cdc_old', 'succeeded'],
        ['cdc_new', 'skipped'],
        ['cdc_slot', 'succeeded'],
        ['cdc_checkpoint', 'succeeded'],
      ]);
      expect(preview.outputs.cdc_slot).toEqual({ dryRun: true });
      expect(preview.log).toMatch(
        /dry-run: would run a writing query on blue: select slot_name::text as slot, lsn::text as lsn\s+from pg_create_logical_replication_slot\(\$1, \$2\)\s+with \$1="cdc" \$2="test_decoding"/,
      );
      expect(await Promise.all([pair.blue, pair.green].map((s) => s.exec('select slot_name from pg_replication_slots')))).toEqual(
        slotsBefore,
      );
      expect(aws.count('SwitchoverBlueGreenDeployment')).toBe(0);
      const checked = await h.run('blue-green-switchover.md', params, { approver: false, extraArgs: args, env: pair.env });
      expect(checked.stderr).toContain('needs a second person');
      expect(checked.code).toBe(3); // waiting for the two-person approval; the application still writes
      await load.waitForCommits(20);

      // Maintenance mode on: writes pause before the switchover is approved.
      await load.freeze();
      const lastOnBlue = load.committed.at(-1)!;
      const switched = await h.approve(checked.runId!, 'bob', undefined, { extraArgs: args, env: pair.env });
      expect(switched.stderr).toBe('');
      expect(switched.code).toBe(0);
      expect(aws.count('SwitchoverBlueGreenDeployment')).toBe(1);
      expect(switched.events.some((e) => e.stepId === 'cdc_check' && e.status === 'succeeded')).toBe(true);

      // Where the consumer stood on blue, with writes paused: blue's end of WAL.
      const onBlueRow = (switched.outputs.cdc_old as { rows: Array<Record<string, unknown>> }).rows[0];
      // Blue's logical slots: Blue/Green's own (the subscription's) and the consumer's, both streaming.
      expect(onBlueRow).toMatchObject({ slot: 'cdc', plugin: 'test_decoding', active: true });
      expect(onBlueRow.slots).toEqual([
        { slot: 'bg_sub', plugin: 'pgoutput', active: true, confirmed_flush_lsn: expect.any(String) },
        { slot: 'cdc', plugin: 'test_decoding', active: true, confirmed_flush_lsn: expect.any(String) },
      ]);
      const checkpoint = switched.outputs.cdc_checkpoint as Record<string, unknown>;
      expect(checkpoint).toMatchObject({
        slot: 'cdc',
        plugin: 'test_decoding',
        lsn: expect.stringMatching(/^[0-9A-F]+\/[0-9A-F]+$/),
        wal_lsn: expect.stringMatching(/^[0-9A-F]+\/[0-9A-F]+$/),
        consumer_on_blue: onBlueRow,
        slots_on_new: [{ slot: 'early', plugin: 'test_decoding', active: false, confirmed_flush_lsn: expect.any(String) }],
        replication_on_new: [{ subscription: 'bg_sub', received_lsn: null, latest_end_lsn: null }],
        switchover_completed: [{ date: expect.any(String), message: 'Switchover completed on blue/green deployment.' }],
        cluster_switchover: [
          {
            date: expect.any(String),
            message: expect.stringMatching(/^Switchover from DB cluster billing-db to billing-db-green-\w+ started\.$/),
          },
          {
            date: expect.any(String),
            message: expect.stringMatching(
              /^Switchover from DB cluster billing-db to billing-db-green-\w+ completed\. Renamed billing-db to billing-db-old1 and billing-db-green-\w+ to billing-db\.$/,
            ),
          },
        ],
        switchover_started: [
          { date: expect.any(String), message: expect.stringMatching(/^Switchover from billing-db to billing-db-green-\w+ started\.$/) },
        ],
      });
      // The recorded checkpoint is the stored run's too (what an export of the run carries).
      const stored = await new FileRunStore(h.store).get(checked.runId!);
      expect(stored?.steps.find((s) => s.id === 'cdc_checkpoint')?.output).toEqual(checkpoint);
      // The new slot starts at the checkpoint, at or after green's WAL position read just before.
      const [slot] = await pair.green.exec(
        `select confirmed_flush_lsn::text as at, confirmed_flush_lsn >= '${String(checkpoint.wal_lsn)}'::pg_lsn as after
           from pg_replication_slots where slot_name = 'cdc'`,
      );
      expect(slot).toEqual({ at: checkpoint.lsn, after: true });

      // The consumer reads blue to its end (nothing lands there any more) and stops.
      await onBlue.waitForCommitOf(lastOnBlue);
      await onBlue.stop();
      // Maintenance mode off: writes resume on the new production; the consumer restarts there.
      await load.resume();
      onGreen = await startRecvLogical(pair.green, 'cdc', path.join(dir, 'green.stream'));
      await load.waitForCommits(10);
      // A second control: a slot created after writes resumed has missed the first of them.
      await pair.green.exec(`select pg_create_logical_replication_slot('late', 'test_decoding')`);
      await load.waitForCommits(40);
      await load.stop();
      expect(load.failures).toEqual([]);
      const committed = [...load.committed];
      load = undefined;
      await onGreen.waitForCommitOf(committed.at(-1)!);
      await onGreen.stop();

      const fromBlue = onBlue.ids();
      const fromGreen = onGreen.ids();
      expect(fromBlue.at(-1)).toBe(lastOnBlue);
      expect(Math.min(...fromGreen)).toBe(lastOnBlue + 1);
      const verdict = streamVerdict(committed, [...fromBlue, ...fromGreen]);
      expect(verdict).toMatchObject({ missing: [], duplicated: [], unexpected: [], seen: committed.length });
      expect(verdict.streamChecksum).toBe(verdict.committedChecksum);
      expect(committed.length).toBeGreaterThan(100);
      // The new production holds exactly what was committed.
      const [rows] = await pair.green.exec(`select count(*)::int as n, count(distinct id)::int as ids, sum(id)::text as sum from events`);
      expect(rows).toEqual({ n: committed.length, ids: committed.length, sum: String(committed.reduce((a, b) => a + b, 0)) });

      // The checker fails where it must: a slot on green from before the switchover re-delivers
      // what blue's stream already had (the replication's own inserts)…
      const early = streamVerdict(committed, [...fromBlue, ...(await slotIds(pair.green, 'early'))]);
      expect(early.duplicated.length).toBeGreaterThan(50);
      expect(early.streamChecksum).not.toBe(early.committedChecksum);
      // …and one created after writes resumed misses the first writes on the new production.
      const late = streamVerdict(committed, [...fromBlue, ...(await slotIds(pair.green, 'late'))]);
      expect(late.missing.length).toBeGreaterThanOrEqual(10);
      expect(Math.min(...late.missing)).toBe(lastOnBlue + 1);
    } finally {
      await onBlue.stop();
      await onGreen?.stop();
    }
  });
});

describe('the checkpoint steps refuse what would make them wrong', () => {
  // Under 63 bytes: PostgreSQL truncates longer names before it checks them.
  const hostile = `x'); drop table events; --`;

  it('the runbook refuses it before the switchover, naming the rule', async () => {
    // The data guards before it pass: no inactive slot is left on what `blue` reaches now.
    await pair.green.exec('select pg_drop_replication_slot(slot_name) from pg_replication_slots where not active');
    const h = await RunbookHarness.start(500);
    try {
      await h.createDeployment('billing-upgrade', 'billing-db', '16.4', 'default.aurora-postgresql16');
      const result = await h.run(
        'blue-green-switchover.md',
        { deployment: 'billing-upgrade', cdc_slot: hostile, cdc_plugin: 'test_decoding' },
        { extraArgs: ['--connections', connectionsFile(), '--allow-sql-writes'], env: pair.env },
      );
      expect(result.code).toBe(1);
      expect(result.events.find((e) => e.type === 'step' && e.status === 'failed')?.stepId).toBe('cdc_check');
      expect(result.log).toContain(
        `cdc_slot must be a PostgreSQL replication slot name: 1 to 63 lower-case letters, digits or underscores (got ${hostile})`,
      );
      expect(h.sim.control.requests().map((r) => r.operation)).not.toContain('SwitchoverBlueGreenDeployment');
    } finally {
      await h.close();
    }
  });

  it('a slot of that name already on the new production stops the checkpoint: its position is not the switchover point', async () => {
    // What `blue` reaches now (green, after the switchover above) already has the slot, read by a consumer.
    await pair.green.exec('select pg_drop_replication_slot(slot_name) from pg_replication_slots where not active');
    await pair.green.exec(`select pg_create_logical_replication_slot('taken', 'test_decoding')`);
    const reader = await startRecvLogical(pair.green, 'taken', path.join(dir, 'taken.stream'));
    const h = await RunbookHarness.start(500);
    try {
      await h.createDeployment('billing-upgrade', 'billing-db', '16.4', 'default.aurora-postgresql16');
      const result = await h.run(
        'blue-green-switchover.md',
        { deployment: 'billing-upgrade', cdc_slot: 'taken', cdc_plugin: 'test_decoding' },
        { extraArgs: ['--connections', connectionsFile(), '--allow-sql-writes'], env: pair.env },
      );
      expect(result.code).toBe(1);
      expect(result.events.find((e) => e.type === 'step' && e.status === 'failed')?.stepId).toBe('cdc_new');
      expect(result.log).toContain(
        'the new production already has a slot named taken; its position is not the switchover point — drop it (pg_drop_replication_slot) and retry, or skip the CDC checkpoint',
      );
    } finally {
      await reader.stop();
      await h.close();
      await pair.green.exec(`select pg_drop_replication_slot('taken')`);
    }
  });

  it('the slot-creating query binds the name as a value: PostgreSQL refuses it, nothing runs', async () => {
    const { runbook } = parseRunbook(RUNBOOK, readFileSync(RUNBOOK, 'utf8'));
    const block = runbook!.steps.find((s) => s.id === 'cdc_slot')!.blocks[0] as { query: string; write: boolean };
    expect(block.write).toBe(true);
    const bound = bindSql(block.query, { cdc_slot: hostile, cdc_plugin: 'test_decoding' });
    expect(bound.text).not.toContain('drop');
    expect(bound.values).toEqual([hostile, 'test_decoding']);
    const writer = new PgSqlGateway({ connections: [{ ...pair.connections[1], name: 'blue' }], env: pair.env, allowWrites: true });
    try {
      await expect(writer.query('blue', bound.text, { write: true, params: bound.values, timeoutMs: 5000 })).rejects.toThrow(
        `replication slot name "${hostile}" contains invalid character`,
      );
    } finally {
      await writer.close();
    }
    const [after] = await pair.green.exec(
      `select to_regclass('public.events') is not null as events, (select count(*)::int from pg_replication_slots) as slots`,
    );
    expect(after).toEqual({ events: true, slots: expect.any(Number) });
    expect((await pair.green.exec(`select slot_name from pg_replication_slots where slot_name like 'x%'`)).length).toBe(0);
  });
});
