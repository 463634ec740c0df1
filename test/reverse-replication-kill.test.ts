/**
 * Crash safety of reverse replication with a real process: the CLI driving the Blue/Green
 * switchover is SIGKILLed in the middle of the reverse-replication DDL — between the slot and the
 * subscription, while the subscription is being created, right after it committed, and right
 * after the slot was made — and `switchyard runs --resume` in a new process goes on. Two real
 * PostgreSQL servers (blue, and green its logical replica) and the simulator; the `old` and
 * `prod` connections go through proxies that read the wire protocol, so the kill lands at an exact
 * point (an answer held: the server did the work, the client never heard of it).
 *
 * What must hold after each: no statement is sent twice on its own; an in-doubt one is handed to
 * the operator with what to look at; never a second slot or subscription, never a slot left
 * unread; and the run ends with the old environment following the new production.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Run } from '@switchyard/core';
import { startBlueGreenPair, type BlueGreenPair } from '../shared/core/src/sql/testing/blue-green-pair';
import { startWriteLoad, type WriteLoad } from '../shared/core/src/sql/testing/write-load';
import { switchOverDatabases } from '../shared/core/src/sql/testing/database-switchover';
import { cli, runCli, type CliResult } from './support/cli';
import { HoldingProxy } from './support/holding-proxy';
import { PgHoldingProxy } from './support/pg-holding-proxy';
import { parseRunEvents, RunbookHarness, type RunbookResult } from './support/runbook-harness';

jest.setTimeout(300_000);

const TIME_SCALE = 100;
const PASSWORD = 'not-printed-kill-4e1d';
const CRITICAL = 'orders,customers,events';

let pair: BlueGreenPair;
let h: RunbookHarness;
let aws: HoldingProxy;
let old: PgHoldingProxy;
let prod: PgHoldingProxy;
let load: WriteLoad;
let args: string[];
const env = { REVERSE_TEST_PGPASSWORD: PASSWORD };

beforeEach(async () => {
  [pair, h] = await Promise.all([startBlueGreenPair({ customers: 200, orders: 1000, lines: 300 }), RunbookHarness.start(TIME_SCALE)]);
  await h.createDeployment('billing-upgrade', 'billing-db', '16.4', 'default.aurora-postgresql16');
  aws = new HoldingProxy(h.sim.url);
  h.endpoint = await aws.start();
  old = new PgHoldingProxy(pair.blue.port);
  prod = new PgHoldingProxy(pair.green.port);
  const [oldPort, prodPort] = await Promise.all([old.start(), prod.start()]);
  const file = path.join(h.store, 'connections.yaml');
  const entry = (name: string, port: number) =>
    `  ${name}: { host: 127.0.0.1, port: ${port}, database: app, user: postgres, password-env: REVERSE_TEST_PGPASSWORD }`;
  writeFileSync(
    file,
    `connections:\n${[entry('blue', pair.blue.port), entry('green', pair.green.port), entry('prod', prodPort), entry('old', oldPort)].join('\n')}\n`,
  );
  args = ['--connections', file, '--allow-sql-writes'];
  load = await startWriteLoad(pair.blue);
  await load.waitForCommits(20);
  aws.beforeForwarding('SwitchoverBlueGreenDeployment', async () => {
    await load.freeze();
    await switchOverDatabases(pair);
  });
});

afterEach(async () => {
  await load?.stop();
  await old?.stop();
  await prod?.stop();
  await aws?.stop();
  await h?.close();
  await pair?.stop();
});

const count = async (server: 'blue' | 'green', sql: string) => Number((await pair[server].exec(sql))[0].n);
const approval = (run: RunbookResult) =>
  run.events.filter((e) => e.type === 'approval').at(-1) as unknown as { stepId: string; request: { message: string } } | undefined;

function storedRun(): Run {
  const dir = path.join(h.store, 'runs');
  const [file] = readdirSync(dir).filter((f) => f.endsWith('.json'));
  return JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Run;
}

const step = (run: Run, id: string) => run.steps.find((s) => s.id === id)!;

/** The run up to its write freeze, approved; returns the run id, the next `approve` drives the switchover and the DDL. */
async function upToTheFreeze(): Promise<string> {
  const params = { deployment: 'billing-upgrade', critical_tables: CRITICAL, pg_replica: 'bg_sub' };
  const asked = await h.run('blue-green-switchover.md', params, { approver: false, extraArgs: args, env });
  expect(approval(asked)?.stepId).toBe('approve');
  const freeze = parseRunEvents(await cli(['approve', asked.runId!, '--as', 'bob', ...h.common(), ...args, '--json'], env));
  expect(approval(freeze)?.stepId).toBe('rr_freeze');
  await load.freeze();
  return asked.runId!;
}

