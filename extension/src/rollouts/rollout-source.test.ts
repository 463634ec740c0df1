/**
 * The rollouts the extension reads and controls: in the file store the CLI writes (a real
 * FileRunStore here, with a run the "CLI" started on its AWS target, which this window cannot reach).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FileRunStore, RolloutDriver, RunHost, type Rollout } from '@switchyard/core';
import { FakeAws } from '../../../shared/core/src/engine/testing/fake-aws';
import { facts } from '../../../shared/core/src/rollout/testing';
import { planRollout, rolloutFromPlan } from '../../../shared/core/src/rollout/plan';
import { matchOffered, resumeCommand, RolloutSource, rolloutStoreDirs } from './rollout-source';
import { rolloutItem } from './rollout-item';

const FAILING = `---
title: Fail over
params:
  cluster: { type: rds-cluster, required: true, description: The cluster }
locks: ["rds-cluster:{{ cluster }}"]
---
# Fail over

## Fail over {#failover}

\`\`\`aws
aws rds failover-db-cluster --db-cluster-identifier {{ cluster }}
\`\`\`
`;

let ws: string;
let storeDir: string;
const ALICE = { name: 'alice', groups: [] };

beforeEach(() => {
  ws = mkdtempSync(path.join(tmpdir(), 'switchyard-vscode-rollouts-'));
  storeDir = path.join(ws, '.switchyard');
  mkdirSync(storeDir);
});
afterEach(() => rmSync(ws, { recursive: true, force: true }));

/** A rollout the CLI started and the budget halted: c1 failed (its run holds its lock), c2 pending. */
async function haltedByTheCli(): Promise<Rollout> {
  const store = new FileRunStore(storeDir);
  const plan = planRollout({
    runbook: { params: [{ name: 'cluster', type: 'rds-cluster', required: true }] } as never,
    fleet: [facts('c1'), facts('c2')],
    selection: '*',
    template: {},
    waves: '1,rest',
    gate: { kind: 'none' },
    maxFailures: '1',
  });
  const rollout = rolloutFromPlan({
    plan,
    runbook: { file: 'runbooks/failover.md', title: 'Fail over', source: FAILING },
    selection: '*',
    target: 'http://127.0.0.1:4566@us-east-1',
    startedBy: 'bob',
    now: new Date(),
    suffix: 'abcdef',
    title: 'Fail over the payments fleet',
  });
  await store.createRollout(rollout);
  const aws = new FakeAws();
  aws.failNext = { operation: 'FailoverDBCluster', code: 'InvalidDBClusterStateFault' };
  const cli = new RunHost({ store, target: () => ({ aws, timeScale: 100 }) });
  const result = await new RolloutDriver({ host: cli, store, actor: { name: 'bob' }, pollMs: 10 }).drive(rollout.id);
  await cli.shutdown();
  expect(result.rests).toBe('halted');
  return result.rollout;
}

it('reads the workspace folders’ .switchyard and the configured stores that exist', () => {
  mkdirSync(path.join(ws, 'ops-store'));
  expect(rolloutStoreDirs([ws, path.join(ws, 'nowhere')], ['ops-store', ' ', 'missing'])).toEqual([storeDir, path.join(ws, 'ops-store')]);
});

it('lists the CLI’s rollouts for the Runs view, and shows one’s board state', async () => {
  const halted = await haltedByTheCli();
  const source = new RolloutSource(() => [storeDir]);
  const { rollouts, problems } = await source.list();
  expect(problems).toEqual([]);
  expect(rollouts.map((r) => [r.storeDir, r.summary.id, r.summary.status])).toEqual([[storeDir, halted.id, 'halted']]);
  expect(rolloutItem(rollouts[0])).toEqual({
    label: 'Rollout: Fail over the payments fleet',
    description: 'halted · 0/2 succeeded · 1 failed, 0 guard-stopped · 2 wave(s)',
    tooltip: `${halted.id}\nFail over the payments fleet\nstarted by bob at ${halted.createdAt}\nstore: ${storeDir}`,
    icon: 'warning',
  });
  const view = source.view(storeDir, halted, new Date());
  expect(view.controls.map((e) => e.label)).toEqual(['Retry 1 cluster(s)', 'Abort rollout', 'Abort rollout and its runs']);
  expect(view.clusterControls.c1.map((e) => e.label)).toEqual(['Retry', 'Skip']);
  expect(view.progress.budget.spent).toMatch(/1 cluster\(s\) failed/);
  expect(view.resumeCommand).toBe(
    `switchyard rollout resume ${halted.id} --store ${storeDir} --endpoint http://127.0.0.1:4566 --region us-east-1`,
  );
});

