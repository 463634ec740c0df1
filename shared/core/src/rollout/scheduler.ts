/**
 * The rollout's scheduler, a pure function: from the rollout as recorded (and the time) to what
 * the driver does next. The driver only carries actions out and records what happened; every
 * decision — which clusters start, when a wave may begin, when the budget stops the rollout,
 * when it is over — is made here, so it is tested without AWS, a store or a clock.
 */
import { limitOf } from './plan';
import { CLUSTER_ACTIVE, CLUSTER_DONE, ROLLOUT_ENDED, type Rollout, type RolloutStatus } from './rollout';

export type RolloutAction =
  /** Record the run id (the intent) for these clusters, then create their runs. */
  | { type: 'start'; clusters: number[] }
  /** The failure budget is spent: stop starting runs (status `halted`); runs in progress go on. */
  | { type: 'halt'; reason: string }
  /** Every cluster's part is over: the rollout ends with this status. */
  | { type: 'finish'; status: Extract<RolloutStatus, 'succeeded' | 'failed'>; reason: string }
  /** A wave waits for a person to approve it. */
  | { type: 'await-approval'; wave: number }
  /** A wave waits for the pause after the previous wave. */
  | { type: 'await-time'; wave: number; until: string }
  /** Runs are in progress: wait for them to change. */
  | { type: 'await-runs'; clusters: number[] }
  /** Nothing to do until someone acts (paused, halted, aborted with nothing running). */
  | { type: 'rest'; why: string };

export interface BudgetState {
  failed: number;
  guardStopped: number;
  failureLimit: number;
  guardStopLimit: number;
  /** Why the budget is spent, or undefined while it is not. */
  spent?: string;
}

export function budgetState(rollout: Rollout): BudgetState {
  const total = rollout.clusters.length;
  const failed = rollout.clusters.filter((c) => c.status === 'failed').length;
  const guardStopped = rollout.clusters.filter((c) => c.status === 'guard-stopped').length;
  const failureLimit = limitOf(rollout.plan.budget.failures, total);
  const guardStopLimit = limitOf(rollout.plan.budget.guardStops, total);
  const spent =
    failed >= failureLimit
      ? `${failed} cluster(s) failed; the budget allows ${failureLimit}`
      : guardStopped >= guardStopLimit
        ? `${guardStopped} cluster(s) were stopped by a guard; the budget allows ${guardStopLimit}`
        : undefined;
  return { failed, guardStopped, failureLimit, guardStopLimit, ...(spent ? { spent } : {}) };
}

/** The wave the rollout is on: the first with a cluster whose part is not over (undefined when all are). */
export function currentWave(rollout: Rollout): number | undefined {
  const open = rollout.clusters.filter((c) => !CLUSTER_DONE.includes(c.status)).map((c) => c.wave);
  return open.length ? Math.min(...open) : undefined;
}

export function schedule(rollout: Rollout, now: Date): RolloutAction[] {
  const active = indexes(rollout, (c) => CLUSTER_ACTIVE.includes(c.status));
  const waitRuns: RolloutAction[] = active.length ? [{ type: 'await-runs', clusters: active }] : [];
  if (ROLLOUT_ENDED.includes(rollout.status))
    return waitRuns.length ? waitRuns : [{ type: 'rest', why: `the rollout is ${rollout.status}` }];
  const budget = budgetState(rollout);
  if (rollout.status === 'running' && budget.spent) return [{ type: 'halt', reason: budget.spent }, ...waitRuns];
  if (rollout.status !== 'running') return waitRuns.length ? waitRuns : [{ type: 'rest', why: `the rollout is ${rollout.status}` }];

  const wave = currentWave(rollout);
  if (wave === undefined) {
    const bad = rollout.clusters.filter((c) => c.status !== 'succeeded' && c.status !== 'skipped');
    return bad.length
      ? [{ type: 'finish', status: 'failed', reason: `${bad.length} of ${rollout.clusters.length} cluster(s) did not succeed` }]
      : [{ type: 'finish', status: 'succeeded', reason: `all ${rollout.clusters.length} cluster(s) done` }];
  }
  const inWave = indexes(rollout, (c) => c.wave === wave);
  const begun = inWave.some((i) => rollout.clusters[i].status !== 'pending');
  if (wave > 0 && !begun) {
    const gate = rollout.plan.gate;
    if (gate.kind === 'approval' && !rollout.approvedWaves.includes(wave)) return [{ type: 'await-approval', wave }, ...waitRuns];
    if (gate.kind === 'pause') {
      const ends = rollout.clusters.filter((c) => c.wave < wave && c.endedAt).map((c) => Date.parse(c.endedAt!));
      const until = (ends.length ? Math.max(...ends) : now.getTime()) + gate.seconds * 1000;
      if (now.getTime() < until) return [{ type: 'await-time', wave, until: new Date(until).toISOString() }, ...waitRuns];
    }
  }
  const slots = (rollout.plan.maxConcurrency ?? Infinity) - active.length;
  const start = inWave.filter((i) => rollout.clusters[i].status === 'pending').slice(0, Math.max(0, slots));
  return [...(start.length ? [{ type: 'start' as const, clusters: start }] : []), ...waitRuns];
}

function indexes(rollout: Rollout, pick: (c: Rollout['clusters'][number]) => boolean): number[] {
  return rollout.clusters.flatMap((c, i) => (pick(c) ? [i] : []));
}
