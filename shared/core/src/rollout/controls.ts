/**
 * The rollout's controls as one pure transition: (rollout, control, actor, now) → the next rollout,
 * audited, or a RolloutControlError saying why not (nothing changed). Hosts write the result with
 * compare-and-set; the driver carries out what it implies (abort runs, retry runs, start a wave).
 */
import { RolloutControlError } from './errors';
import { budgetState, currentWave } from './scheduler';
import { CLUSTER_ACTIVE, ROLLOUT_ENDED, type Rollout, type RolloutCluster } from './rollout';

export type RolloutControl =
  | { action: 'pause'; reason?: string }
  | { action: 'resume'; reason?: string }
  /** `abortRuns`: abort the runs in progress too; otherwise they finish and nothing new starts. */
  | { action: 'abort'; abortRuns: boolean; reason?: string }
  /**
   * Retry the failed and guard-stopped clusters (or only those named): each gets a fresh run that
   * reads live state from the first step (the failed run is aborted first, releasing its locks;
   * resuming it would go on from outputs recorded before it failed).
   */
  | { action: 'retry'; clusters?: string[]; reason?: string }
  | { action: 'skip'; cluster: string; reason: string }
  /** Let the next wave behind an approval gate begin. */
  | { action: 'approve'; reason?: string };

export const ROLLOUT_ACTIONS = ['pause', 'resume', 'abort', 'retry', 'skip', 'approve'] as const;

export function applyRolloutControl(rollout: Rollout, control: RolloutControl, actor: string, now: Date): Rollout {
  const at = now.toISOString();
  const refuse = (reason: string, hint: string) => new RolloutControlError(control.action, rollout.id, reason, hint);
  const next: Rollout = structuredClone(rollout);
  const audit = (detail?: string, cluster?: string) =>
    next.audit.push({
      at,
      actor,
      action: `rollout ${control.action}`,
      ...(cluster ? { cluster } : {}),
      ...(detail || control.reason ? { detail: [detail, control.reason].filter(Boolean).join('; ') } : {}),
    });
  switch (control.action) {
    case 'pause':
      if (rollout.status !== 'running') throw refuse(`it is ${rollout.status}`, 'only a running rollout can be paused');
      next.status = 'paused';
      audit('no new runs start; runs in progress go on');
      break;
    case 'resume': {
      if (rollout.status !== 'paused' && rollout.status !== 'halted') {
        throw refuse(
          `it is ${rollout.status}`,
          'resume applies to a paused or halted rollout (a running one is resumed by driving it: switchyard rollout resume)',
        );
      }
      const spent = budgetState(rollout).spent;
      if (spent) throw refuse(`the failure budget is spent (${spent})`, 'retry or skip the failed clusters first');
      next.status = 'running';
      delete next.statusReason;
      audit();
      break;
    }
    case 'abort':
      if (ROLLOUT_ENDED.includes(rollout.status)) throw refuse(`it has already ended (${rollout.status})`, 'nothing to abort');
      next.status = 'aborted';
      next.abortRuns = control.abortRuns;
      next.endedAt = at;
      next.statusReason = control.abortRuns ? 'aborted; runs in progress were aborted' : 'aborted; runs in progress finish';
      audit(control.abortRuns ? 'runs in progress are aborted' : 'runs in progress finish; no new runs start');
      break;
    case 'retry': {
      if (rollout.status === 'aborted') throw refuse('it was aborted', 'start a new rollout for the clusters left');
      const named = control.clusters?.map((c) => c.toLowerCase());
      const unknown = named?.filter((n) => !rollout.clusters.some((c) => c.id.toLowerCase() === n)) ?? [];
      if (unknown.length)
        throw refuse(`no cluster ${unknown.join(', ')} in it`, 'name clusters of this rollout (switchyard rollout status)');
      const targets = next.clusters.filter(
        (c) => (c.status === 'failed' || c.status === 'guard-stopped') && (!named || named.includes(c.id.toLowerCase())),
      );
      if (!targets.length) throw refuse('no failed or guard-stopped cluster to retry', 'see switchyard rollout status');
      for (const c of targets) {
        const failedRun = c.runId;
        if (failedRun) c.previousRuns = [...(c.previousRuns ?? []), failedRun];
        c.status = 'pending';
        c.retries++;
        for (const key of ['runId', 'step', 'startedAt', 'reason', 'endedAt'] as const) delete c[key];
        audit(
          failedRun ? `a fresh run starts; the failed run ${failedRun} is aborted first, releasing its locks` : 'its run starts anew',
          c.id,
        );
      }
      if (rollout.status === 'halted' || rollout.status === 'failed') {
        next.status = budgetState(next).spent ? 'halted' : 'running';
        delete next.endedAt;
        delete next.statusReason;
      }
      break;
    }
    case 'skip': {
      if (!control.reason?.trim()) throw refuse('a skip needs a reason', 'give --reason (kept in the audit trail)');
      if (ROLLOUT_ENDED.includes(rollout.status) && rollout.status !== 'failed')
        throw refuse(`it has ended (${rollout.status})`, 'nothing to skip');
      const c = findCluster(next, control.cluster);
      if (!c) throw refuse(`no cluster ${control.cluster} in it`, 'name a cluster of this rollout (switchyard rollout status)');
      if (CLUSTER_ACTIVE.includes(c.status))
        throw refuse(`${c.id} has a run in progress (${c.runId})`, `abort that run first (switchyard abort ${c.runId})`);
      if (c.status === 'succeeded' || c.status === 'skipped') throw refuse(`${c.id} is already ${c.status}`, 'nothing to skip');
      const heldRun = c.status === 'failed' || c.status === 'guard-stopped' ? c.runId : undefined;
      c.status = 'skipped';
      c.reason = control.reason;
      c.endedAt = at;
      // A halted rollout stays halted, even if the budget is no longer spent: someone resumes it.
      // The driver aborts the skipped cluster's failed run (unwantedRuns), so the cluster is not left locked.
      audit(heldRun ? `its run ${heldRun} is aborted, releasing its locks; nothing it changed is undone` : undefined, c.id);
      break;
    }
    case 'approve': {
      if (rollout.plan.gate.kind !== 'approval') throw refuse('its waves have no approval gate', 'nothing to approve');
      if (ROLLOUT_ENDED.includes(rollout.status)) throw refuse(`it has ended (${rollout.status})`, 'nothing to approve');
      const wave = nextGatedWave(rollout);
      if (wave === undefined) throw refuse('no wave is left to approve', 'see switchyard rollout status');
      next.approvedWaves = [...next.approvedWaves, wave];
      audit(`wave ${wave + 1} approved`);
      break;
    }
  }
  next.version = rollout.version + 1;
  next.updatedAt = at;
  return next;
}

/** The next wave behind a gate that has not begun or been approved: the current wave if it has not begun, else the one after. */
export function nextGatedWave(rollout: Rollout): number | undefined {
  const waves = [...new Set(rollout.clusters.map((c) => c.wave))].sort((a, b) => a - b);
  const from = currentWave(rollout) ?? Infinity;
  return waves.find(
    (w) => w > 0 && w >= from && !rollout.approvedWaves.includes(w) && rollout.clusters.some((c) => c.wave === w && c.status === 'pending'),
  );
}

function findCluster(rollout: Rollout, name: string): RolloutCluster | undefined {
  const wanted = name.toLowerCase();
  return rollout.clusters.find((c) => c.id.toLowerCase() === wanted || c.arn === name);
}
