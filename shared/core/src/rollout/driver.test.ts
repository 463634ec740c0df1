/**
 * The driver on a real file store and RunHost (a fake AWS; the runbooks make no AWS call), at the
 * crash windows that matter: after the intent was recorded and before the run was created, and
 * after the run was created and before the rollout recorded it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FileRunStore } from '../engine/file-run-store';
import { FakeAws } from '../engine/testing/fake-aws';
import { RunHost } from '../host/run-host';
import { RolloutDriver } from './driver';
import { RolloutLeaseHeldError } from './errors';
import { planRollout } from './plan';
import { rolloutFromPlan } from './plan';
import { runIdFor, type Rollout } from './rollout';
import { facts } from './testing';

const MANUAL = `---
title: Note it
params:
  cluster: { type: rds-cluster, required: true, description: The cluster }
locks: ["host:{{ cluster }}"]
---
# Note it

## Do it {#do}

\`\`\`approve
message: Change {{ cluster }}?
four-eyes: false
\`\`\`
`;

/** The same with a change made: a mutating runbook takes its lock. */
const CHANGE = `${MANUAL}
## Fail over {#failover}

\`\`\`aws
aws rds failover-db-cluster --db-cluster-identifier {{ cluster }}
\`\`\`
`;

let dir: string;
let store: FileRunStore;
let hosts: RunHost[];
const ALICE = { name: 'alice', groups: [] };

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'switchyard-rollout-driver-'));
  store = new FileRunStore(dir);
  hosts = [];
});
afterEach(async () => {
  await Promise.all(hosts.map((h) => h.shutdown()));
  rmSync(dir, { recursive: true, force: true });
});

function host(): RunHost {
  const aws = new FakeAws();
  const h = new RunHost({ store, target: () => ({ aws, timeScale: 100 }) });
  hosts.push(h);
  return h;
}

async function recorded(n: number, waves = 'rest', maxFailures = '1', source = MANUAL): Promise<Rollout> {
  const plan = planRollout({
    runbook: { params: [{ name: 'cluster', type: 'rds-cluster', required: true }] } as never,
    fleet: Array.from({ length: n }, (_, i) => facts(`c${i + 1}`)),
    selection: '*',
    template: {},
    waves,
    gate: { kind: 'none' },
    maxFailures,
  });
  const rollout = rolloutFromPlan({
    plan,
    runbook: { file: 'note.md', title: 'Note it', source },
    selection: '*',
    target: 'sandbox',
    startedBy: 'alice',
    now: new Date(),
    suffix: 'abcdef',
  });
  await store.createRollout(rollout);
  return rollout;
}

/** Writes the rollout as a driver would have, one version on. */
async function write(rollout: Rollout, change: (r: Rollout) => void): Promise<Rollout> {
  const next = structuredClone(rollout);
  change(next);
  next.version++;
  expect(await store.putRollout(next)).toBe(true);
  return next;
}

const runsOf = async (rolloutId: string) => (await store.list()).filter((r) => r.rollout?.id === rolloutId);

it("starts each cluster's run on the cluster's own target and entity when the host recorded them (a rollout across accounts and regions)", async () => {
  const targets: string[] = [];
  const aws = new FakeAws();
  const h = new RunHost({ store, target: (key) => (targets.push(key), { aws, timeScale: 100 }) });
  hosts.push(h);
  const rollout = await recorded(2);
  await write(rollout, (r) => {
    r.clusters[0] = { ...r.clusters[0], target: '111111111111:eu-west-1', entityRef: 'resource:default/c1' };
  });
  const result = await new RolloutDriver({ host: h, store, actor: ALICE, autoApprove: true, pollMs: 10 }).drive(rollout.id);
  expect(result.rollout.status).toBe('succeeded');
  const [first, second] = [await store.get(runIdFor(rollout.id, 0)), await store.get(runIdFor(rollout.id, 1))];
  expect([first?.target?.key, first?.entityRef]).toEqual(['111111111111:eu-west-1', 'resource:default/c1']);
  expect([second?.target?.key, second?.entityRef]).toEqual(['sandbox', undefined]);
  expect(targets).toEqual(expect.arrayContaining(['111111111111:eu-west-1', 'sandbox']));
});

