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
