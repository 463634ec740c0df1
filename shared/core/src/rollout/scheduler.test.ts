import { applyRolloutControl } from './controls';
import { RolloutControlError } from './errors';
import { unwantedRuns, type Rollout, type RolloutClusterStatus } from './rollout';
import { budgetState, schedule } from './scheduler';
import { testRollout } from './testing';

const NOW = new Date('2026-12-05T01:00:00.000Z');

/** Sets the status of clusters by index (and an end time for those that ended). */
function set(r: Rollout, status: RolloutClusterStatus, ...indexes: number[]): Rollout {
  const next = structuredClone(r);
  for (const i of indexes) {
    next.clusters[i].status = status;
    next.clusters[i].runId = `run-${i}`;
    if (['succeeded', 'failed', 'guard-stopped', 'aborted', 'skipped'].includes(status))
      next.clusters[i].endedAt = '2026-12-05T00:59:00.000Z';
  }
  return next;
}

describe('scheduler', () => {
  it('starts the canary alone, then the next wave only once the canary is over', () => {
    let r = testRollout(5, { waves: '1,2,rest' });
    expect(schedule(r, NOW)).toEqual([{ type: 'start', clusters: [0] }]);
    r = set(r, 'running', 0);
    expect(schedule(r, NOW)).toEqual([{ type: 'await-runs', clusters: [0] }]);
    r = set(r, 'succeeded', 0);
    expect(schedule(r, NOW)).toEqual([{ type: 'start', clusters: [1, 2] }]);
    r = set(r, 'succeeded', 1, 2);
    expect(schedule(r, NOW)).toEqual([{ type: 'start', clusters: [3, 4] }]);
    r = set(r, 'succeeded', 3, 4);
    expect(schedule(r, NOW)).toEqual([{ type: 'finish', status: 'succeeded', reason: 'all 5 cluster(s) done' }]);
  });

  it('keeps at most max-concurrency runs at once within a wave', () => {
    let r = testRollout(6, { waves: 'rest', maxConcurrency: 2 });
    expect(schedule(r, NOW)).toEqual([{ type: 'start', clusters: [0, 1] }]);
    r = set(r, 'running', 0, 1);
    expect(schedule(r, NOW)).toEqual([{ type: 'await-runs', clusters: [0, 1] }]);
    r = set(r, 'succeeded', 0);
    expect(schedule(r, NOW)).toEqual([
      { type: 'start', clusters: [2] },
      { type: 'await-runs', clusters: [1] },
    ]);
    // A run waiting for a person still takes a slot.
    r = set(r, 'waiting', 2);
    expect(schedule(r, NOW)).toEqual([{ type: 'await-runs', clusters: [1, 2] }]);
  });

  it('halts on the failure that spends the budget; runs in progress go on; guard stops are counted apart', () => {
    let r = testRollout(10, { waves: 'rest', maxFailures: '2', maxGuardStops: '3' });
    r = set(r, 'running', 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    r = set(r, 'failed', 0);
    r = set(r, 'guard-stopped', 1, 2);
    expect(budgetState(r)).toMatchObject({ failed: 1, guardStopped: 2, failureLimit: 2, guardStopLimit: 3 });
    expect(schedule(r, NOW)[0].type).toBe('await-runs');
    r = set(r, 'failed', 3);
    expect(schedule(r, NOW)).toEqual([
      { type: 'halt', reason: '2 cluster(s) failed; the budget allows 2' },
      { type: 'await-runs', clusters: [4, 5, 6, 7, 8, 9] },
    ]);
    const g = set(set(testRollout(10, { waves: 'rest', maxFailures: '5', maxGuardStops: '1' }), 'guard-stopped', 0), 'pending', 1);
    expect(schedule(g, NOW)[0]).toEqual({ type: 'halt', reason: '1 cluster(s) were stopped by a guard; the budget allows 1' });
  });

  it('a budget of 1 halts on the first failure even in the canary; succeeded and skipped do not count', () => {
    let r = testRollout(4, { waves: '1,rest', maxFailures: '1' });
    r = set(r, 'failed', 0);
    expect(schedule({ ...r, status: 'running' }, NOW)[0].type).toBe('halt');
    r = set(testRollout(4, { waves: '1,rest', maxFailures: '1' }), 'skipped', 0);
    expect(schedule(r, NOW)).toEqual([{ type: 'start', clusters: [1, 2, 3] }]);
  });

  it('a percentage budget counts against all selected clusters', () => {
    let r = testRollout(20, { waves: 'rest', maxFailures: '10%' });
    r = set(r, 'failed', 0);
    expect(budgetState(r).spent).toBeUndefined();
    r = set(r, 'failed', 1);
    expect(budgetState(r).spent).toBe('2 cluster(s) failed; the budget allows 2');
  });

  it('waits for an approval before every wave after the first, once', () => {
    let r = testRollout(3, { waves: '1,1,1', gate: { kind: 'approval' } });
    r = set(r, 'succeeded', 0);
    expect(schedule(r, NOW)).toEqual([{ type: 'await-approval', wave: 1 }]);
    r = applyRolloutControl(r, { action: 'approve' }, 'bob', NOW);
    expect(r.approvedWaves).toEqual([1]);
    expect(schedule(r, NOW)).toEqual([{ type: 'start', clusters: [1] }]);
    r = set(r, 'succeeded', 1);
    expect(schedule(r, NOW)).toEqual([{ type: 'await-approval', wave: 2 }]);
  });

  it('pauses between waves, counted from when the previous wave ended', () => {
    let r = testRollout(2, { waves: '1,1', gate: { kind: 'pause', seconds: 300 } });
    r = set(r, 'succeeded', 0);
    expect(schedule(r, NOW)).toEqual([{ type: 'await-time', wave: 1, until: '2026-12-05T01:04:00.000Z' }]);
    expect(schedule(r, new Date('2026-12-05T01:04:00.000Z'))).toEqual([{ type: 'start', clusters: [1] }]);
  });

  it('starts nothing while paused, halted or aborted, but follows the runs in progress', () => {
    const r = set(testRollout(4, { waves: 'rest' }), 'running', 0);
    expect(schedule({ ...r, status: 'paused' }, NOW)).toEqual([{ type: 'await-runs', clusters: [0] }]);
    expect(schedule({ ...r, status: 'aborted' }, NOW)).toEqual([{ type: 'await-runs', clusters: [0] }]);
    expect(schedule({ ...testRollout(4), status: 'halted' }, NOW)).toEqual([{ type: 'rest', why: 'the rollout is halted' }]);
  });

  it('ends failed when any cluster did not succeed and the budget was never spent', () => {
    const r = set(set(testRollout(3, { waves: 'rest', maxFailures: '2' }), 'succeeded', 0, 1), 'failed', 2);
    expect(schedule(r, NOW)).toEqual([{ type: 'finish', status: 'failed', reason: '1 of 3 cluster(s) did not succeed' }]);
  });
});

describe('controls', () => {
  const refused = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      if (error instanceof RolloutControlError) return error.message;
      throw error;
    }
    throw new Error('expected a refusal');
  };

  it('retry reopens a halted rollout and gives only the failed and guard-stopped clusters a fresh run, audited', () => {
    let r = set(set(set(testRollout(5, { waves: 'rest', maxFailures: '2' }), 'failed', 0, 1), 'guard-stopped', 2), 'succeeded', 3);
    r = { ...r, status: 'halted' };
    r.clusters[0] = { ...r.clusters[0], step: 'Fail over', reason: 'boom', startedAt: '2026-12-05T00:58:00.000Z' };
    const next = applyRolloutControl(r, { action: 'retry' }, 'alice', NOW);
    expect(next.status).toBe('running');
    expect(next.version).toBe(r.version + 1);
    // Pending again, with no run: the scheduler starts each anew (attempt 1), the failed run kept as an earlier one.
    expect(next.clusters.map((c) => [c.status, c.runId, c.previousRuns, c.retries])).toEqual([
      ['pending', undefined, ['run-0'], 1],
      ['pending', undefined, ['run-1'], 1],
      ['pending', undefined, ['run-2'], 1],
      ['succeeded', 'run-3', undefined, 0],
      ['pending', undefined, undefined, 0],
    ]);
    expect(next.clusters[0]).not.toHaveProperty('step');
    expect(next.clusters[0]).not.toHaveProperty('reason');
    expect(next.clusters[0]).not.toHaveProperty('startedAt');
    expect(next.clusters[0]).not.toHaveProperty('endedAt');
    expect(schedule(next, NOW)).toEqual([{ type: 'start', clusters: [0, 1, 2, 4] }]);
    expect(next.audit.map((a) => `${a.actor} ${a.action} ${a.cluster}: ${a.detail}`)).toEqual([
      'alice rollout retry c01: a fresh run starts; the failed run run-0 is aborted first, releasing its locks',
      'alice rollout retry c02: a fresh run starts; the failed run run-1 is aborted first, releasing its locks',
      'alice rollout retry c03: a fresh run starts; the failed run run-2 is aborted first, releasing its locks',
    ]);
    // Only the named one, any case.
    const one = applyRolloutControl(r, { action: 'retry', clusters: ['C02'] }, 'alice', NOW);
    expect(one.clusters.map((c) => c.status).slice(0, 3)).toEqual(['failed', 'pending', 'guard-stopped']);
    // Still 1 failed of a budget of 2: running again.
    expect(one.status).toBe('running');
    expect(refused(() => applyRolloutControl(r, { action: 'retry', clusters: ['zz'] }, 'alice', NOW))).toMatch(/no cluster zz/);
  });

  it('skip needs a reason and refuses a cluster with a run in progress', () => {
    const r = set(testRollout(3), 'running', 0);
    expect(refused(() => applyRolloutControl(r, { action: 'skip', cluster: 'c02', reason: ' ' }, 'a', NOW))).toMatch(/needs a reason/);
    expect(refused(() => applyRolloutControl(r, { action: 'skip', cluster: 'c01', reason: 'x' }, 'a', NOW))).toMatch(
      /abort that run first/,
    );
    const next = applyRolloutControl(r, { action: 'skip', cluster: 'C02', reason: 'decommissioned' }, 'a', NOW);
    expect(next.clusters[1]).toMatchObject({ status: 'skipped', reason: 'decommissioned' });
    expect(next.audit.at(-1)).toEqual({
      at: NOW.toISOString(),
      actor: 'a',
      action: 'rollout skip',
      cluster: 'c02',
      detail: 'decommissioned',
    });
    // A failed cluster's run is named as released (the driver aborts it: unwantedRuns).
    const failed = applyRolloutControl(set(r, 'failed', 2), { action: 'skip', cluster: 'c03', reason: 'by hand' }, 'a', NOW);
    expect(failed.audit.at(-1)?.detail).toBe('its run run-2 is aborted, releasing its locks; nothing it changed is undone; by hand');
    expect(unwantedRuns(failed.clusters[2])).toEqual(['run-2']);
    expect(unwantedRuns(next.clusters[1])).toEqual([]);
  });

  it('resume refuses while the budget is still spent; pause only a running rollout; abort records the choice', () => {
    const halted = { ...set(testRollout(4, { maxFailures: '1' }), 'failed', 0), status: 'halted' as const };
    expect(refused(() => applyRolloutControl(halted, { action: 'resume' }, 'a', NOW))).toMatch(/budget is spent/);
    expect(refused(() => applyRolloutControl(halted, { action: 'pause' }, 'a', NOW))).toMatch(/only a running rollout/);
    const paused = applyRolloutControl(testRollout(2), { action: 'pause' }, 'a', NOW);
    expect(applyRolloutControl(paused, { action: 'resume' }, 'a', NOW).status).toBe('running');
    const aborted = applyRolloutControl(paused, { action: 'abort', abortRuns: true, reason: 'wrong version' }, 'a', NOW);
    expect(aborted).toMatchObject({ status: 'aborted', abortRuns: true, endedAt: NOW.toISOString() });
    expect(aborted.audit.at(-1)?.detail).toBe('runs in progress are aborted; wrong version');
    expect(refused(() => applyRolloutControl(aborted, { action: 'abort', abortRuns: false }, 'a', NOW))).toMatch(/already ended/);
    expect(refused(() => applyRolloutControl(aborted, { action: 'retry' }, 'a', NOW))).toMatch(/was aborted/);
  });

  it('approve refuses without an approval gate and when no wave is left', () => {
    expect(refused(() => applyRolloutControl(testRollout(2), { action: 'approve' }, 'a', NOW))).toMatch(/no approval gate/);
    let r = testRollout(2, { waves: '1,1', gate: { kind: 'approval' } });
    r = applyRolloutControl(r, { action: 'approve' }, 'a', NOW);
    expect(refused(() => applyRolloutControl(r, { action: 'approve' }, 'a', NOW))).toMatch(/no wave is left/);
  });
});
