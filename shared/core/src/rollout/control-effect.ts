/**
 * Which rollout controls apply now, and what each does, in the words every front end shows before
 * sending it (the Backstage rollout page asks "are you sure?" with these facts). Whether a control
 * applies is decided by the one transition, applyRolloutControl: a control is offered exactly when
 * it would be accepted, so the page never offers what the backend refuses.
 */
import { applyRolloutControl, nextGatedWave, type RolloutControl } from './controls';
import { RolloutControlError } from './errors';
import { CLUSTER_ACTIVE, type Rollout, type RolloutCluster } from './rollout';
import { currentWave } from './scheduler';

export interface RolloutControlEffect {
  /** What to send (a reason is added by the person confirming). */
  control: RolloutControl;
  /** The button's words and the confirm button's: `Pause rollout`, `Abort rollout and its runs`. */
  label: string;
  /** The dialog's title, e.g. `Pause "Fail over … on 3 cluster(s)"?` */
  title: string;
  /** What it does, one fact a line. */
  effects: string[];
  reasonRequired: boolean;
  /** The cluster a per-cluster control is about. */
  cluster?: string;
}

const EPOCH = new Date(0);

/** Whether the transition accepts `control` now (it throws RolloutControlError when it does not). */
export function rolloutControlAllowed(rollout: Rollout, control: RolloutControl): boolean {
  try {
    applyRolloutControl(rollout, control, 'anyone', EPOCH);
    return true;
  } catch (error) {
    if (error instanceof RolloutControlError) return false;
    throw error;
  }
}

const PLACEHOLDER_REASON = 'x';

/** The rollout-wide controls that apply now, with their effects. */
export function rolloutControlEffects(rollout: Rollout): RolloutControlEffect[] {
  const running = rollout.clusters.filter((c) => CLUSTER_ACTIVE.includes(c.status));
  const bad = rollout.clusters.filter((c) => c.status === 'failed' || c.status === 'guard-stopped');
  const pending = rollout.clusters.filter((c) => c.status === 'pending').length;
  const title = (verb: string) => `${verb} "${rollout.title}"?`;
  const inProgress = running.length
    ? `${running.length} run(s) in progress (${running.map((c) => c.id).join(', ')})`
    : 'no run in progress';
  const all: RolloutControlEffect[] = [
    {
      control: { action: 'pause' },
      label: 'Pause rollout',
      title: title('Pause'),
      effects: [`No new cluster starts until someone resumes it (${pending} still to start).`, `${inProgress}: they go on to their end.`],
      reasonRequired: false,
    },
    {
      control: { action: 'resume' },
      label: 'Resume rollout',
      title: title('Resume'),
      effects: [`Clusters start again as the plan allows: ${pending} still to start.`],
      reasonRequired: false,
    },
    {
      control: { action: 'approve' },
      label: `Approve wave ${(nextGatedWave(rollout) ?? 0) + 1}`,
      title: title(`Approve wave ${(nextGatedWave(rollout) ?? 0) + 1} of`),
      effects: [
        `Wave ${(nextGatedWave(rollout) ?? 0) + 1} may begin: ${rollout.clusters.filter((c) => c.wave === nextGatedWave(rollout)).length} cluster(s) start as the plan allows.`,
      ],
      reasonRequired: false,
    },
    {
      control: { action: 'retry' },
      label: `Retry ${bad.length} cluster(s)`,
      title: title('Retry the failed clusters of'),
      effects: [
        `Runs the failed step again on ${bad.map((c) => c.id).join(', ') || 'no cluster'}; a cluster stopped before its run began starts anew.`,
        'Each run keeps what it already changed; the failure budget counts them again if they fail again.',
      ],
      reasonRequired: false,
    },
    {
      control: { action: 'abort', abortRuns: false },
      label: 'Abort rollout',
      title: title('Abort'),
      effects: [`No new cluster starts, for good (${pending} never start).`, `${inProgress}: they finish; nothing is undone.`],
      reasonRequired: false,
    },
    {
      control: { action: 'abort', abortRuns: true },
      label: 'Abort rollout and its runs',
      title: title('Abort, with its runs in progress,'),
      effects: [
        `No new cluster starts, for good (${pending} never start).`,
        running.length
          ? `The ${running.length} run(s) in progress are aborted where they are (${running.map((c) => c.id).join(', ')}): nothing they changed is undone, and an AWS call already sent is not recalled.`
          : 'No run is in progress to abort.',
      ],
      reasonRequired: false,
    },
  ];
  return all.filter((e) => rolloutControlAllowed(rollout, e.control));
}

/** The controls on one cluster of the rollout that apply now (skip it, retry it). */
export function clusterControlEffects(rollout: Rollout, cluster: RolloutCluster): RolloutControlEffect[] {
  const title = (verb: string) => `${verb} ${cluster.id} in "${rollout.title}"?`;
  const wave = currentWave(rollout);
  const all: RolloutControlEffect[] = [
    {
      control: { action: 'retry', clusters: [cluster.id] },
      label: 'Retry',
      title: title('Retry'),
      effects: [
        cluster.runId
          ? `Runs the failed step of ${cluster.runId} again on ${cluster.id}; what it already changed is kept.`
          : `Starts ${cluster.id}'s run anew.`,
      ],
      reasonRequired: false,
      cluster: cluster.id,
    },
    {
      control: { action: 'skip', cluster: cluster.id, reason: PLACEHOLDER_REASON },
      label: 'Skip',
      title: title('Skip'),
      effects: [
        `${cluster.id} is left as it is: ${cluster.status === 'pending' ? 'its run never starts' : 'its run is not retried'}, and the rollout counts it done.`,
        ...(cluster.status === 'pending' && wave !== undefined && cluster.wave > wave
          ? [`It was to run in wave ${cluster.wave + 1}.`]
          : []),
      ],
      reasonRequired: true,
      cluster: cluster.id,
    },
  ];
  return all
    .filter((e) => rolloutControlAllowed(rollout, e.control))
    .map((e) => (e.control.action === 'skip' ? { ...e, control: { action: 'skip', cluster: cluster.id, reason: '' } } : e));
}
