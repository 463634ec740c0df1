/**
 * Rollback without losing a write: the shipped blue-green runbooks on the simulator (AWS) and two
 * real PostgreSQL servers (blue, and green its logical replica), with an application writing
 * throughout. The simulator has no databases, so what an RDS switchover does to them (the
 * Blue/Green replication ends, the old environment turns read-only) is done by a proxy in front
 * of it, just before it forwards SwitchoverBlueGreenDeployment (and DeleteBlueGreenDeployment
 * lifts the read-only protection, as AWS does).
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Client } from 'pg';
import { startBlueGreenPair, type BlueGreenPair } from '../shared/core/src/sql/testing/blue-green-pair';
import { eventIdsOf, startRecvLogical, streamVerdict } from '../shared/core/src/sql/testing/recv-logical-consumer';
import { startWriteLoad, type WriteLoad } from '../shared/core/src/sql/testing/write-load';
import { liftReadOnly, switchOverDatabases } from '../shared/core/src/sql/testing/database-switchover';
import { startEndpointProxy } from '../shared/core/src/sql/testing/endpoint-proxy';
import { cli } from './support/cli';
import { HoldingProxy } from './support/holding-proxy';
import { RunbookHarness, type RunbookResult } from './support/runbook-harness';

jest.setTimeout(300_000);

const TIME_SCALE = 100;
/** The password the connections name (trust authentication on loopback ignores it): it must never be printed. */
const PASSWORD = 'not-printed-7f3a9';
const CRITICAL = 'orders,customers,events';

let pair: BlueGreenPair;
let h: RunbookHarness;
let proxy: HoldingProxy;
let load: WriteLoad;
let args: string[];
let env: Record<string, string>;

beforeEach(async () => {
  [pair, h] = await Promise.all([startBlueGreenPair({ customers: 500, orders: 3000, lines: 1000 }), RunbookHarness.start(TIME_SCALE)]);
  await h.createDeployment('billing-upgrade', 'billing-db', '16.4', 'default.aurora-postgresql16');
  proxy = new HoldingProxy(h.sim.url);
  h.endpoint = await proxy.start();
  // Reverse replication creates publications, slots and subscriptions: an administrator's connections.
  const file = path.join(h.store, 'connections.yaml');
  const entry = (name: string, port: number) =>
    `  ${name}: { host: 127.0.0.1, port: ${port}, database: app, user: postgres, password-env: REVERSE_TEST_PGPASSWORD }`;
  // The servers stay where they are, but on AWS the switchover moves the endpoint names: before it,
  // blue and green; after it, prod (the production endpoint) is green's server and old is blue's.
  const entries = [
    entry('blue', pair.blue.port),
    entry('green', pair.green.port),
    entry('prod', pair.green.port),
    entry('old', pair.blue.port),
  ];
  writeFileSync(file, `connections:\n${entries.join('\n')}\n`);
  args = ['--connections', file, '--allow-sql-writes'];
  env = { REVERSE_TEST_PGPASSWORD: PASSWORD };
  load = await startWriteLoad(pair.blue);
  await load.waitForCommits(30);
  proxy.beforeForwarding('SwitchoverBlueGreenDeployment', async () => {
    await load.freeze(); // AWS blocks writes during a switchover (the runbook froze them already)
    await switchOverDatabases(pair);
  });
  proxy.beforeForwarding('DeleteBlueGreenDeployment', () => liftReadOnly(pair.blue));
});

afterEach(async () => {
  await load?.stop();
  await proxy?.stop();
  await h?.close();
  await pair?.stop();
});

const approve = (run: RunbookResult) => h.approve(run.runId!, 'bob', undefined, { extraArgs: args, env });
const approval = (run: RunbookResult) =>
  run.events.filter((e) => e.type === 'approval').at(-1) as unknown as { stepId: string; request: { message: string } };
