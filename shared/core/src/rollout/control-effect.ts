/**
 * Which rollout controls apply now, and what each does, in the words every front end shows before
 * sending it — the rollout's counterpart of model/control-effect.ts (VS Code asks in a modal, the
 * shared RolloutBoard inline). Whether a control applies is decided by the one transition,
 * applyRolloutControl: a control is offered exactly when it would be accepted. Which controls are
 * confirmed follows the run controls' rule: those that stop or leave out work (abort, skip) ask
 * first; skip must say why.
 */
import { applyRolloutControl, nextGatedWave, type RolloutControl } from './controls';
import { RolloutControlError } from './errors';
import { CLUSTER_ACTIVE, type Rollout, type RolloutCluster } from './rollout';

export interface RolloutControlEffect {
  /** What to send (a reason is added by the person confirming; skip's is empty until then). */
  control: RolloutControl;
  /** The button's words, and the confirm button's: `Pause rollout`, `Abort rollout and its runs`. */
  label: string;
  /** The dialog's title, e.g. `Abort "Fail over payments"?` */
  title: string;
  /** What it does, one fact a line. */
  effects: string[];
  reasonRequired: boolean;
  /** Asked before it is sent (abort, skip), as the run controls that stop or leave out work are. */
  confirm: boolean;
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

const names = (clusters: RolloutCluster[]) => clusters.map((c) => c.id).join(', ');

/** A retried cluster: what happens to it, by the retry rule (controls.ts): a fresh run, the failed one aborted first. */
function retryEffect(c: RolloutCluster): string {
  return c.runId
    ? `${c.id}: a fresh run starts from the first step, reading the cluster as it is now; the failed run ${c.runId} is aborted first (releasing its locks; nothing it changed is undone).`
    : `${c.id}: its run starts anew.`;
}

/** The rollout-wide controls that apply now, with their effects. */
export function rolloutControlEffects(rollout: Rollout): RolloutControlEffect[] {
  const running = rollout.clusters.filter((c) => CLUSTER_ACTIVE.includes(c.status));
  const bad = rollout.clusters.filter((c) => c.status === 'failed' || c.status === 'guard-stopped');
  const pending = rollout.clusters.filter((c) => c.status === 'pending').length;
  const title = (verb: string) => `${verb} "${rollout.title}"?`;
  const inProgress = running.length ? `${running.length} run(s) in progress (${names(running)})` : 'No run is in progress';
  const wave = nextGatedWave(rollout);
  const waveSize = rollout.clusters.filter((c) => c.wave === wave).length;
  const all: RolloutControlEffect[] = [
    {
      control: { action: 'pause' },
      label: 'Pause rollout',
      title: title('Pause'),
      effects: [`No new cluster starts until someone resumes it (${pending} still to start).`, `${inProgress}: they go on to their end.`],
      reasonRequired: false,
      confirm: false,
    },
    {
      control: { action: 'resume' },
      label: 'Resume rollout',
      title: title('Resume'),
      effects: [`Clusters start again as the plan allows: ${pending} still to start.`],
      reasonRequired: false,
      confirm: false,
    },
    {
      control: { action: 'approve' },
      label: `Approve wave ${(wave ?? 0) + 1}`,
      title: title(`Approve wave ${(wave ?? 0) + 1} of`),
      effects: [`Wave ${(wave ?? 0) + 1} may begin: its ${waveSize} cluster(s) start as the plan allows, each an ordinary run.`],
      reasonRequired: false,
      confirm: false,
    },
    {
      control: { action: 'retry' },
      label: `Retry ${bad.length} cluster(s)`,
      title: title(`Retry ${bad.length} cluster(s) of`),
      effects: [...bad.map(retryEffect), 'A retried cluster that fails again counts against the failure budget again.'],
      reasonRequired: false,
      confirm: false,
    },
    {
      control: { action: 'abort', abortRuns: false },
      label: 'Abort rollout',
      title: title('Abort'),
      effects: [`No new cluster starts, for good (${pending} never start).`, `${inProgress}: they finish; nothing is undone.`],
      reasonRequired: false,
      confirm: true,
    },
    {
      control: { action: 'abort', abortRuns: true },
      label: 'Abort rollout and its runs',
      title: title('Abort, with its runs in progress,'),
      effects: [
        `No new cluster starts, for good (${pending} never start).`,
        running.length
          ? `The ${running.length} run(s) in progress are aborted where they are (${names(running)}): nothing they changed is undone, and an AWS call already sent is not recalled.`
          : 'No run is in progress to abort.',
      ],
      reasonRequired: false,
      confirm: true,
    },
  ];
  return all.filter((e) => rolloutControlAllowed(rollout, e.control));
}

/** The controls on one cluster of the rollout that apply now (retry it, skip it). */
export function clusterControlEffects(rollout: Rollout, cluster: RolloutCluster): RolloutControlEffect[] {
  const title = (verb: string) => `${verb} ${cluster.id} in "${rollout.title}"?`;
  const held = cluster.status === 'failed' || cluster.status === 'guard-stopped' ? cluster.runId : undefined;
  const all: RolloutControlEffect[] = [
    {
      control: { action: 'retry', clusters: [cluster.id] },
      label: 'Retry',
      title: title('Retry'),
      effects: [retryEffect(cluster)],
      reasonRequired: false,
      confirm: false,
      cluster: cluster.id,
    },
    {
      control: { action: 'skip', cluster: cluster.id, reason: 'x' },
      label: 'Skip',
      title: title('Skip'),
      effects: [
        cluster.status === 'pending'
          ? `${cluster.id} is left as it is: its run never starts (it was to run in wave ${cluster.wave + 1}).`
          : `${cluster.id} is left as it is: it is not retried, and the rollout counts it done.`,
        ...(held
          ? [
              `Its failed run ${held} is aborted, releasing its locks; nothing it changed is undone (a rollback of that run stays possible).`,
            ]
          : []),
      ],
      reasonRequired: true,
      confirm: true,
      cluster: cluster.id,
    },
  ];
  return all
    .filter((e) => rolloutControlAllowed(rollout, e.control))
    .map((e) => (e.control.action === 'skip' ? { ...e, control: { action: 'skip', cluster: cluster.id, reason: '' } } : e));
}
