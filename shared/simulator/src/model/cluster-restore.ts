import { commonErrors } from '../protocol/aws-error';
import type { ModelContext } from './context';
import { checkParameterGroupFamily, parameterGroupFamily } from './engine-catalog';
import { rdsErrors } from './errors';
import { clusterEvent } from './events';
import { checkNewIdentifier, clusterNameTaken } from './identifiers';
import { newIds } from './ids';
import { schedule } from './jobs';
import { findClusterParameterGroup, getCluster } from './lookup';
import { defaultClusterParameterGroup } from './parameter-groups';
import type { DbCluster, Tag } from './types';

/** The backup retention every simulated cluster shows (DescribeDBClusters BackupRetentionPeriod). */
export const BACKUP_RETENTION_DAYS = 7;
/** LatestRestorableTime trails the present by this much. */
export const RESTORE_LAG_MS = 60_000;

/**
 * The times a cluster can be restored to, as DescribeDBClusters shows them (EarliestRestorableTime,
 * LatestRestorableTime) and RestoreDBClusterToPointInTime checks them: "any point in time before
 * LatestRestorableTime for up to BackupRetentionPeriod days" (API reference), never before the
 * cluster existed.
 */
export function restorableWindow(cluster: DbCluster, now: number): { earliest: number; latest: number } {
  return { earliest: Math.max(cluster.createdAt, now - BACKUP_RETENTION_DAYS * 86_400_000), latest: now - RESTORE_LAG_MS };
}

export interface PointInTimeRestore {
  region: string;
  id: string;
  sourceId: string;
  restoreType?: string;
  restoreToTime?: Date;
  useLatestRestorableTime?: boolean;
  parameterGroup?: string;
  deletionProtection?: boolean;
  tags?: Tag[];
}

/**
 * RestoreDBClusterToPointInTime: a new cluster from the source's backups (`full-copy`, the default)
 * or an Aurora clone sharing its volume (`copy-on-write`), at RestoreToTime or the latest restorable
 * time — exactly one of the two (API reference: RestoreToTime "Can't be specified if the
 * UseLatestRestorableTime parameter is enabled"; "Must be before the latest restorable time";
 * "Can't be specified if the RestoreType parameter is copy-on-write": a clone is of the present).
 * Without DBClusterParameterGroupName the new cluster gets "the default DB cluster parameter group
 * for the specified engine" (API reference, botocore rds service-2.json), not the source's group.
 * It is `creating` without instances; CreateDBInstance adds them (Aurora User Guide,
 * Aurora.Managing.Clone: "the clone is created without DB instances").
 */
export function restoreClusterToPointInTime(ctx: ModelContext, request: PointInTimeRestore): DbCluster {
  const source = getCluster(ctx.state, request.region, request.sourceId);
  const id = checkNewIdentifier('DBClusterIdentifier', request.id);
  if (clusterNameTaken(ctx.state, request.region, id)) throw rdsErrors.clusterAlreadyExists(id);
  const restoreType = request.restoreType ?? 'full-copy';
  if (restoreType !== 'full-copy' && restoreType !== 'copy-on-write') {
    throw commonErrors.invalidParameterValue(`Invalid value ${restoreType} for RestoreType. Valid values: full-copy, copy-on-write.`);
  }
  if (request.restoreToTime && request.useLatestRestorableTime) {
    throw commonErrors.invalidParameterCombination('RestoreToTime cannot be specified together with UseLatestRestorableTime.');
  }
  if (!request.restoreToTime && !request.useLatestRestorableTime) {
    throw commonErrors.invalidParameterCombination('Either RestoreToTime or UseLatestRestorableTime must be specified.');
  }
  if (request.restoreToTime && restoreType === 'copy-on-write') {
    throw commonErrors.invalidParameterCombination(
      'RestoreToTime cannot be specified with RestoreType copy-on-write: a clone is taken at the latest restorable time (use UseLatestRestorableTime).',
    );
  }
  if (request.restoreToTime) {
    const at = request.restoreToTime.getTime();
    const { earliest, latest } = restorableWindow(source, ctx.now);
    if (at < earliest || at > latest) {
      throw commonErrors.invalidParameterValue(
        `RestoreToTime ${request.restoreToTime.toISOString()} is outside the restorable window of ${source.id}: ` +
          `${new Date(earliest).toISOString()} to ${new Date(latest).toISOString()}.`,
      );
    }
  }
  if (!['available', 'modifying'].includes(source.status)) throw rdsErrors.invalidDBClusterStateForTarget(source.id, source.status);
  const groupName =
    request.parameterGroup?.toLowerCase() ??
    defaultClusterParameterGroup(ctx, request.region, parameterGroupFamily(source.engine, source.engineVersion));
  const group = findClusterParameterGroup(ctx.state, request.region, groupName);
  if (!group) throw rdsErrors.clusterParameterGroupNotFound(groupName);
  checkParameterGroupFamily(group, source.engine, source.engineVersion, 'cluster');
  const cluster: DbCluster = {
    region: request.region,
    id,
    resourceId: newIds.clusterResourceId(ctx.state),
    engine: source.engine,
    engineVersion: source.engineVersion,
    status: 'creating',
    parameterGroup: group.name,
    createdAt: ctx.now,
    port: source.port,
    masterUsername: source.masterUsername,
    deletionProtection: request.deletionProtection ?? false,
    cloneOf: restoreType === 'copy-on-write' ? source.id : undefined,
    tags: request.tags ?? [],
  };
  ctx.state.clusters.push(cluster);
  clusterEvent(
    ctx,
    cluster.region,
    cluster.id,
    restoreType === 'copy-on-write' ? `Cloned DB cluster from ${source.id}.` : `Restored from DB cluster ${source.id} to a point in time.`,
    ['creation'],
  );
  schedule(ctx, { kind: 'cluster-available', region: cluster.region, clusterId: cluster.id }, ctx.state.timings.restoreCluster);
  return cluster;
}

/** The restored cluster is ready for instances. */
export function clusterBecameAvailable(ctx: ModelContext, cluster: DbCluster): void {
  if (cluster.status === 'creating') cluster.status = 'available';
}