const count = async (server: 'blue' | 'green', sql: string) => Number((await pair[server].exec(sql))[0].n);
/** A CDC consumer's read of a logical slot (test_decoding): the ids of the `events` rows it delivers, consumed. */
async function slotIds(server: 'blue' | 'green', slot: string): Promise<number[]> {
  const client = await pair[server].admin();
  try {
    // The test servers run synchronous_commit = off, and decoding stops at the flushed WAL: a
    // checkpoint flushes it all, the last commits too (a consumer streaming would get them a moment later).
    await client.query('checkpoint');
    await client.query('begin read write'); // the rolled-back side defaults to read-only
    const { rows } = await client.query<{ data: string }>(`select data from pg_logical_slot_get_changes('${slot}', null, null)`);
    await client.query('commit');
    return eventIdsOf(rows.map((r) => r.data));
  } finally {
    await client.end();
  }
}
/** A WAL position as a number, to compare two. */
const lsn = (text: string) => {
  const [hi, lo] = text.split('/');
  return BigInt(`0x${hi}`) * 2n ** 32n + BigInt(`0x${lo}`);
};
const stepOrder = (run: RunbookResult) =>
  [...new Set(run.events.filter((e) => e.type === 'step' && e.status === 'succeeded').map((e) => e.stepId))] as string[];

/** Switchover with reverse replication, each approval answered in order, up to the point where writes resume on green. */
async function switchOver(extra: Record<string, string> = {}): Promise<RunbookResult> {
  const params = { deployment: 'billing-upgrade', critical_tables: CRITICAL, pg_replica: 'bg_sub', ...extra };
  const asked = await h.run('blue-green-switchover.md', params, { approver: false, extraArgs: args, env });
  expect(asked.code).toBe(3); // waits for the next approval
  expect(asked.outputs.rr_preflight).toMatchObject({ on: true, reason: expect.stringMatching(/^ready: blue \(15\d+\) will follow green/) });
  expect(approval(asked)).toMatchObject({ stepId: 'approve' });
  expect(approval(asked).request.message).toContain('a rollback keeps every write');
  expect(approval(asked).request.message).not.toContain('LOSES');

  const freeze = await approve(asked);
  expect(approval(freeze).stepId).toBe('rr_freeze');
  await load.freeze();
  const resume = await approve(freeze);
  expect(resume.code).toBe(3); // waits for the next approval
  expect(approval(resume).stepId).toBe('rr_resume');
  // The slot marks the switchover point; blue subscribed from it without copying anything.
  expect(resume.outputs.rr_slot.rows).toEqual([{ lsn: expect.stringMatching(/^[0-9A-F]+\/[0-9A-F]+$/) }]);
  const [sub] = await pair.blue.exec(`select subenabled, subconninfo from pg_subscription where subname = 'switchyard_reverse'`);
  expect(sub.subenabled).toBe(true);
  expect(sub.subconninfo).toContain(`password='${PASSWORD}'`); // sent to the server that subscribes…
  for (const r of [asked, freeze, resume]) expect(r.stdout + r.stderr).not.toContain(PASSWORD); // …and never printed
  expect(await count('blue', `select count(*) as n from pg_subscription_rel where srsubstate <> 'r'`)).toBe(0);
  return resume;
}