it('drives every cluster to the end: one run each, linked to the rollout, approvals answered with autoApprove', async () => {
  const rollout = await recorded(3, '1,rest');
  const result = await new RolloutDriver({ host: host(), store, actor: ALICE, autoApprove: true, pollMs: 10 }).drive(rollout.id);
  expect(result.rests).toBe('ended');
  expect(result.rollout.status).toBe('succeeded');
  const runs = await runsOf(rollout.id);
  expect(runs.map((r) => [r.id, r.rollout?.cluster, r.status]).sort()).toEqual([
    [runIdFor(rollout.id, 0), 'c1', 'succeeded'],
    [runIdFor(rollout.id, 1), 'c2', 'succeeded'],
    [runIdFor(rollout.id, 2), 'c3', 'succeeded'],
  ]);
});

it('with autoApprove a run is approved as it asks, not at the driver’s next look at the runs', async () => {
  const rollout = await recorded(3);
  const pollMs = 3_000;
  const started = Date.now();
  const result = await new RolloutDriver({ host: host(), store, actor: ALICE, autoApprove: true, pollMs }).drive(rollout.id);
  expect(result.rollout.status).toBe('succeeded');
  const runs = await Promise.all((await runsOf(rollout.id)).map(async (r) => (await store.get(r.id))!));
  expect(runs).toHaveLength(3);
  for (const run of runs) {
    const approvals = run.audit.filter((a) => a.action === 'approved');
    // One approval per run, by the driver's actor, within the first pause between its looks at the
    // runs (an approval made only by a look comes after a whole pause).
    expect(approvals.map((a) => a.actor)).toEqual(['alice']);
    expect(Date.parse(approvals[0].at) - started).toBeLessThan(pollMs);
  }
});

it('crash after the intent, before the run: the resume creates the run once, under the recorded id', async () => {
  let rollout = await recorded(2);
  rollout = await write(rollout, (r) => {
    r.clusters[0] = { ...r.clusters[0], status: 'starting', runId: runIdFor(r.id, 0) };
  });
  const h = host();
  const start = jest.spyOn(h, 'start');
  const result = await new RolloutDriver({ host: h, store, actor: ALICE, autoApprove: true, pollMs: 10 }).drive(rollout.id);
  expect(result.rollout.status).toBe('succeeded');
  expect(start.mock.calls.map((c) => c[0].id)).toEqual([runIdFor(rollout.id, 0), runIdFor(rollout.id, 1)]);
  expect(await runsOf(rollout.id)).toHaveLength(2);
});

it('crash after the run was created, before the rollout recorded it: the resume finds it and starts nothing for it', async () => {
  let rollout = await recorded(2);
  rollout = await write(rollout, (r) => {
    r.clusters[0] = { ...r.clusters[0], status: 'starting', runId: runIdFor(r.id, 0) };
  });
  // The dead driver's run: created, then the process died.
  const dead = host();
  await dead.start({
    id: runIdFor(rollout.id, 0),
    file: 'note.md',
    source: MANUAL,
    params: { cluster: 'c1' },
    startedBy: 'alice',
    target: 'sandbox',
    rollout: { id: rollout.id, cluster: 'c1' },
  });
  await dead.shutdown();
  const h = host();
  const start = jest.spyOn(h, 'start');
  const result = await new RolloutDriver({ host: h, store, actor: ALICE, autoApprove: true, pollMs: 10 }).drive(rollout.id);
  expect(result.rollout.status).toBe('succeeded');
  expect(start.mock.calls.map((c) => c[0].id)).toEqual([runIdFor(rollout.id, 1)]);
  expect(await runsOf(rollout.id)).toHaveLength(2);
});

it('even two drivers that both think they should start a cluster create one run: the store refuses the second id', async () => {
  const rollout = await recorded(1);
  const h = host();
  const run = {
    id: runIdFor(rollout.id, 0),
    file: 'note.md',
    source: MANUAL,
    params: { cluster: 'c1' },
    startedBy: 'alice',
    target: 'sandbox',
  };
  await h.start(run);
  await expect(h.start(run)).rejects.toThrow(/already exists/);
});

it('one driver at a time: a rollout another live process drives is refused, nothing written', async () => {
  const rollout = await recorded(2);
  expect(await store.claim(rollout.id, 'elsewhere:1:x', 60_000)).toBe(true);
  await expect(new RolloutDriver({ host: host(), store, actor: ALICE }).drive(rollout.id)).rejects.toBeInstanceOf(RolloutLeaseHeldError);
  expect((await store.getRollout(rollout.id))?.version).toBe(1);
});

