import { applyRolloutControl } from './controls';
import { clusterControlEffects, rolloutControlAllowed, rolloutControlEffects } from './control-effect';
import type { Rollout, RolloutClusterStatus } from './rollout';
import { testRollout } from './testing';

const NOW = new Date('2026-12-05T01:00:00.000Z');

function set(r: Rollout, status: RolloutClusterStatus, ...indexes: number[]): Rollout {
  const next = structuredClone(r);
  for (const i of indexes) {
    next.clusters[i].status = status;
    next.clusters[i].runId = `run-${i}`;
  }
  return next;
}

const labels = (r: Rollout) => rolloutControlEffects(r).map((e) => e.label);

it('offers exactly the controls the transition accepts, in every state', () => {
  const running = set(testRollout(4), 'running', 0);
  expect(labels(running)).toEqual(['Pause rollout', 'Abort rollout', 'Abort rollout and its runs']);
  const paused = applyRolloutControl(running, { action: 'pause' }, 'a', NOW);
  expect(labels(paused)).toEqual(['Resume rollout', 'Abort rollout', 'Abort rollout and its runs']);
  const halted = { ...set(testRollout(4, { maxFailures: '1' }), 'failed', 0), status: 'halted' as const };
  // Resume is refused while the budget is spent: not offered.
  expect(labels(halted)).toEqual(['Retry 1 cluster(s)', 'Abort rollout', 'Abort rollout and its runs']);
  const aborted = applyRolloutControl(running, { action: 'abort', abortRuns: false }, 'a', NOW);
  expect(labels(aborted)).toEqual([]);
  const gated = testRollout(3, { gate: { kind: 'approval' } });
  expect(labels(set(gated, 'succeeded', 0))).toContain('Approve wave 2');
  for (const r of [running, paused, halted, aborted, gated])
    for (const e of rolloutControlEffects(r)) expect(rolloutControlAllowed(r, e.control)).toBe(true);
});

it('says what each does: abort names the runs in progress, retry a fresh run and the failed run aborted first', () => {
  const r = { ...set(set(testRollout(4, { maxFailures: '1' }), 'running', 1), 'guard-stopped', 0), status: 'halted' as const };
  const effects = Object.fromEntries(rolloutControlEffects(r).map((e) => [e.label, e]));
  expect(effects['Abort rollout and its runs']).toMatchObject({
    confirm: true,
    reasonRequired: false,
    control: { action: 'abort', abortRuns: true },
    effects: [
      'No new cluster starts, for good (2 never start).',
      'The 1 run(s) in progress are aborted where they are (c02): nothing they changed is undone, and an AWS call already sent is not recalled.',
    ],
  });
  expect(effects['Abort rollout'].effects[1]).toBe('1 run(s) in progress (c02): they finish; nothing is undone.');
  expect(effects['Retry 1 cluster(s)']).toMatchObject({ confirm: false, control: { action: 'retry' } });
  expect(effects['Retry 1 cluster(s)'].effects[0]).toBe(
    'c01: a fresh run starts from the first step, reading the cluster as it is now; the failed run run-0 is aborted first (releasing its locks; nothing it changed is undone).',
  );
});

it('per cluster: a failed one may be retried or skipped (skip confirmed, with a reason, its run released); a running one neither', () => {
  const r = set(set(testRollout(3), 'failed', 0), 'running', 1);
  const failed = clusterControlEffects(r, r.clusters[0]);
  expect(failed.map((e) => [e.label, e.confirm, e.reasonRequired, e.cluster])).toEqual([
    ['Retry', false, false, 'c01'],
    ['Skip', true, true, 'c01'],
  ]);
  // The skip's reason is the person's to give: never a placeholder.
  expect(failed[1].control).toEqual({ action: 'skip', cluster: 'c01', reason: '' });
  expect(failed[1].effects[1]).toBe(
    'Its failed run run-0 is aborted, releasing its locks; nothing it changed is undone (a rollback of that run stays possible).',
  );
  expect(clusterControlEffects(r, r.clusters[1])).toEqual([]);
  const pending = clusterControlEffects(r, r.clusters[2]);
  expect(pending.map((e) => e.label)).toEqual(['Skip']);
  expect(pending[0].effects).toEqual(['c03 is left as it is: its run never starts (it was to run in wave 2).']);
});
