/** Switchover/failover history over recorded runs: success rate and durations for the history chart. */
import type { Run } from '../model/run';
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

/** Finished, non-dry-run switchover runs; a run's duration is from its creation to its end. */
export function switchoverHistory(runs: Run[], filter: SwitchoverHistoryFilter = {}): SwitchoverHistory {
  const since = filter.since ? Date.parse(filter.since) : undefined;
  const finished = runs
    // A run no longer in progress has stopped; only `succeeded` counts as success (aborted and rolled back did not switch).
    .filter((r) => !r.dryRun && !isInProgress(r.status) && isSwitchoverRun(r, filter.runbooks))
    .filter((r) => since === undefined || Date.parse(r.createdAt) >= since)
    .filter((r) => !filter.resources?.length || concerns(r, filter.resources))
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id.localeCompare(b.id));
  const points = finished.map((r) => ({
    at: r.createdAt,
    // A failed run has no endedAt (it can still be retried); its last update is when it failed.
    seconds: Math.max(0, (Date.parse(r.endedAt ?? r.updatedAt) - Date.parse(r.createdAt)) / 1000),
    status: r.status,
    runbook: basename(r.runbook.file),
    runId: r.id,
  }));
  const durations = points.map((p) => p.seconds).sort((a, b) => a - b);
  const succeeded = finished.filter((r) => r.status === 'succeeded').length;
  return {
    count: finished.length,
    succeeded,
    failed: finished.length - succeeded,
    successRate: finished.length ? succeeded / finished.length : null,
    p50Seconds: nearestRank(durations, 50),
    p95Seconds: nearestRank(durations, 95),
    points,
  };
}