it('accepts from the board only a control offered now: resume is refused while the budget is spent', async () => {
  const halted = await haltedByTheCli();
  expect(matchOffered(halted, { action: 'resume' })).toBe(
    `resume does not apply to rollout ${halted.id} now (it is halted); the board shows what does`,
  );
  expect(matchOffered(halted, { action: 'skip', cluster: 'C1', reason: '' })).toMatchObject({ label: 'Skip', confirm: true });
  expect(typeof matchOffered(halted, { action: 'skip', cluster: 'c9', reason: 'x' })).toBe('string');
  expect(typeof matchOffered(halted, { action: 'retry', clusters: ['c2'] })).toBe('string');
});

it('a skip from VS Code is recorded and audited; the failed run’s lock, on a target this window cannot reach, is named with the fix', async () => {
  const halted = await haltedByTheCli();
  const source = new RolloutSource(() => [storeDir]);
  const outcome = await source.control(storeDir, halted.id, { action: 'skip', cluster: 'c1', reason: 'done by hand' }, ALICE);
  expect(outcome.rollout.clusters[0]).toMatchObject({ status: 'skipped', reason: 'done by hand' });
  expect(outcome.rollout.audit.at(-1)).toMatchObject({ actor: 'alice', action: 'rollout skip', cluster: 'c1' });
  const runId = halted.clusters[0].runId!;
  expect(outcome.unreleased).toEqual([
    { cluster: 'c1', runId, problem: `run ${runId} runs on http://127.0.0.1:4566@us-east-1, which is not available here now` },
  ]);
  expect(outcome.message).toBe(
    `Rollout ${halted.id}: skip recorded. c1's run ${runId} still holds its locks (run ${runId} runs on http://127.0.0.1:4566@us-east-1, which is not available here now). The next \`${resumeCommand(halted, storeDir)}\` releases them.`,
  );
  // Written for the CLI to find: the store's record is the one changed.
  expect((await new FileRunStore(storeDir).getRollout(halted.id))?.clusters[0].status).toBe('skipped');
});

it('a retry from VS Code is recorded; the message says a driver carries it out, and how to drive it on', async () => {
  const halted = await haltedByTheCli();
  const outcome = await new RolloutSource(() => [storeDir]).control(storeDir, halted.id, { action: 'retry' }, ALICE);
  expect(outcome.rollout.status).toBe('running');
  expect(outcome.rollout.clusters[0]).toMatchObject({ status: 'pending', previousRuns: [halted.clusters[0].runId] });
  expect(outcome.message).toContain(`drive it on in a terminal: ${resumeCommand(halted, storeDir)}`);
});

it('quotes a store path that would break the shell line (spaces, quotes, a semicolon)', () => {
  const r = { id: 'ro-20261205000000-abcdef', target: 'aws@eu-west-1' };
  expect(resumeCommand(r, "/home/o'neil/my store")).toBe(
    `switchyard rollout resume ro-20261205000000-abcdef --store '/home/o'\\''neil/my store' --region eu-west-1`,
  );
  expect(resumeCommand(r, '/tmp/x;rm -rf ~')).toBe(
    `switchyard rollout resume ro-20261205000000-abcdef --store '/tmp/x;rm -rf ~' --region eu-west-1`,
  );
});

