/**
 * A cluster's part as its run tells it. A failed run that a guard stopped before anything changed
 * is `guard-stopped`, counted apart from failures — by the same rule the switchover history uses
 * (live/history.ts `switchoverOutcome`), so a rollout and the history never disagree.
 */
import { switchoverOutcome } from '../live/history';
import type { Run } from '../model/run';
import { currentStep } from '../model/run';
import type { RolloutCluster } from './rollout';

export function clusterFromRun(cluster: RolloutCluster, run: Run): RolloutCluster {
  const next: RolloutCluster = { ...cluster, runId: run.id, step: currentStep(run)?.name ?? cluster.step };
  next.startedAt ??= run.createdAt;
  switch (run.status) {
    case 'pending':
    case 'running':
    case 'waiting':
      next.status = 'running';
      break;
    case 'waiting-approval':
      next.status = 'waiting';
      break;
    case 'succeeded':
      next.status = 'succeeded';
      break;
    case 'failed':
      next.status = switchoverOutcome(run) === 'stopped-by-guard' ? 'guard-stopped' : 'failed';
      next.reason = run.error ?? currentStep(run)?.error ?? 'the run failed';
      break;
    case 'aborted':
      next.status = 'aborted';
      next.reason = run.error ?? 'the run was aborted';
      break;
    case 'rolled-back':
      next.status = 'failed';
      next.reason = 'the run rolled back';
      break;
  }
  if (['succeeded', 'failed', 'guard-stopped', 'aborted'].includes(next.status)) next.endedAt ??= run.endedAt ?? run.updatedAt;
  else delete next.endedAt;
  return next;
}