/** Confirms the freeze in a process that is SIGKILLed once `held` resolves (the proxy holds an answer). */
async function confirmFreezeThenKill(runId: string, held: Promise<void>): Promise<Run> {
  const { child, done } = runCli(['approve', runId, '--as', 'alice', ...h.common(), ...args, '--json'], env);
  const ended = done.then((r: CliResult) => {
    throw new Error(`the process ended before the point of the kill (exit ${r.code}): ${r.stdout.slice(-2000)}${r.stderr}`);
  });
  await Promise.race([held, ended]);
  child.kill('SIGKILL');
  expect((await done).signal).toBe('SIGKILL');
  ended.catch(() => undefined);
  return storedRun();
}

const resume = async (runId: string) => parseRunEvents(await cli(['runs', '--resume', runId, ...h.common(), ...args, '--json'], env));
const control = async (action: 'retry' | 'skip', runId: string, ...extra: string[]) =>
  parseRunEvents(await cli([action, runId, '--as', 'alice', ...extra, ...h.common(), ...args, '--json'], env));

/** What must be true once reverse replication is set up, however many processes it took: one of each, and it streams. */
async function expectOneStreamingReverseReplication(rested: RunbookResult): Promise<void> {
  expect(rested.code).toBe(3); // waiting for "Resume writes"
  expect(approval(rested)?.stepId).toBe('rr_resume');
  expect(approval(rested)?.request.message).toMatch(/^The old environment follows the new production from the switchover point\./);
  expect(await count('green', `select count(*) as n from pg_replication_slots where slot_name = 'switchyard_reverse' and active`)).toBe(1);
  expect(await count('green', 'select count(*) as n from pg_replication_slots')).toBe(1);
  expect(await count('green', 'select count(*) as n from pg_publication')).toBe(1);
  expect(await count('blue', `select count(*) as n from pg_subscription where subname = 'switchyard_reverse'`)).toBe(1);
  expect(rested.stdout + rested.stderr).not.toContain(PASSWORD);
  // Writes resume on the new production and reach the old environment.
  await load.resume(pair.green);
  await load.waitForCommits(10);
  const marker = `after-the-crash-${Date.now()}`;
  await pair.green.exec(`insert into events (kind) values ('${marker}')`);
  const deadline = Date.now() + 30_000;
  while ((await count('blue', `select count(*) as n from events where kind = '${marker}'`)) !== 1) {
    if (Date.now() > deadline) throw new Error('the write on the new production never reached the old environment');
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(load.failures).toEqual([]);
}

it('killed between the slot and the subscription (comparing the two sides): resume goes on by itself, one slot, one subscription', async () => {
  const runId = await upToTheFreeze();
  // The first snapshot the checksum opens on old: the slot and publication exist, the subscription not yet.
  const killed = await confirmFreezeThenKill(runId, old.holdAnswer(/REPEATABLE READ/, 'BEGIN'));
  expect(step(killed, 'rr_slot').status).toBe('succeeded');
  expect(step(killed, 'rr_equal').status).toBe('running');
  expect(step(killed, 'rr_equal').inFlight).toBeUndefined(); // a read: nothing in doubt
  expect(await count('green', 'select count(*) as n from pg_replication_slots')).toBe(1);
  expect(await count('blue', 'select count(*) as n from pg_subscription')).toBe(0);

  const resumed = await resume(runId);
  expect(resumed.outputs.rr_equal).toMatchObject({ equal: true });
  await expectOneStreamingReverseReplication(resumed);
});

it('killed while the subscription is being created (before it committed): resume does not send it again, names what to check; retry creates it once', async () => {
  const runId = await upToTheFreeze();
  // CREATE SUBSCRIPTION ran on old, its transaction is open: the process dies before COMMIT.
  const killed = await confirmFreezeThenKill(runId, old.holdAnswer(/create subscription/i, 'CREATE SUBSCRIPTION'));
  expect(step(killed, 'rr_subscription').inFlight).toMatchObject({
    service: 'sql',
    operation: 'the writing query on old',
    input: { connection: 'old', query: expect.stringMatching(/^create subscription "switchyard_reverse" connection '.*password=''\*+''/) },
  });
  expect(JSON.stringify(killed)).not.toContain(PASSWORD);

  const resumed = await resume(runId);
  expect(resumed.code).toBe(1); // handed to the operator, not sent again
  const failed = storedRun();
  expect(failed.status).toBe('failed');
  expect(step(failed, 'rr_subscription').error).toMatch(
    /^the writing query on old may or may not have taken effect \(it was sent, and the process stopped before its answer was recorded; its transaction may have committed or not\); check on old whether this took effect: create subscription "switchyard_reverse" .* \(look for the subscription in pg_subscription\)\. If it did, skip this step with a reason; if it did not, retry it$/,
  );
  expect(step(failed, 'rr_subscription').error).not.toContain(PASSWORD);
  // The server rolled back the transaction the dead client never committed: nothing to find.
  expect(await count('blue', 'select count(*) as n from pg_subscription')).toBe(0);
  expect(await count('green', 'select count(*) as n from pg_replication_slots where not active')).toBe(1);

  const retried = await control('retry', runId);
  await expectOneStreamingReverseReplication(retried);
});

it('killed after the subscription committed, before the run recorded it: a blind retry is refused by PostgreSQL (no second one); skipping it goes on from what is there', async () => {
  const runId = await upToTheFreeze();
  // The server committed CREATE SUBSCRIPTION; the answer to COMMIT never reaches the process.
  const killed = await confirmFreezeThenKill(runId, old.holdAnswer(/create subscription/i, 'COMMIT'));
  expect(step(killed, 'rr_subscription').inFlight).toMatchObject({ operation: 'the writing query on old' });

  const resumed = await resume(runId);
  expect(resumed.code).toBe(1);
  expect(step(storedRun(), 'rr_subscription').error).toMatch(/look for the subscription in pg_subscription/);
  expect(await count('blue', `select count(*) as n from pg_subscription where subname = 'switchyard_reverse'`)).toBe(1);

  // An operator who retries without looking: CREATE SUBSCRIPTION is not idempotent (PostgreSQL has no IF NOT EXISTS for it), it fails, nothing doubles.
  const blind = await control('retry', runId);
  expect(blind.code).toBe(1);
  expect(step(storedRun(), 'rr_subscription').error).toMatch(/subscription "switchyard_reverse" already exists/);
  expect(await count('blue', 'select count(*) as n from pg_subscription')).toBe(1);

  const skipped = await control('skip', runId, '--reason', 'switchyard_reverse is in pg_subscription on old');
  // The next step reads what is there: the skipped subscription is found, waited for and watched.
  expect(skipped.outputs.rr_follows).toMatchObject({ streaming: true });
  await expectOneStreamingReverseReplication(skipped);
});

it('killed after the slot was made, before the run recorded it: the slot outlives the dead transaction; resume says where to look, skip goes on with it', async () => {
  const runId = await upToTheFreeze();
  // The slot function answered on prod; the process dies before it hears of it.
  const killed = await confirmFreezeThenKill(runId, prod.holdAnswer(/pg_create_logical_replication_slot/, 'SELECT'));
  expect(step(killed, 'rr_slot').inFlight).toMatchObject({ operation: 'the writing query on prod' });

  const resumed = await resume(runId);
  expect(resumed.code).toBe(1);
  expect(step(storedRun(), 'rr_slot').error).toMatch(
    /check on prod whether this took effect: select lsn::text as lsn from pg_create_logical_replication_slot\(\$1, 'pgoutput'\) \(look for the slot in pg_replication_slots — a slot is created or dropped at once, even when the transaction around it did not commit\)/,
  );
  // A slot function acts outside the transaction: rolled back, the slot is there all the same.
  expect(await count('green', `select count(*) as n from pg_replication_slots where slot_name = 'switchyard_reverse'`)).toBe(1);

  const skipped = await control('skip', runId, '--reason', 'switchyard_reverse is in pg_replication_slots on prod');
  await expectOneStreamingReverseReplication(skipped);
});
