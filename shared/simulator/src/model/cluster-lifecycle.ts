import { commonErrors } from '../protocol/aws-error';
import type { ModelContext } from './context';
import { checkParameterGroupFamily } from './engine-catalog';
import { rdsErrors } from './errors';
import { clusterEvent } from './events';
import { blueGreenOfResource, checkNewIdentifier, clusterNameTaken } from './identifiers';
import { schedule } from './jobs';
import { findClusterParameterGroup, globalClusterOf, instancesOf } from './lookup';
import { renameCluster } from './rename';
import type { DbCluster } from './types';

export interface ClusterModification {
  newId?: string;
  deletionProtection?: boolean;
  parameterGroup?: string;
  applyImmediately?: boolean;
}

/**
 * ModifyDBCluster. Deletion protection and the parameter group change at once; a rename
 * (NewDBClusterIdentifier) waits for the maintenance window unless ApplyImmediately, as the API
 * reference says for Aurora. Applied, a rename keeps the cluster `renaming` for a short while,
 * after which it — with its endpoints, which follow the identifier — carries the new name.
 */
export function modifyCluster(ctx: ModelContext, cluster: DbCluster, change: ClusterModification): void {
  if (cluster.status !== 'available') {
    throw rdsErrors.invalidClusterState(`DB cluster ${cluster.id} is not in the available state (it is ${cluster.status}).`);
  }
  const newId = change.newId !== undefined ? checkNewIdentifier('NewDBClusterIdentifier', change.newId) : undefined;
  if (newId !== undefined && newId !== cluster.id) {
    const deployment = blueGreenOfResource(ctx.state, cluster.region, 'cluster', cluster.id);
    if (deployment) {
      throw rdsErrors.invalidClusterState(
        `DB cluster ${cluster.id} belongs to blue/green deployment ${deployment.id}, which manages its name. Delete the deployment first.`,
      );
    }
    if (clusterNameTaken(ctx.state, cluster.region, newId)) throw rdsErrors.clusterAlreadyExists(newId);
  }
  const group = change.parameterGroup?.toLowerCase();
  if (group !== undefined) {
    const found = findClusterParameterGroup(ctx.state, cluster.region, group);
    if (!found) throw rdsErrors.clusterParameterGroupNotFound(group);
    checkParameterGroupFamily(found, cluster.engine, cluster.engineVersion, 'cluster');
  }
  if (change.deletionProtection !== undefined) cluster.deletionProtection = change.deletionProtection;
  if (group !== undefined && group !== cluster.parameterGroup) {
    cluster.parameterGroup = group;
    // A new cluster parameter group takes full effect when the members reboot.
    for (const instance of instancesOf(ctx.state, cluster)) instance.parameterApplyStatus = 'pending-reboot';
  }
  if (newId !== undefined && newId !== cluster.id) cluster.pendingId = newId;
  if (change.applyImmediately && cluster.pendingId) {
    const target = cluster.pendingId;
    cluster.pendingId = undefined;
    cluster.status = 'renaming';
    schedule(
      ctx,
      { kind: 'cluster-renamed', region: cluster.region, clusterId: cluster.id, newId: target },
      ctx.state.timings.renameCluster,
    );
  }
}

/** The rename takes effect: instances, global membership and endpoints follow the new name. */
export function finishClusterRename(ctx: ModelContext, cluster: DbCluster, newId: string): void {
  const oldId = cluster.id;
  renameCluster(ctx, cluster.region, oldId, newId);
  if (cluster.status === 'renaming') cluster.status = 'available';
  clusterEvent(ctx, cluster.region, newId, `Renamed DB cluster from ${oldId} to ${newId}`, ['configuration change']);
}

/**
 * DeleteDBCluster: refused while deletion protection is on, while the cluster still has instances
 * that are not being deleted, or while it belongs to a global database or a blue/green
 * deployment; otherwise `deleting`, then gone.
 */
export function deleteCluster(
  ctx: ModelContext,
  cluster: DbCluster,
  request: { skipFinalSnapshot: boolean; finalSnapshotId?: string },
): void {
  if (request.skipFinalSnapshot && request.finalSnapshotId) {
    throw commonErrors.invalidParameterCombination('FinalDBSnapshotIdentifier can not be specified when SkipFinalSnapshot is enabled.');
  }
  if (!request.skipFinalSnapshot && !request.finalSnapshotId) {
    throw commonErrors.invalidParameterValue('FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is specified.');
  }
  if (request.finalSnapshotId) checkNewIdentifier('FinalDBSnapshotIdentifier', request.finalSnapshotId);
  if (cluster.status === 'deleting') throw rdsErrors.invalidClusterState(`DB cluster ${cluster.id} is already being deleted.`);
  if (!['available', 'inaccessible', 'stopped'].includes(cluster.status)) {
    throw rdsErrors.invalidClusterState(`DB cluster ${cluster.id} is not in the available state (it is ${cluster.status}).`);
  }
  if (cluster.deletionProtection) {
    throw rdsErrors.invalidClusterState('Cannot delete protected Cluster, please disable deletion protection and try again.');
  }
  const global = globalClusterOf(ctx.state, cluster);
  if (global) {
    throw rdsErrors.invalidClusterState(
      `This cluster is a part of global cluster ${global.id}, please remove it from the global cluster first.`,
    );
  }
  const deployment = blueGreenOfResource(ctx.state, cluster.region, 'cluster', cluster.id);
  if (deployment) {
    throw rdsErrors.invalidClusterState(
      `DB cluster ${cluster.id} belongs to blue/green deployment ${deployment.id}. Delete the deployment first.`,
    );
  }
  if (instancesOf(ctx.state, cluster).some((i) => i.status !== 'deleting')) {
    throw rdsErrors.invalidClusterState('Cluster cannot be deleted, it still contains DB instances in non-deleting state.');
  }
  cluster.status = 'deleting';
  if (request.finalSnapshotId) {
    clusterEvent(ctx, cluster.region, cluster.id, `Creating final DB cluster snapshot ${request.finalSnapshotId.toLowerCase()}`, [
      'backup',
    ]);
  }
  schedule(ctx, { kind: 'cluster-deleted', region: cluster.region, clusterId: cluster.id }, ctx.state.timings.deleteCluster);
}
