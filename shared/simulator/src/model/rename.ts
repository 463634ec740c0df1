import type { ModelContext } from './context';

/**
 * Renames a cluster everywhere the state refers to it by identifier (instances, global
 * membership, blue/green deployments, pending jobs). Alarms and injected faults keep naming the
 * identifier, as CloudWatch alarms do after a blue/green switchover.
 */
export function renameCluster(ctx: ModelContext, region: string, from: string, to: string): void {
  const { state } = ctx;
  for (const cluster of state.clusters) if (cluster.region === region && cluster.id === from) cluster.id = to;
  for (const instance of state.instances) if (instance.region === region && instance.clusterId === from) instance.clusterId = to;
  for (const global of state.globalClusters) {
    for (const member of global.members) if (member.region === region && member.clusterId === from) member.clusterId = to;
  }
  for (const deployment of state.blueGreenDeployments) {
    if (deployment.region === region) {
      if (deployment.sourceClusterId === from) deployment.sourceClusterId = to;
      if (deployment.targetClusterId === from) deployment.targetClusterId = to;
    }
    renamePairs(deployment.members, deployment.region, region, 'cluster', from, to);
  }
  for (const job of state.jobs) {
    if ('clusterId' in job && 'region' in job && job.region === region && job.clusterId === from) job.clusterId = to;
  }
}

export function renameInstance(ctx: ModelContext, region: string, from: string, to: string): void {
  const { state } = ctx;
  for (const instance of state.instances) if (instance.region === region && instance.id === from) instance.id = to;
  for (const cluster of state.clusters) if (cluster.region === region && cluster.writerId === from) cluster.writerId = to;
  for (const deployment of state.blueGreenDeployments) renamePairs(deployment.members, deployment.region, region, 'instance', from, to);
  for (const job of state.jobs) {
    if ('instanceId' in job && job.region === region && job.instanceId === from) job.instanceId = to;
    if (job.kind === 'cluster-failover-done' && job.region === region && job.targetId === from) job.targetId = to;
  }
}

/** Renames a resource in a deployment's pairs; a pair without a region is in the deployment's. */
function renamePairs(
  pairs: { kind: string; source: string; target: string; region?: string }[],
  deploymentRegion: string,
  region: string,
  kind: string,
  from: string,
  to: string,
): void {
  for (const pair of pairs) {
    if (pair.kind !== kind || (pair.region ?? deploymentRegion) !== region) continue;
    if (pair.source === from) pair.source = to;
    if (pair.target === from) pair.target = to;
  }
}

/** Renames a global cluster where the state refers to it (blue/green deployments of its primary). */
export function renameGlobalCluster(ctx: ModelContext, from: string, to: string): void {
  for (const global of ctx.state.globalClusters) if (global.id === from) global.id = to;
  for (const deployment of ctx.state.blueGreenDeployments) {
    if (deployment.global?.sourceId === from) deployment.global.sourceId = to;
    if (deployment.global?.targetId === from) deployment.global.targetId = to;
  }
}
