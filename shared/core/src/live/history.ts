/** Switchover/failover history over recorded runs: outcomes, write-downtime and approval waits for the KPIs and the history chart. */
import type { Run, StepRun } from '../model/run';
import { isInProgress } from '../model/statuses';
import { runConcerns } from '../model/lock-keys';
import type { SwitchoverHistory } from './topology-model';

export interface SwitchoverHistoryFilter {
  /**
   * Runbook files that count (basename, e.g. `failover.md`). Default: the shipped switchover
   * runbooks and any runbook whose title starts with "Fail over", "Switch over" or "Promote".
   */
  runbooks?: string[];
  /** Only runs about one of these (cluster, global cluster or deployment ids or ARNs): a param value or a lock. */
  resources?: string[];
  /** Only runs started at or after this ISO time. */
  since?: string;
}

const SWITCHOVER_RUNBOOKS = ['failover.md', 'promote-global.md', 'blue-green-switchover.md'];
const SWITCHOVER_TITLE = /^\s*(fail\s*over|switch\s*over|promote)\b/i;

const basename = (file: string): string => file.split(/[\\/]/).pop() ?? file;

export function isSwitchoverRun(run: Run, runbooks?: string[]): boolean {
  const file = basename(run.runbook.file);
  if (runbooks) return runbooks.map(basename).includes(file);
  return SWITCHOVER_RUNBOOKS.includes(file) || SWITCHOVER_TITLE.test(run.runbook.title);
}

function concerns(run: Run, resources: string[]): boolean {
  return resources.some((resource) => runConcerns(run, resource));
}

/** Nearest-rank percentile: the smallest value with at least p % of the values at or below it. */
export function nearestRank(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/**
 * How a switchover run ended:
 * - `succeeded`
 * - `stopped-by-guard`: a check refused before the switch was sent — the guard did its job, nothing switched
 * - `called-off`: ended before the switch without a failed guard (an approval refused, an abort)
 * - `failed`: the switch was sent and the run did not succeed
 */
export type SwitchoverOutcome = 'succeeded' | 'stopped-by-guard' | 'called-off' | 'failed';

const ms = (iso: string | undefined): number | undefined => (iso ? Date.parse(iso) : undefined);
const span = (from: string | undefined, to: string | undefined): number | undefined => {
  const a = ms(from);
  const b = ms(to);
  return a === undefined || b === undefined ? undefined : Math.max(0, (b - a) / 1000);
};

/** A step that asks people: its blocks hold approval gates. */
const isApprovalStep = (s: StepRun): boolean => (s.gates?.length ?? 0) > 0;
const ran = (s: StepRun): boolean => s.startedAt !== undefined && s.status !== 'skipped' && s.status !== 'pending';

/**
 * The switch of a run: the first mutating step that ran after the last approval that ran (the
 * switchover or failover call; changes made before the approval, such as cost tags, are not the
 * switch; a run whose approvals never ran never switched), and the step after it, which waits for AWS to finish (the shipped runbooks' shape:
 * approve → call → wait → verify). Undefined when the switch was never sent.
 */
export function switchStep(run: Run): { call: StepRun; done?: StepRun } | undefined {
  const steps = run.steps;
  // Steps are planned with their gates when the run starts: a runbook with approvals switches only after one ran.
  let from = steps.some(isApprovalStep) ? -1 : 0;
  steps.forEach((s, i) => {
    if (isApprovalStep(s) && ran(s)) from = i + 1;
  });
  if (from < 0) return undefined;
  const index = steps.findIndex((s, i) => i >= from && s.mutating && ran(s));
  if (index < 0) return undefined;
  return { call: steps[index], done: steps[index + 1] && ran(steps[index + 1]) ? steps[index + 1] : undefined };
}

/** Seconds writes were unavailable: from the switch call to the end of the wait for it (or the call's end). */
export function switchSeconds(run: Run): number | undefined {
  const sw = switchStep(run);
  if (!sw) return undefined;
  const end = sw.done ? (sw.done.endedAt ?? (sw.done.status === 'failed' ? run.updatedAt : undefined)) : sw.call.endedAt;
  return span(sw.call.startedAt, end ?? run.endedAt ?? run.updatedAt);
}

/** Seconds the run waited for people: the time its approval steps were open. */
export function approvalWaitSeconds(run: Run): number {
  return run.steps
    .filter((s) => isApprovalStep(s) && s.startedAt)
    .reduce((sum, s) => sum + (span(s.startedAt, s.endedAt ?? run.endedAt ?? run.updatedAt) ?? 0), 0);
}

export function switchoverOutcome(run: Run): SwitchoverOutcome {
  if (run.status === 'succeeded') return 'succeeded';
  // Runs recorded without their steps: all that is known is that they did not succeed.
  if (run.steps.length === 0 || switchStep(run)) return 'failed';
  const guardFailed = run.steps.some((s) => s.status === 'failed' && !s.mutating && !isApprovalStep(s));
  return guardFailed ? 'stopped-by-guard' : 'called-off';
}

/**
 * Finished, non-dry-run switchover runs. The success rate is over the switchovers that were
 * attempted (a guard stopping a run is not a failed switchover); the durations are the time writes
 * were unavailable (switchSeconds), and the time waiting for approvals is measured apart.
 */
export function switchoverHistory(runs: Run[], filter: SwitchoverHistoryFilter = {}): SwitchoverHistory {
  const since = filter.since ? Date.parse(filter.since) : undefined;
  const finished = runs
    // A run no longer in progress has stopped; only `succeeded` counts as success (aborted and rolled back did not switch).
    .filter((r) => !r.dryRun && !isInProgress(r.status) && isSwitchoverRun(r, filter.runbooks))
    .filter((r) => since === undefined || Date.parse(r.createdAt) >= since)
    .filter((r) => !filter.resources?.length || concerns(r, filter.resources))
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id.localeCompare(b.id));
  const points = finished.map((r) => {
    const outcome = switchoverOutcome(r);
    const whole = span(r.createdAt, r.endedAt ?? r.updatedAt) ?? 0;
    // Runs recorded without steps have no switch to measure: their whole duration stands in.
    const switched = r.steps.length === 0 ? whole : switchSeconds(r);
    return {
      at: r.createdAt,
      seconds: switched ?? 0,
      status: r.status,
      outcome,
      switchSeconds: switched ?? null,
      approvalWaitSeconds: approvalWaitSeconds(r),
      totalSeconds: whole,
      runbook: basename(r.runbook.file),
      runId: r.id,
    };
  });
  const count = (o: SwitchoverOutcome) => points.filter((p) => p.outcome === o).length;
  const succeeded = count('succeeded');
  const failed = count('failed');
  const switches = points.flatMap((p) => (p.switchSeconds === null ? [] : [p.switchSeconds])).sort((a, b) => a - b);
  const waits = points
    .filter((p) => p.approvalWaitSeconds > 0)
    .map((p) => p.approvalWaitSeconds)
    .sort((a, b) => a - b);
  return {
    count: finished.length,
    succeeded,
    failed,
    stoppedByGuard: count('stopped-by-guard'),
    calledOff: count('called-off'),
    successRate: succeeded + failed ? succeeded / (succeeded + failed) : null,
    p50Seconds: nearestRank(switches, 50),
    p95Seconds: nearestRank(switches, 95),
    approvalWaitP50Seconds: nearestRank(waits, 50),
    approvalWaitP95Seconds: nearestRank(waits, 95),
    points,
  };
}