it('rolls back 20 minutes after the switchover with every write, resuming writes once the cluster name is back; a CDC consumer sees every change once; no slot is left', async () => {
  const beforeSwitch = load.commits;
  const resume = await switchOver();
  // A CDC consumer's slot on the new production, made at the switchover point (writes frozen), as
  // blue-green-switchover.md's cdc_* steps make it; the consumer streams from it from here on.
  await pair.green.exec(`select pg_create_logical_replication_slot('cdc', 'test_decoding')`);
  const fromCheckpoint = load.committed.length; // events are numbered 0, 1, 2, … (payload.n)
  await load.resume(pair.green);
  // A service's pooled connection to the new production, opened before the rollback.
  const stale: Client = await pair.green.admin();
  const watched = await approve(resume);
  expect(watched.stderr).toBe('');
  expect(watched.code).toBe(0);
  expect(watched.outputs.watch).toEqual({ version: '16.4' });
  expect(load.failures).toEqual([]);

  // 20 minutes of the new production (simulator time), writes on green all along.
  await new Promise((r) => setTimeout(r, (20 * 60 * 1000) / TIME_SCALE));
  await load.waitForCommits(50);
  expect(load.byServer.green).toBeGreaterThan(50);

  const asked = await h.run(
    'blue-green-rollback-and-cleanup.md',
    { deployment: 'billing-upgrade', mode: 'rollback', critical_tables: CRITICAL, cdc_slot: 'cdc', cdc_plugin: 'test_decoding' },
    { approver: false, extraArgs: args, env },
  );
  expect(asked.code).toBe(3); // waits for the next approval
  expect(approval(asked).stepId).toBe('rb_rr_freeze');
  await load.freeze();
  // Writes are frozen: the consumer reads the new production's slot to its end.
  const onGreen = await slotIds('green', 'cdc');
  const decide = await approve(asked);
  expect(approval(decide).stepId).toBe('rb_approve');
  expect(decide.outputs.rb_rr_caught_up).toMatchObject({ caught_up: true });
  expect(decide.outputs.rb_rr_equal).toMatchObject({ equal: true });
  expect(decide.outputs.rb_rr_verdict).toMatchObject({ reverse: true, zero_loss: true });
  expect(approval(decide).request.message).toMatch(
    /It holds every write made since the switchover \(the old environment confirmed all of the new production's WAL/,
  );
  expect(approval(decide).request.message).not.toContain('LOST');

  const back = await approve(decide);
  expect(back.code).toBe(3); // waits for the next approval
  expect(approval(back).stepId).toBe('rb_rr_resume');
  expect(back.outputs.rb_rr_setval.rows).toEqual([{ sequences: expect.any(Number) }]);
  expect((await h.cluster('billing-db'))!.EngineVersion).toBe('15.4');
  // Writes resume as soon as the cluster name is back: the deployment deleted, the cluster renames
  // done, the instances still under their old names (renamed after writes resume).
  expect(stepOrder(back).slice(-10)).toEqual([
    'rb_rr_sequences',
    'rb_rr_setval',
    'rb_rr_stop',
    'rb_cdc_prod',
    'rb_fence',
    'rb_writable',
    'rb_cdc_slot',
    'rb_cdc_checkpoint',
    'rb_rename_prod',
    'rb_rename_old',
  ]);
  expect((await h.instances('billing-db')).map((i) => i.id)).toEqual(['billing-db-0-old1', 'billing-db-1-old1']);
  expect(back.outputs.rb_rename_old).toMatchObject({
    writer: 'billing-db-0-old1',
    endpoint: expect.stringMatching(/^billing-db\.cluster-/),
  });
  expect(back.outputs.rb_writable.rows).toEqual([
    expect.objectContaining({ in_recovery: false, wal_lsn: expect.stringMatching(/^[0-9A-F]+\/[0-9A-F]+$/) }),
  ]);
  // The CDC checkpoint: the consumer's slot on the old environment, made under the freeze, at or after its end of WAL.
  const checkpoint = back.outputs.rb_cdc_checkpoint as Record<string, string>;
  expect(checkpoint).toMatchObject({ slot: 'cdc', plugin: 'test_decoding', lsn: expect.stringMatching(/^[0-9A-F]+\/[0-9A-F]+$/) });
  expect(checkpoint.wal_lsn).toBe(back.outputs.rb_writable.rows[0].wal_lsn);
  expect(lsn(checkpoint.lsn)).toBeGreaterThanOrEqual(lsn(checkpoint.wal_lsn));
  expect(checkpoint.consumer_on_prod).toMatchObject({ wal_lsn: expect.any(String), consumer: [expect.objectContaining({ slot: 'cdc' })] });
  expect(checkpoint.deployment_deleted).toEqual([expect.objectContaining({ message: 'Blue/green deployment deleted.' })]);
  expect(approval(back).request.message).toContain(`CDC checkpoint ${checkpoint.lsn} (restart the consumer on slot cdc there)`);
  // The fence: a session opened on the new production before the rollback was ended, and a new one is read-only.
  await expect(stale.query(`insert into events (kind) values ('stale session')`)).rejects.toThrow(
    /terminat|connection error and is not queryable/,
  );
  await stale.end().catch(() => undefined);
  await expect(pair.green.exec(`insert into events (kind) values ('late session')`)).rejects.toThrow(/read-only transaction/);
  // Every write committed anywhere — blue before, green after the switchover — is on the old environment.
  const committed = load.committed.length;
  expect(await count('blue', `select count(*) as n from events where kind = 'load'`)).toBe(committed);
  expect(await count('blue', `select count(distinct (payload->>'n')::int) as n from events where kind = 'load'`)).toBe(committed);
  expect(await count('blue', `select max((payload->>'n')::int) + 1 as n from events where kind = 'load'`)).toBe(committed);
  expect(await count('blue', `select count(*) as n from events where id = any('{${load.committed.join(',')}}'::bigint[])`)).toBe(committed);
  expect(await count('blue', 'select count(*) as n from orders')).toBe(await count('green', 'select count(*) as n from orders'));
  expect(load.byServer.blue + load.byServer.green).toBe(load.commits);
  expect(load.byServer.blue).toBeGreaterThan(beforeSwitch - 1);

  await load.resume(pair.blue);
  const done = await approve(back);
  expect(done.stderr).toBe('');
  expect(done.code).toBe(0);
  expect(stepOrder(done)).toEqual(expect.arrayContaining(['rb_instances_aside', 'rb_instances_back', 'rb_verify']));
  expect((await h.instances('billing-db')).map((i) => i.id)).toEqual(['billing-db-0', 'billing-db-1']);
  // Writes go to the old environment again, with ids past the ones green handed out (sequences carried back).
  await load.waitForCommits(30);
  expect(load.failures).toEqual([]);
  await load.stop();
  const total = load.committed.length;
  expect(await count('blue', `select count(*) as n from events where kind = 'load'`)).toBe(total);
  // Exactly once: the consumer's stream — the new production's slot to its end, then the old
  // environment's from the checkpoint — holds every write committed since the switchover point.
  const onBlue = await slotIds('blue', 'cdc');
  const sinceCheckpoint = (
    await pair.blue.exec(`select id::int as id from events where kind = 'load' and (payload->>'n')::int >= ${fromCheckpoint} order by id`)
  ).map((r) => Number(r.id));
  const verdict = streamVerdict(sinceCheckpoint, [...onGreen, ...onBlue]);
  expect({ missing: verdict.missing, duplicated: verdict.duplicated, unexpected: verdict.unexpected }).toEqual({
    missing: [],
    duplicated: [],
    unexpected: [],
  });
  expect(verdict.streamChecksum).toBe(verdict.committedChecksum);
  expect(onGreen.length).toBeGreaterThan(50);
  expect(onBlue.length).toBeGreaterThanOrEqual(30);
  // The consumer is done with both slots.
  for (const server of ['blue', 'green'] as const) {
    await pair[server].exec(`begin read write; select pg_drop_replication_slot('cdc'); commit`);
  }
  // Reverse replication is gone: no subscription on blue, no slot or publication on either side.
  expect(await count('blue', 'select count(*) as n from pg_subscription')).toBe(0);
  expect(await count('green', 'select count(*) as n from pg_replication_slots')).toBe(0);
  expect(await count('blue', 'select count(*) as n from pg_replication_slots')).toBe(0);
  expect(await count('green', 'select count(*) as n from pg_publication')).toBe(0);
});

it("a CDC checkpoint that cannot be exact is refused before anything changes: a bad slot name, or the consumer's old slot still on the old environment", async () => {
  const resume = await switchOver();
  await load.resume(pair.green);
  const watched = await approve(resume);
  expect(watched.code).toBe(0);
  await load.waitForCommits(20);
  const rollback = (cdc_slot: string) =>
    h.run(
      'blue-green-rollback-and-cleanup.md',
      { deployment: 'billing-upgrade', mode: 'rollback', critical_tables: CRITICAL, cdc_slot, cdc_plugin: 'test_decoding' },
      { approver: false, extraArgs: args, env },
    );
  // A value that looks like a flag, with quotes and SQL in it.
  const bad = await rollback(`--cdc'; drop table events; --`);
  expect(bad.code).toBe(1);
  expect(bad.log).toContain('cdc_slot must be a PostgreSQL replication slot name');
  // A failed run keeps its lock (it may be retried): this one is given up.
  expect((await cli(['abort', bad.runId!, '--as', 'alice', ...h.common()])).code).toBe(0);
  // The consumer's slot from before the switchover, still on the old environment: it stands at the
  // switchover point, so restarting there would deliver the new production's writes a second time.
  await pair.blue.exec(`begin read write; select pg_create_logical_replication_slot('cdc', 'test_decoding'); commit`);
  const stale = await rollback('cdc');
  expect(stale.code).toBe(1);
  expect(stale.log).toMatch(/the old environment already has a slot named cdc .*drop it \(pg_drop_replication_slot\)/);
  for (const run of [bad, stale]) {
    expect(run.events.filter((e) => e.type === 'approval')).toEqual([]); // not even the freeze was asked for
  }
  expect(proxy.count('DeleteBlueGreenDeployment')).toBe(0);
  expect((await h.deployment('billing-upgrade'))!.Status).toBe('SWITCHOVER_COMPLETED');
  expect(await count('green', `select count(*) as n from pg_replication_slots where slot_name = 'cdc'`)).toBe(0);
  expect(load.failures).toEqual([]); // production never stopped taking writes
});

it('a reverse subscription broken during the watch window breaches it, and the rollback path then says writes are lost, fences the new production and resumes writes before the instance renames', async () => {
  const resume = await switchOver();
  await load.resume(pair.green);
  await load.waitForCommits(20);
  // Someone disables it (or it errors on a conflict): the old environment stops following.
  await pair.blue.exec('begin read write; alter subscription switchyard_reverse disable; commit');

  const breached = await approve(resume);
  expect(breached.log).toMatch(
    /reverse replication broke, a rollback can no longer keep every write: replica "switchyard_reverse" is not streaming from prod/,
  );
  expect(approval(breached).stepId).toBe('rb_rr_freeze');
  await load.freeze();
  const decide = await approve(breached);
  expect(decide.outputs.rb_rr_verdict).toMatchObject({ reverse: true, zero_loss: false });
  expect(decide.outputs.rb_rr_equal).toBeUndefined(); // not compared: the stream never caught up
  const asked = approval(decide);
  expect(asked.stepId).toBe('rollback_decision');
  expect(asked.request.message).toMatch(
    /LOSES every write made on the new production since the switchover that the old environment does not have \(reverse replication has not delivered everything: replica "switchyard_reverse" is not streaming from prod/,
  );
  expect(decide.events.filter((e) => e.type === 'approval').map((e) => e.stepId)).toEqual(['rollback_decision']);
  // Indeed: green has writes blue never received.
  expect(await count('green', `select count(*) as n from events where kind = 'load'`)).toBeGreaterThan(
    await count('blue', `select count(*) as n from events where kind = 'load'`),
  );

  // Two people accept the loss. The automatic rollback takes the stand-alone one's order: the new
  // production fenced before the cluster renames, writes resumed as soon as the production name is
  // back, the instances still under their old names (renamed after writes resume).
  const stale: Client = await pair.green.admin();
  const back = await approve(decide);
  expect(back.code).toBe(3); // waits for the next approval
  expect(approval(back).stepId).toBe('rb_rr_resume');
  expect(stepOrder(back).slice(-8)).toEqual([
    'rb_delete',
    'rb_rr_sequences',
    'rb_rr_setval',
    'rb_rr_stop',
    'rb_fence',
    'rb_writable',
    'rb_rename_prod',
    'rb_rename_old',
  ]);
  expect(stepOrder(back)).not.toContain('rb_instances_aside');
  expect((await h.cluster('billing-db'))!.EngineVersion).toBe('15.4');
  expect((await h.instances('billing-db')).map((i) => i.id)).toEqual(['billing-db-0-old1', 'billing-db-1-old1']);
  expect(back.outputs.rb_rename_old).toMatchObject({
    writer: 'billing-db-0-old1',
    endpoint: expect.stringMatching(/^billing-db\.cluster-/),
  });
  expect(back.outputs.rb_writable.rows).toEqual([expect.objectContaining({ in_recovery: false })]);
  expect(approval(back).request.message).toMatch(
    /^Production runs on the old environment again: billing-db is the old environment, available, writer billing-db-0-old1\./,
  );
  expect(approval(back).request.message).not.toContain('with every write');
  // The fence: the session opened on the new production before the renames was ended, and a new one is read-only.
  await expect(stale.query(`insert into events (kind) values ('stale session')`)).rejects.toThrow(
    /terminat|connection error and is not queryable/,
  );
  await stale.end().catch(() => undefined);
  await expect(pair.green.exec(`insert into events (kind) values ('late session')`)).rejects.toThrow(/read-only transaction/);
  // The old environment takes writes under the production name before its instances are renamed.
  await pair.blue.exec(`insert into events (kind) values ('after resume')`);

  const done = await approve(back);
  expect(done.stderr).toBe('');
  expect(stepOrder(done)).toEqual(expect.arrayContaining(['rb_instances_aside', 'rb_instances_back', 'rb_verify']));
  expect(done.events.find((e) => e.type === 'run' && e.status === 'rolled-back')).toBeDefined();
  expect((await h.instances('billing-db')).map((i) => i.id)).toEqual(['billing-db-0', 'billing-db-1']);
  expect(await count('blue', 'select count(*) as n from pg_subscription')).toBe(0);
  expect(await count('green', 'select count(*) as n from pg_replication_slots')).toBe(0);
});

it('the automatic rollback takes the CDC checkpoint on the old environment where the switchover took one, before the cluster renames', async () => {
  // The cluster endpoint moves with the switchover: `blue` (the switchover's CDC steps) follows it to green.
  const clusterEndpoint = await startEndpointProxy(pair.blue.port);
  try {
    const file = path.join(h.store, 'connections.yaml');
    const entry = (name: string, port: number) =>
      `  ${name}: { host: 127.0.0.1, port: ${port}, database: app, user: postgres, password-env: REVERSE_TEST_PGPASSWORD }`;
    const entries = [
      entry('blue', clusterEndpoint.port),
      entry('green', pair.green.port),
      entry('prod', pair.green.port),
      entry('old', pair.blue.port),
    ];
    writeFileSync(file, `connections:\n${entries.join('\n')}\n`);
    proxy.beforeForwarding('SwitchoverBlueGreenDeployment', async () => {
      await load.freeze();
      await switchOverDatabases(pair);
      clusterEndpoint.moveTo(pair.green.port);
    });
    // The consumer's slot on blue, read before the switchover (an inactive slot is what the slots guard refuses).
    await pair.blue.exec(`select pg_create_logical_replication_slot('cdc', 'test_decoding')`);
    const consumer = await startRecvLogical(pair.blue, 'cdc', path.join(h.store, 'blue.stream'));
    const resume = await switchOver({ cdc_slot: 'cdc', cdc_plugin: 'test_decoding' });
    await consumer.stop();
    expect(resume.outputs.cdc_checkpoint).toMatchObject({ slot: 'cdc', lsn: expect.stringMatching(/^[0-9A-F]+\/[0-9A-F]+$/) });
    await load.resume(pair.green);
    await load.waitForCommits(20);
    // The consumer moved to the new production and dropped its old slot on the old environment (docs/cdc.md, step 4).
    await pair.blue.exec(`begin read write; select pg_drop_replication_slot('cdc'); commit`);
    // The watch window breaches (the reverse subscription disabled): the automatic rollback runs.
    await pair.blue.exec('begin read write; alter subscription switchyard_reverse disable; commit');
    const breached = await approve(resume);
    expect(approval(breached).stepId).toBe('rb_rr_freeze');
    await load.freeze();
    const onGreen = await slotIds('green', 'cdc'); // the consumer reads the new production's slot to its end
    expect(onGreen.length).toBeGreaterThan(0);
    const decide = await approve(breached);
    expect(approval(decide).stepId).toBe('rollback_decision');
    const back = await approve(decide);
    expect(approval(back).stepId).toBe('rb_rr_resume');
    expect(stepOrder(back).slice(-9)).toEqual([
      'rb_rr_setval',
      'rb_rr_stop',
      'rb_cdc_prod',
      'rb_fence',
      'rb_writable',
      'rb_cdc_slot',
      'rb_cdc_checkpoint',
      'rb_rename_prod',
      'rb_rename_old',
    ]);
    expect(stepOrder(breached)).toEqual(expect.arrayContaining(['rb_state', 'rb_cdc_check', 'rb_rr_present']));
    expect((await h.instances('billing-db')).map((i) => i.id)).toEqual(['billing-db-0-old1', 'billing-db-1-old1']);
    const checkpoint = back.outputs.rb_cdc_checkpoint as Record<string, string>;
    expect(checkpoint).toMatchObject({ slot: 'cdc', plugin: 'test_decoding', lsn: expect.stringMatching(/^[0-9A-F]+\/[0-9A-F]+$/) });
    expect(checkpoint.wal_lsn).toBe(back.outputs.rb_writable.rows[0].wal_lsn);
    expect(lsn(checkpoint.lsn)).toBeGreaterThanOrEqual(lsn(checkpoint.wal_lsn));
    expect(checkpoint.consumer_on_prod).toMatchObject({ consumer: [expect.objectContaining({ slot: 'cdc' })] });
    expect(approval(back).request.message).toContain(`CDC checkpoint ${checkpoint.lsn} (restart the consumer on slot cdc there)`);
    // Writes resume on the old environment: the consumer's slot there delivers them, and nothing from before.
    const [{ id: lastBefore }] = await pair.blue.exec(`select coalesce(max(id), 0)::bigint::text as id from events`);
    await load.resume(pair.blue);
    await load.waitForCommits(10);
    await load.freeze();
    const onBlue = await slotIds('blue', 'cdc');
    const since = (await pair.blue.exec(`select id::int as id from events where id > ${Number(lastBefore)} order by id`)).map((r) =>
      Number(r.id),
    );
    expect(onBlue).toEqual(since);
    expect(onBlue.length).toBeGreaterThanOrEqual(10);
    const done = await approve(back);
    expect(stepOrder(done)).toEqual(expect.arrayContaining(['rb_instances_aside', 'rb_instances_back', 'rb_verify']));
    for (const server of ['blue', 'green'] as const) {
      await pair[server].exec(`begin read write; select pg_drop_replication_slot('cdc'); commit`);
    }
  } finally {
    await clusterEndpoint.stop();
  }
});

it('clean-up after a switchover with reverse replication removes the subscription, the slot and the publication', async () => {
  const resume = await switchOver();
  await load.resume(pair.green);
  const watched = await approve(resume);
  expect(watched.code).toBe(0);
  expect(await count('green', 'select count(*) as n from pg_replication_slots')).toBe(1);

  const asked = await h.run(
    'blue-green-rollback-and-cleanup.md',
    { deployment: 'billing-upgrade', mode: 'cleanup', final_snapshot: 'false' },
    { approver: false, extraArgs: args, env },
  );
  expect(asked.code).toBe(3);
  expect(approval(asked).stepId).toBe('cl_approve');
  const done = await approve(asked);
  expect(done.stderr).toBe('');
  expect(done.code).toBe(0);
  expect(done.events.filter((e) => e.type === 'step' && e.stepId === 'cl_reverse').at(-1)).toMatchObject({ status: 'succeeded' });
  // Production (green) keeps taking writes, and nothing retains its WAL any more.
  await load.waitForCommits(20);
  expect(load.failures).toEqual([]);
  expect(await count('green', 'select count(*) as n from pg_replication_slots')).toBe(0);
  expect(await count('green', 'select count(*) as n from pg_publication')).toBe(0);
  expect(await count('blue', 'select count(*) as n from pg_subscription')).toBe(0);
  expect(await h.cluster('billing-db-old1')).toBeUndefined();
});

it('a write that slipped past the freeze is caught before the subscription: reverse replication is not started, its slot is dropped, and the run says so', async () => {
  proxy.beforeForwarding('SwitchoverBlueGreenDeployment', async () => {
    await load.freeze();
    await switchOverDatabases(pair);
    // A service that ignored maintenance mode writes to the new production before the slot exists.
    await pair.green.exec(`insert into events (kind) values ('slipped past the freeze')`);
  });
  const params = { deployment: 'billing-upgrade', critical_tables: CRITICAL, pg_replica: 'bg_sub' };
  const asked = await h.run('blue-green-switchover.md', params, { approver: false, extraArgs: args, env });
  const freeze = await approve(asked);
  await load.freeze();
  const resume = await approve(freeze);
  expect(resume.code).toBe(3);
  expect(resume.outputs.rr_equal).toMatchObject({ equal: false, message: expect.stringMatching(/^events differs between prod and old/) });
  const asked2 = approval(resume);
  expect(asked2.stepId).toBe('rr_resume');
  expect(asked2.request.message).toMatch(
    /^Reverse replication is NOT running \(the critical tables differed between the two sides under the freeze: events differs/,
  );
  expect(asked2.request.message).toContain('a rollback will LOSE the writes made from now on');
  // Nothing was left to fill the disk, and nothing subscribes.
  expect(await count('green', 'select count(*) as n from pg_replication_slots')).toBe(0);
  expect(await count('green', 'select count(*) as n from pg_publication')).toBe(0);
  expect(await count('blue', 'select count(*) as n from pg_subscription')).toBe(0);

  await load.resume(pair.green);
  const watched = await approve(resume);
  expect(watched.code).toBe(0); // the watch window holds production's health only
  expect(resume.events.filter((e) => e.type === 'step' && e.stepId === 'rr_subscription').at(-1)).toMatchObject({ status: 'skipped' });
});