it('without autoApprove the runs wait for people: the rollout rests with them waiting; abort --abort-runs aborts them', async () => {
  const rollout = await recorded(2);
  const h = host();
  const driver = new RolloutDriver({ host: h, store, actor: ALICE, pollMs: 10 });
  const first = await driver.drive(rollout.id);
  expect(first.rests).toBe('runs-waiting');
  expect(first.rollout.clusters.map((c) => c.status)).toEqual(['waiting', 'waiting']);
  await driver.control(rollout.id, { action: 'abort', abortRuns: true, reason: 'wrong window' }, ALICE);
  const second = await driver.drive(rollout.id);
  expect(second.rests).toBe('ended');
  expect(second.rollout.status).toBe('aborted');
  expect(second.rollout.clusters.map((c) => c.status)).toEqual(['aborted', 'aborted']);
  expect((await runsOf(rollout.id)).map((r) => r.status)).toEqual(['aborted', 'aborted']);
});

it('a cluster another run holds is a failure with the holder named (and counts against the budget)', async () => {
  const rollout = await recorded(2, 'rest', '1', CHANGE);
  const h = host();
  const other = await h.start({ file: 'change.md', source: CHANGE, params: { cluster: 'c1' }, startedBy: 'bob', target: 'sandbox' });
  const result = await new RolloutDriver({ host: h, store, actor: ALICE, autoApprove: true, pollMs: 10 }).drive(rollout.id);
  expect(result.rollout.clusters[0]).toMatchObject({ status: 'failed', reason: expect.stringContaining(`locked by run ${other.id}`) });
  expect(result.rollout.status).toBe('halted');
  expect(result.rests).toBe('halted');
});

/** A failover that records the writer and the target in its first step, then fails over to that target: a retry must not reuse them. */
const FAILOVER = `---
title: Fail over
params:
  cluster: { type: rds-cluster, required: true, description: The cluster }
locks: ["rds-cluster:{{ cluster }}"]
---
# Fail over

## Check {#before}

\`\`\`check
observe:
  cluster: { cluster: "{{ cluster }}" }
expect:
  - that: cluster.status == "available"
    message: the cluster is not available
output:
  writer: cluster.writer
  target: cluster.failoverTarget
\`\`\`

## Fail over {#failover}

\`\`\`aws
aws rds failover-db-cluster --db-cluster-identifier {{ cluster }} --target-db-instance-identifier {{ steps.before.output.target }}
\`\`\`
`;

