import { finishDelete, finishProvisioning, finishSwitchover, removeCluster } from './blue-green';
import { finishFailover } from './cluster-failover';
import type { ModelContext } from './context';
import { finishGlobalTransition, finishRemoveFromGlobal, finishResync } from './global-database';
import { finishClusterRename } from './cluster-lifecycle';
import { clusterBecameAvailable } from './cluster-restore';
import { finishInstanceRename, instanceBecameAvailable, removeInstance, writerRecreated } from './instance-lifecycle';
import type { Job, JobKind } from './jobs';
import { findCluster, findInstance } from './lookup';

type JobHandlers = { [K in JobKind]: (ctx: ModelContext, job: Extract<Job, { kind: K }>) => void };

/** What each kind of transition does when it finishes; a missing resource means it was deleted meanwhile. */
const JOB_HANDLERS: JobHandlers = {
  'cluster-failover-done': (ctx, job) => {
    const cluster = findCluster(ctx.state, job.region, job.clusterId);
    if (cluster) finishFailover(ctx, cluster, job.targetId, job.outcome);
  },
  'writer-recreated': (ctx, job) => {
    const cluster = findCluster(ctx.state, job.region, job.clusterId);
    const instance = findInstance(ctx.state, job.region, job.instanceId);
    if (cluster && instance) writerRecreated(ctx, cluster, instance);
  },
  'instance-available': (ctx, job) => {
    const instance = findInstance(ctx.state, job.region, job.instanceId);
    if (instance) instanceBecameAvailable(ctx, instance, job.event);
  },
  'instance-deleted': (ctx, job) => {
    const instance = findInstance(ctx.state, job.region, job.instanceId);
    if (instance) removeInstance(ctx, instance);
  },
  'cluster-deleted': (ctx, job) => removeCluster(ctx, job.region, job.clusterId),
  'cluster-available': (ctx, job) => {
    const cluster = findCluster(ctx.state, job.region, job.clusterId);
    if (cluster) clusterBecameAvailable(ctx, cluster);
  },
  'cluster-renamed': (ctx, job) => {
    const cluster = findCluster(ctx.state, job.region, job.clusterId);
    if (cluster) finishClusterRename(ctx, cluster, job.newId);
  },
  'instance-renamed': (ctx, job) => {
    const instance = findInstance(ctx.state, job.region, job.instanceId);
    if (instance) finishInstanceRename(ctx, instance, job.newId);
  },
  'global-transition-done': (ctx, job) => {
    const global = ctx.state.globalClusters.find((g) => g.id === job.globalId);
    if (global) finishGlobalTransition(ctx, global);
  },
  'global-resynced': (ctx, job) => {
    const global = ctx.state.globalClusters.find((g) => g.id === job.globalId);
    if (global) finishResync(ctx, global, job.region, job.clusterId);
  },
  'global-member-removed': (ctx, job) => {
    const global = ctx.state.globalClusters.find((g) => g.id === job.globalId);
    if (global) finishRemoveFromGlobal(ctx, global, job.region, job.clusterId);
  },
  'blue-green-provisioned': (ctx, job) => {
    const deployment = ctx.state.blueGreenDeployments.find((d) => d.id === job.deploymentId);
    if (deployment) finishProvisioning(ctx, deployment);
  },
  'blue-green-switchover-done': (ctx, job) => {
    const deployment = ctx.state.blueGreenDeployments.find((d) => d.id === job.deploymentId);
    if (deployment) finishSwitchover(ctx, deployment, job.outcome, job.reason);
  },
  'blue-green-deleted': (ctx, job) => {
    const deployment = ctx.state.blueGreenDeployments.find((d) => d.id === job.deploymentId);
    if (deployment) finishDelete(ctx, deployment);
  },
};

/**
 * Applies every transition due by `ctx.now`, oldest first, each at its own due time (so events
 * carry the time the transition finished). Transitions may schedule further ones.
 */
export function advance(ctx: ModelContext): void {
  const until = ctx.now;
  for (;;) {
    const due = ctx.state.jobs.filter((j) => j.dueAt <= until).sort((a, b) => a.dueAt - b.dueAt || a.id - b.id)[0];
    if (!due) break;
    ctx.state.jobs = ctx.state.jobs.filter((j) => j !== due);
    const at: ModelContext = { ...ctx, now: due.dueAt };
    (JOB_HANDLERS[due.kind] as (c: ModelContext, j: Job) => void)(at, due);
  }
  expireFaults(ctx);
}

function expireFaults(ctx: ModelContext): void {
  const faults = ctx.state.faults;
  faults.lagSpikes = faults.lagSpikes.filter((s) => s.until > ctx.now - 3_600_000);
  faults.clientConnections = faults.clientConnections.filter((c) => c.until > ctx.now - 3_600_000);
}
