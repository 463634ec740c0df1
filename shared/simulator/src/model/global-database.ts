import { commonErrors } from '../protocol/aws-error';
import { parseRdsArn } from './arn';
import { bestFailoverTarget } from './cluster-failover';
import type { ModelContext } from './context';
import { rdsErrors } from './errors';
import { clusterEvent } from './events';
import { isRegionDown } from './faults';
import { schedule } from './jobs';
import { findCluster, idFromIdOrArn, instancesOf } from './lookup';
import type { DbCluster, GlobalCluster, GlobalClusterMember } from './types';

/** Resolves a member given as ARN (or bare identifier); a bare identifier must be unique across regions. */
export function resolveMember(global: GlobalCluster, idOrArn: string): GlobalClusterMember {
  const parsed = parseRdsArn(idOrArn);
  const id = idFromIdOrArn(idOrArn);
  const member = global.members.find((m) => m.clusterId === id && (!parsed || m.region === parsed.region));
  if (!member) throw rdsErrors.clusterNotFound(idOrArn);
  return member;
}

export function primaryMember(global: GlobalCluster): GlobalClusterMember | undefined {
  return global.members.find((m) => m.isWriter);
}

function memberCluster(ctx: ModelContext, member: GlobalClusterMember): DbCluster {
  const cluster = findCluster(ctx.state, member.region, member.clusterId);
  if (!cluster) throw rdsErrors.clusterNotFound(member.clusterId);
  return cluster;
}

/**
 * SwitchoverGlobalCluster / FailoverGlobalCluster: moves the primary role to a secondary.
 * Switchover (RPO 0) needs every member healthy and identical engine versions; failover with
 * AllowDataLoss works while the primary's region is down.
 */
export function requestGlobalTransition(ctx: ModelContext, global: GlobalCluster, targetIdOrArn: string, allowDataLoss: boolean): void {
  if (global.status !== 'available') {
    throw rdsErrors.invalidGlobalClusterState(`Global cluster ${global.id} is not in the available state (it is ${global.status}).`);
  }
  const target = resolveMember(global, targetIdOrArn);
  const from = primaryMember(global);
  if (!from) throw rdsErrors.invalidGlobalClusterState(`Global cluster ${global.id} has no primary cluster.`);
  if (target.isWriter) {
    throw rdsErrors.invalidGlobalClusterState(
      `DB cluster ${target.clusterId} is already the primary cluster of global cluster ${global.id}.`,
    );
  }
  const targetCluster = memberCluster(ctx, target);
  if (targetCluster.status !== 'available' || instancesOf(ctx.state, targetCluster).every((i) => i.status !== 'available')) {
    throw rdsErrors.invalidDBClusterStateForTarget(targetCluster.id, targetCluster.status);
  }
  if (!allowDataLoss) {
    if (isRegionDown(ctx.state.faults, from.region)) {
      throw rdsErrors.invalidGlobalClusterState(
        `The primary cluster ${from.clusterId} in ${from.region} is unavailable; a switchover needs it. Use FailoverGlobalCluster with AllowDataLoss.`,
      );
    }
    const fromCluster = memberCluster(ctx, from);
    if (fromCluster.status !== 'available') throw rdsErrors.invalidDBClusterStateForTarget(fromCluster.id, fromCluster.status);
    if (fromCluster.engineVersion !== targetCluster.engineVersion) {
      throw rdsErrors.invalidGlobalClusterState(
        `Switchover needs identical engine versions: ${fromCluster.id} runs ${fromCluster.engineVersion}, ${targetCluster.id} runs ${targetCluster.engineVersion}.`,
      );
    }
  }
  global.status = allowDataLoss ? 'failing-over' : 'switching-over';
  global.failoverState = {
    status: 'failing-over',
    fromRegion: from.region,
    fromClusterId: from.clusterId,
    toRegion: target.region,
    toClusterId: target.clusterId,
    isDataLossAllowed: allowDataLoss,
  };
  clusterEvent(
    ctx,
    target.region,
    target.clusterId,
    'The failover of the global database has started. The process can be delayed because other operations are running on the DB cluster.',
    ['global failover'],
  );
  const duration = allowDataLoss ? ctx.state.timings.globalFailover : ctx.state.timings.globalSwitchover;
  schedule(ctx, { kind: 'global-transition-done', globalId: global.id }, duration);
}