describe('older rollouts a page at a time (the Runs view’s "More rollouts…")', () => {
  /** `n` rollouts in `dir`, a minute apart, oldest first; their ids newest first. */
  async function rolloutsIn(dir: string, n: number, startMinute = 0): Promise<string[]> {
    mkdirSync(dir, { recursive: true });
    const store = new FileRunStore(dir);
    const plan = planRollout({
      runbook: { params: [{ name: 'cluster', type: 'rds-cluster', required: true }] } as never,
      fleet: [facts('c1')],
      selection: '*',
      template: {},
      waves: 'rest',
      gate: { kind: 'none' },
      maxFailures: '1',
    });
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const rollout = rolloutFromPlan({
        plan,
        runbook: { file: 'runbooks/failover.md', title: 'Fail over', source: FAILING },
        selection: '*',
        target: 'aws@us-east-1',
        startedBy: 'bob',
        now: new Date(Date.UTC(2026, 11, 5, 9, startMinute + i)),
        suffix: `a${String(i).padStart(5, '0')}`,
        title: `Rollout ${i}`,
      });
      await store.createRollout(rollout);
      ids.unshift(rollout.id);
    }
    return ids;
  }
  const ids = (entries: { summary: { id: string } }[]) => entries.map((e) => e.summary.id);

  it('each store shows its newest page and says it has older; more pages of one store leave the other as it was', async () => {
    const other = path.join(ws, 'ops-store');
    const mine = await rolloutsIn(storeDir, 5);
    const theirs = await rolloutsIn(other, 3, 100);
    const source = new RolloutSource(() => [storeDir, other]);
    const first = await source.list(new Map(), 2);
    expect(ids(first.rollouts)).toEqual([...theirs.slice(0, 2), ...mine.slice(0, 2)]);
    expect(first.older).toEqual([storeDir, other]);
    const second = await source.list(new Map([[storeDir, 2]]), 2);
    expect(ids(second.rollouts)).toEqual([...theirs.slice(0, 2), ...mine.slice(0, 4)]);
    expect(second.older).toEqual([storeDir, other]);
    const all = await source.list(
      new Map([
        [storeDir, 3],
        [other, 9],
      ]),
      2,
    );
    expect(ids(all.rollouts)).toEqual([...theirs, ...mine]);
    expect(all.older).toEqual([]);
  });

  it('a rollout deleted where the last page ended (the cursor’s own) neither hides nor repeats another; an emptied last page ends the list', async () => {
    const mine = await rolloutsIn(storeDir, 5);
    const source = new RolloutSource(() => [storeDir]);
    expect(ids((await source.list(new Map(), 2)).rollouts)).toEqual(mine.slice(0, 2));
    rmSync(path.join(storeDir, 'rollouts', `${mine[1]}.json`));
    const after = await source.list(new Map([[storeDir, 2]]), 2);
    expect(ids(after.rollouts)).toEqual([mine[0], mine[2], mine[3], mine[4]]);
    expect(after.older).toEqual([]);
    // The older page emptied before "More rollouts…" is clicked: nothing more, and no "More" item.
    rmSync(path.join(storeDir, 'rollouts', `${mine[3]}.json`));
    rmSync(path.join(storeDir, 'rollouts', `${mine[4]}.json`));
    const emptied = await source.list(new Map([[storeDir, 5]]), 2);
    expect(ids(emptied.rollouts)).toEqual([mine[0], mine[2]]);
    expect(emptied.older).toEqual([]);
  });

  it('a rollout started after the first page was shown moves nothing out of view: the pages are read again from the newest', async () => {
    const mine = await rolloutsIn(storeDir, 3);
    const source = new RolloutSource(() => [storeDir]);
    expect((await source.list(new Map(), 2)).older).toEqual([storeDir]);
    const newer = await rolloutsIn(storeDir, 1, 60);
    const shown = await source.list(new Map([[storeDir, 2]]), 2);
    expect(ids(shown.rollouts)).toEqual([...newer, ...mine]);
    expect(shown.older).toEqual([]);
  });
});
