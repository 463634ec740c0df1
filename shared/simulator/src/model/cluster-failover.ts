import type { ModelContext } from './context';
import { rdsErrors } from './errors';
import { clusterEvent } from './events';
import { isAzDown, takeFault } from './faults';
import { classSize } from './instance-class';
import { schedule } from './jobs';
import { findInstance, globalClusterOf, instancesOf } from './lookup';
import type { DbCluster, DbInstance } from './types';

/** An instance that can take over as writer: up, not the writer, not in a failed AZ. */
export function isPromotable(ctx: ModelContext, cluster: DbCluster, instance: DbInstance): boolean {
  return (
    instance.id !== cluster.writerId &&
    instance.status === 'available' &&
    !isAzDown(ctx.state.faults, instance.region, instance.availabilityZone)
  );
}

/** Aurora's choice: lowest promotion tier, then largest class, then name (deterministic stand-in for "arbitrary"). */
export function bestFailoverTarget(ctx: ModelContext, cluster: DbCluster): DbInstance | undefined {
  return instancesOf(ctx.state, cluster)
    .filter((i) => isPromotable(ctx, cluster, i))
    .sort(
      (a, b) => a.promotionTier - b.promotionTier || classSize(b.instanceClass) - classSize(a.instanceClass) || a.id.localeCompare(b.id),
    )[0];
}

/** FailoverDBCluster's checks, then the failover itself. */
export function requestClusterFailover(ctx: ModelContext, cluster: DbCluster, targetId: string | undefined): void {
  if (cluster.status !== 'available') {
    throw rdsErrors.invalidClusterState(`DbCluster ${cluster.id} is not in the available state (it is ${cluster.status}).`);
  }
  const global = globalClusterOf(ctx.state, cluster);
  if (global && !global.members.find((m) => m.region === cluster.region && m.clusterId === cluster.id)?.isWriter) {
    throw rdsErrors.invalidClusterState(
      `DB cluster ${cluster.id} is a secondary cluster of global database ${global.id}; use FailoverGlobalCluster.`,
    );
  }
  let target: DbInstance | undefined;
  if (targetId) {
    target = instancesOf(ctx.state, cluster).find((i) => i.id === targetId.toLowerCase());
    const elsewhere = target ? undefined : findInstance(ctx.state, cluster.region, targetId);
    // FailoverDBCluster's modelled errors are InvalidDBClusterStateFault, InvalidDBInstanceStateFault
    // and DBClusterNotFoundFault only (botocore rds/2014-10-31 service-2.json); the target must be
    // "an Aurora Replica … in the DB cluster" (TargetDBInstanceIdentifier). An instance that exists
    // in another cluster is therefore an invalid instance for this request, not a missing one.
    if (elsewhere) {
      throw rdsErrors.invalidInstanceState(
        `DB instance ${elsewhere.id} is not a member of DB cluster ${cluster.id}` +
          (elsewhere.clusterId ? ` (it belongs to ${elsewhere.clusterId})` : '') +
          '. TargetDBInstanceIdentifier must be a reader of the cluster being failed over.',
      );
    }
    if (!target) throw rdsErrors.instanceNotFound(targetId);
    if (target.id === cluster.writerId) {
      throw rdsErrors.invalidInstanceState(`DB instance ${target.id} is already the writer of cluster ${cluster.id}.`);
    }
    if (!isPromotable(ctx, cluster, target)) {
      throw rdsErrors.invalidInstanceState(`DB instance ${target.id} is not in the available state (it is ${target.status}).`);
    }
  } else {
    target = bestFailoverTarget(ctx, cluster);
    if (!target) throw rdsErrors.invalidClusterState(`DB cluster ${cluster.id} has no available reader to fail over to.`);
  }
  startFailover(ctx, cluster, target);
}

/**
 * Starts a failover to `target` (manual or automatic): the cluster is failing-over, events
 * RDS-EVENT-0072/0073 are written, and completion (or an injected hang/failure) is scheduled.
 */
export function startFailover(ctx: ModelContext, cluster: DbCluster, target: DbInstance): void {
  const writer = instancesOf(ctx.state, cluster).find((i) => i.id === cluster.writerId);
  const sameAz = writer?.availabilityZone === target.availabilityZone;
  cluster.status = 'failing-over';
  clusterEvent(ctx, cluster.region, cluster.id, `Started ${sameAz ? 'same' : 'cross'} AZ failover to DB instance: ${target.id}`, [
    'failover',
  ]);
  const fault = takeFault(
    ctx.state.faults.failovers,
    (f) => (!f.region || f.region === cluster.region) && (!f.clusterId || f.clusterId === cluster.id),
  );
  const body = { kind: 'cluster-failover-done' as const, region: cluster.region, clusterId: cluster.id, targetId: target.id };
  if (fault?.mode === 'hang') {
    if (fault.hangMs !== undefined) schedule(ctx, { ...body, outcome: 'complete' }, fault.hangMs);
    return;
  }
  schedule(ctx, { ...body, outcome: fault?.mode === 'fail' ? 'fail' : 'complete' }, ctx.state.timings.failover);
}

/** Completes (or fails) a failover: roles swap, the cluster is available again, RDS-EVENT-0071/0069. */
export function finishFailover(ctx: ModelContext, cluster: DbCluster, targetId: string, outcome: 'complete' | 'fail'): void {
  if (cluster.status === 'failing-over') cluster.status = 'available';
  const target = instancesOf(ctx.state, cluster).find((i) => i.id === targetId);
  if (outcome === 'fail' || !target || target.status !== 'available') {
    clusterEvent(ctx, cluster.region, cluster.id, 'A failover for the DB cluster has failed.', ['failover']);
    return;
  }
  cluster.writerId = target.id;
  clusterEvent(ctx, cluster.region, cluster.id, `Completed failover to DB instance: ${target.id}`, ['failover']);
}

/**
 * The writer is gone (crash, AZ outage, deletion): fail over to the best reader, or, with none,
 * recreate the writer in a healthy AZ after the documented ~10 minutes.
 */
export function automaticFailover(ctx: ModelContext, cluster: DbCluster): void {
  if (cluster.status === 'failing-over') return;
  const target = bestFailoverTarget(ctx, cluster);
  if (target) {
    startFailover(ctx, cluster, target);
    return;
  }
  const writer = instancesOf(ctx.state, cluster).find((i) => i.id === cluster.writerId);
  if (!writer) return;
  cluster.status = 'failing-over';
  clusterEvent(ctx, cluster.region, cluster.id, `Started cross AZ failover to DB instance: ${writer.id}`, ['failover']);
  schedule(
    ctx,
    { kind: 'writer-recreated', region: cluster.region, clusterId: cluster.id, instanceId: writer.id },
    ctx.state.timings.writerRecreate,
  );
}