/** The primary role has moved: the old primary's writer steps down, the target's best instance becomes writer. */
export function finishGlobalTransition(ctx: ModelContext, global: GlobalCluster): void {
  const state = global.failoverState;
  if (!state) return;
  const from = global.members.find((m) => m.region === state.fromRegion && m.clusterId === state.fromClusterId);
  const to = global.members.find((m) => m.region === state.toRegion && m.clusterId === state.toClusterId);
  const toCluster = to && findCluster(ctx.state, to.region, to.clusterId);
  global.status = 'available';
  global.failoverState = undefined;
  if (!from || !to || !toCluster) return;
  const fromCluster = findCluster(ctx.state, from.region, from.clusterId);
  if (fromCluster) fromCluster.writerId = undefined;
  toCluster.writerId = bestFailoverTarget(ctx, { ...toCluster, writerId: undefined })?.id;
  from.isWriter = false;
  to.isWriter = true;
  if (state.isDataLossAllowed) {
    from.synchronizationStatus = 'pending-resync';
    schedule(
      ctx,
      { kind: 'global-resynced', globalId: global.id, region: from.region, clusterId: from.clusterId },
      ctx.state.timings.globalFailover,
    );
  }
  if (fromCluster) {
    clusterEvent(
      ctx,
      from.region,
      from.clusterId,
      "The old primary instance in the global database isn't accepting writes. All volumes are synchronized.",
      ['global failover'],
    );
  }
  clusterEvent(
    ctx,
    to.region,
    to.clusterId,
    'The global database failover is finished on the primary DB cluster. Replicas might take long to come online after the failover completes.',
    ['global failover'],
  );
}

/** After an unplanned failover the old primary rejoins as a secondary once its region is reachable. */
export function finishResync(ctx: ModelContext, global: GlobalCluster, region: string, clusterId: string): void {
  const member = global.members.find((m) => m.region === region && m.clusterId === clusterId);
  if (!member) return;
  if (isRegionDown(ctx.state.faults, region)) {
    schedule(ctx, { kind: 'global-resynced', globalId: global.id, region, clusterId }, ctx.state.timings.globalFailover);
    return;
  }
  member.synchronizationStatus = 'connected';
}

/** RemoveFromGlobalCluster: a secondary is detached and promoted to a standalone read/write cluster. */
export function requestRemoveFromGlobal(ctx: ModelContext, global: GlobalCluster, clusterArn: string): void {
  if (!parseRdsArn(clusterArn)) {
    throw commonErrors.invalidParameterValue(`The parameter DbClusterIdentifier must be an ARN: ${clusterArn}`);
  }
  const member = resolveMember(global, clusterArn);
  if (member.isWriter && global.members.length > 1) {
    throw rdsErrors.invalidGlobalClusterState(
      `The primary cluster ${member.clusterId} can't be removed from global cluster ${global.id} while it has secondary clusters.`,
    );
  }
  const cluster = memberCluster(ctx, member);
  if (cluster.status !== 'available') throw rdsErrors.invalidDBClusterStateForTarget(cluster.id, cluster.status);
  cluster.status = 'modifying';
  schedule(
    ctx,
    { kind: 'global-member-removed', globalId: global.id, region: member.region, clusterId: member.clusterId },
    ctx.state.timings.removeFromGlobal,
  );
}

export function finishRemoveFromGlobal(ctx: ModelContext, global: GlobalCluster, region: string, clusterId: string): void {
  global.members = global.members.filter((m) => !(m.region === region && m.clusterId === clusterId));
  const cluster = findCluster(ctx.state, region, clusterId);
  if (!cluster) return;
  cluster.status = 'available';
  if (!cluster.writerId) cluster.writerId = bestFailoverTarget(ctx, cluster)?.id;
  clusterEvent(
    ctx,
    region,
    clusterId,
    `DB cluster ${clusterId} was removed from global cluster ${global.id} and is now a standalone cluster.`,
    ['global failover'],
  );
}

/**
 * DeleteGlobalCluster: "The primary and secondary clusters must already be detached or destroyed
 * first" (RDS API Reference), and deletion protection must be off. The empty global cluster goes at once.
 */
export function deleteGlobalCluster(ctx: ModelContext, global: GlobalCluster): void {
  if (global.members.length > 0) {
    throw rdsErrors.invalidGlobalClusterState(
      `Global cluster ${global.id} still has member clusters (${global.members.map((m) => `${m.clusterId} in ${m.region}`).join(', ')}); remove them from it first.`,
    );
  }
  if (global.deletionProtection) {
    throw rdsErrors.invalidGlobalClusterState(`Global cluster ${global.id} has deletion protection enabled.`);
  }
  global.status = 'deleting';
  ctx.state.globalClusters = ctx.state.globalClusters.filter((g) => g !== global);
}