describe('retry and skip of a failed cluster', () => {
  /** A one-cluster rollout whose failover AWS refuses: the run fails at "Fail over", holding the cluster's lock. */
  async function failedRollout(): Promise<{ rollout: Rollout; aws: FakeAws; h: RunHost; driver: RolloutDriver }> {
    const rollout = await recorded(1, 'rest', '1', FAILOVER);
    const aws = new FakeAws();
    const h = new RunHost({ store, target: () => ({ aws, timeScale: 100 }) });
    hosts.push(h);
    aws.failNext = { operation: 'FailoverDBCluster', code: 'InvalidDBClusterStateFault' };
    const driver = new RolloutDriver({ host: h, store, actor: ALICE, pollMs: 10 });
    const first = await driver.drive(rollout.id);
    expect(first.rests).toBe('halted');
    expect(first.rollout.clusters[0]).toMatchObject({ status: 'failed', runId: runIdFor(rollout.id, 0) });
    expect(await h.locks()).toEqual([{ key: 'rds-cluster:c1@123456789012/us-east-1', runId: runIdFor(rollout.id, 0) }]);
    return { rollout: first.rollout, aws, h, driver };
  }

  it('retry starts a fresh run that reads live state (not the failed run resumed on its recorded outputs); the failed run is aborted first', async () => {
    const { rollout, aws, h, driver } = await failedRollout();
    const failed = await h.get(runIdFor(rollout.id, 0));
    expect(failed?.steps[0].output).toEqual({ writer: 'db-0', target: 'db-1' });
    // Meanwhile Aurora failed over on its own: db-1, the target the failed run recorded, is the writer now.
    aws.writer = 'db-1';
    aws.readers = ['db-0', 'db-2'];
    await driver.control(rollout.id, { action: 'retry', reason: 'AWS was busy' }, ALICE);
    const after = await driver.drive(rollout.id);
    expect(after.rollout.status).toBe('succeeded');
    const fresh = runIdFor(rollout.id, 0, 1);
    expect(fresh).toBe(`${rollout.id}-c0001-r1`);
    expect(after.rollout.clusters[0]).toMatchObject({ status: 'succeeded', runId: fresh, previousRuns: [failed!.id], retries: 1 });
    const run = await h.get(fresh);
    expect(run).toMatchObject({ status: 'succeeded', rollout: { id: rollout.id, cluster: 'c1' } });
    // Its first step read the cluster again: the new writer, and a reader as the target.
    expect(run?.steps[0].output).toMatchObject({ writer: 'db-1' });
    const sent = aws.calls.filter((c) => c.operation === 'FailoverDBCluster').map((c) => c.input.TargetDBInstanceIdentifier);
    expect(sent).toHaveLength(2);
    expect(sent[1]).not.toBe('db-1');
    // The failed run was ended (aborted, with why), so the fresh one could take the lock; none is held now.
    const old = await h.get(failed!.id);
    expect(old?.status).toBe('aborted');
    expect(JSON.stringify(old?.audit)).toContain(`rollout ${rollout.id} retries c1 with a fresh run`);
    expect(await h.locks()).toEqual([]);
    expect(await runsOf(rollout.id)).toHaveLength(2);
  });

  it('a crash after the retry was recorded and the old run aborted, before the fresh run was created: the resume creates it once', async () => {
    const { rollout, h, driver } = await failedRollout();
    await driver.control(rollout.id, { action: 'retry' }, ALICE);
    // The dead driver got as far as recording the intent and aborting the old run.
    let r = (await store.getRollout(rollout.id))!;
    r = await write(r, (x) => {
      x.clusters[0] = { ...x.clusters[0], status: 'starting', runId: runIdFor(x.id, 0, 1) };
    });
    await h.control(runIdFor(r.id, 0), { action: 'abort' }, ALICE);
    const start = jest.spyOn(h, 'start');
    const after = await new RolloutDriver({ host: h, store, actor: ALICE, pollMs: 10 }).drive(r.id);
    expect(after.rollout.status).toBe('succeeded');
    expect(start.mock.calls.map((c) => c[0].id)).toEqual([runIdFor(r.id, 0, 1)]);
    expect((await runsOf(r.id)).map((x) => [x.id, x.status]).sort()).toEqual([
      [runIdFor(r.id, 0), 'aborted'],
      [runIdFor(r.id, 0, 1), 'succeeded'],
    ]);
  });

  it('skip of a failed cluster aborts its run, releasing its lock: the cluster can be run on again', async () => {
    const { rollout, h, driver } = await failedRollout();
    await driver.control(rollout.id, { action: 'skip', cluster: 'c1', reason: 'done by hand' }, ALICE);
    const after = await driver.drive(rollout.id);
    // Skipping does not resume a halted rollout (someone resumes it); its run is aborted all the same.
    expect(after.rests).toBe('halted');
    expect(after.rollout.clusters[0]).toMatchObject({ status: 'skipped', reason: 'done by hand' });
    const old = await h.get(runIdFor(rollout.id, 0));
    expect(old?.status).toBe('aborted');
    expect(JSON.stringify(old?.audit)).toContain(`c1 was skipped in rollout ${rollout.id}`);
    expect(await h.locks()).toEqual([]);
    const again = await h.start({ file: 'f.md', source: FAILOVER, params: { cluster: 'c1' }, startedBy: 'bob', target: 'sandbox' });
    expect(again.status).not.toBe('failed');
    await h.settled(again.id);
  });

  it('a host that cannot reach the failed run’s target says so, naming the run: the skip stands, the next drive releases it', async () => {
    const { rollout, h } = await failedRollout();
    const blind = new RunHost({ store, target: () => undefined });
    hosts.push(blind);
    const elsewhere = new RolloutDriver({ host: blind, store, actor: ALICE, pollMs: 10 });
    const skipped = await elsewhere.control(rollout.id, { action: 'skip', cluster: 'c1', reason: 'done by hand' }, ALICE);
    const held = await elsewhere.releaseUnwantedRuns(skipped);
    expect(held).toEqual([
      { cluster: 'c1', runId: runIdFor(rollout.id, 0), problem: expect.stringMatching(/runs on sandbox, which is not available here now/) },
    ]);
    expect((await store.getRollout(rollout.id))?.clusters[0].status).toBe('skipped');
    expect(await h.locks()).toHaveLength(1);
    // A host that can reach it releases it (the CLI's `rollout resume`, whoever drives next).
    await new RolloutDriver({ host: h, store, actor: ALICE, pollMs: 10 }).drive(rollout.id);
    expect(await h.locks()).toEqual([]);
  });
});
