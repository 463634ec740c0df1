/**
 * How far a rollout is, for every front end's board: per-wave counts, elapsed time, and an ETA
 * from the clusters done so far (their mean run time, the waves left and the concurrency).
 */
import { CLUSTER_DONE, countByStatus, type Rollout, type RolloutClusterStatus } from './rollout';
import { budgetState, currentWave, type BudgetState } from './scheduler';

export interface WaveProgress {
  wave: number;
  size: number;
  counts: Record<RolloutClusterStatus, number>;
  done: boolean;
}

export interface RolloutProgress {
  counts: Record<RolloutClusterStatus, number>;
  waves: WaveProgress[];
  currentWave?: number;
  budget: BudgetState;
  elapsedSeconds: number;
  /** Mean seconds of a cluster's run, over those that succeeded; undefined before any has. */
  meanRunSeconds?: number;
  /** Seconds left at that pace; undefined until a run has succeeded, 0 once nothing is left. */
  etaSeconds?: number;
}

export function rolloutProgress(rollout: Rollout, now: Date): RolloutProgress {
  const waveIds = [...new Set(rollout.clusters.map((c) => c.wave))].sort((a, b) => a - b);
  const waves = waveIds.map((wave) => {
    const members = rollout.clusters.filter((c) => c.wave === wave);
    return { wave, size: members.length, counts: countByStatus(members), done: members.every((c) => CLUSTER_DONE.includes(c.status)) };
  });
  const runs = rollout.clusters
    .filter((c) => c.status === 'succeeded' && c.startedAt && c.endedAt)
    .map((c) => (Date.parse(c.endedAt!) - Date.parse(c.startedAt!)) / 1000);
  const meanRunSeconds = runs.length ? runs.reduce((a, b) => a + b, 0) / runs.length : undefined;
  const end = rollout.endedAt ? Date.parse(rollout.endedAt) : now.getTime();
  let etaSeconds: number | undefined;
  if (meanRunSeconds !== undefined) {
    etaSeconds = 0;
    for (const w of waves) {
      const left = w.size - w.counts.succeeded - w.counts.skipped - w.counts.failed - w.counts['guard-stopped'] - w.counts.aborted;
      if (left <= 0) continue;
      const concurrency = Math.min(rollout.plan.maxConcurrency ?? w.size, w.size);
      etaSeconds += Math.ceil(left / concurrency) * meanRunSeconds;
      if (rollout.plan.gate.kind === 'pause' && w.wave > 0 && w.counts.pending === w.size) etaSeconds += rollout.plan.gate.seconds;
    }
  }
  return {
    counts: countByStatus(rollout.clusters),
    waves,
    currentWave: currentWave(rollout),
    budget: budgetState(rollout),
    elapsedSeconds: Math.max(0, (end - Date.parse(rollout.createdAt)) / 1000),
    ...(meanRunSeconds !== undefined ? { meanRunSeconds } : {}),
    ...(etaSeconds !== undefined ? { etaSeconds } : {}),
  };
}
