import type {
  CreateDBInstanceMessage,
  CreateDBInstanceResult,
  DeleteDBClusterMessage,
  DeleteDBClusterResult,
  DeleteDBInstanceMessage,
  DeleteDBInstanceResult,
  FailoverDBClusterMessage,
  FailoverDBClusterResult,
  ModifyDBClusterMessage,
  ModifyDBClusterResult,
  ModifyDBInstanceMessage,
  ModifyDBInstanceResult,
  RebootDBInstanceMessage,
  RebootDBInstanceResult,
  RestoreDBClusterToPointInTimeMessage,
  RestoreDBClusterToPointInTimeResult,
} from '@aws-sdk/client-rds';
import { requestClusterFailover } from '../../model/cluster-failover';
import { deleteCluster, modifyCluster } from '../../model/cluster-lifecycle';
import { restoreClusterToPointInTime } from '../../model/cluster-restore';
import { createInstance, deleteInstance, modifyInstance, rebootInstance } from '../../model/instance-lifecycle';
import { getCluster, getInstance } from '../../model/lookup';
import type { SimulatorWorld } from '../../world';
import { handler, type OperationHandler } from '../service-definition';
import { clusterView } from './cluster-view';
import { instanceView } from './instance-view';

/** Cluster failover, rename and deletion, and the instance lifecycle (create a reader, modify, rename, reboot, delete). */
export function clusterOperations(world: SimulatorWorld): Record<string, OperationHandler> {
  return {
    FailoverDBCluster: handler((input: FailoverDBClusterMessage, { region }): FailoverDBClusterResult => {
      const ctx = world.context();
      const cluster = getCluster(ctx.state, region, input.DBClusterIdentifier!);
      requestClusterFailover(ctx, cluster, input.TargetDBInstanceIdentifier);
      return { DBCluster: clusterView(ctx.state, cluster, ctx.now) };
    }),

    ModifyDBCluster: handler((input: ModifyDBClusterMessage, { region }): ModifyDBClusterResult => {
      const ctx = world.context();
      const cluster = getCluster(ctx.state, region, input.DBClusterIdentifier!);
      modifyCluster(ctx, cluster, {
        newId: input.NewDBClusterIdentifier,
        deletionProtection: input.DeletionProtection,
        parameterGroup: input.DBClusterParameterGroupName,
        applyImmediately: input.ApplyImmediately ?? false,
      });
      return { DBCluster: clusterView(ctx.state, cluster, ctx.now) };
    }),

    RestoreDBClusterToPointInTime: handler(
      (input: RestoreDBClusterToPointInTimeMessage, { region }): RestoreDBClusterToPointInTimeResult => {
        const ctx = world.context();
        const cluster = restoreClusterToPointInTime(ctx, {
          region,
          id: input.DBClusterIdentifier!,
          sourceId: input.SourceDBClusterIdentifier!,
          restoreType: input.RestoreType,
          restoreToTime: input.RestoreToTime,
          useLatestRestorableTime: input.UseLatestRestorableTime,
          parameterGroup: input.DBClusterParameterGroupName,
          deletionProtection: input.DeletionProtection,
          tags: (input.Tags ?? []).map((t) => ({ Key: t.Key ?? '', Value: t.Value ?? '' })),
        });
        return { DBCluster: clusterView(ctx.state, cluster, ctx.now) };
      },
    ),

    DeleteDBCluster: handler((input: DeleteDBClusterMessage, { region }): DeleteDBClusterResult => {
      const ctx = world.context();
      const cluster = getCluster(ctx.state, region, input.DBClusterIdentifier!);
      deleteCluster(ctx, cluster, {
        skipFinalSnapshot: input.SkipFinalSnapshot ?? false,
        finalSnapshotId: input.FinalDBSnapshotIdentifier,
      });
      return { DBCluster: clusterView(ctx.state, cluster, ctx.now) };
    }),

    CreateDBInstance: handler((input: CreateDBInstanceMessage, { region }): CreateDBInstanceResult => {
      const ctx = world.context();
      const instance = createInstance(ctx, {
        region,
        id: input.DBInstanceIdentifier!,
        clusterId: input.DBClusterIdentifier,
        engineVersion: input.EngineVersion,
        instanceClass: input.DBInstanceClass!,
        engine: input.Engine!,
        availabilityZone: input.AvailabilityZone,
        promotionTier: input.PromotionTier,
        tags: (input.Tags ?? []).map((t) => ({ Key: t.Key ?? '', Value: t.Value ?? '' })),
      });
      return { DBInstance: instanceView(ctx.state, instance) };
    }),

    ModifyDBInstance: handler((input: ModifyDBInstanceMessage, { region }): ModifyDBInstanceResult => {
      const ctx = world.context();
      const instance = getInstance(ctx.state, region, input.DBInstanceIdentifier!);
      modifyInstance(ctx, instance, {
        promotionTier: input.PromotionTier,
        instanceClass: input.DBInstanceClass,
        newId: input.NewDBInstanceIdentifier,
        applyImmediately: input.ApplyImmediately ?? false,
      });
      return { DBInstance: instanceView(ctx.state, instance) };
    }),

    RebootDBInstance: handler((input: RebootDBInstanceMessage, { region }): RebootDBInstanceResult => {
      const ctx = world.context();
      const instance = getInstance(ctx.state, region, input.DBInstanceIdentifier!);
      rebootInstance(ctx, instance, input.ForceFailover ?? false);
      return { DBInstance: instanceView(ctx.state, instance) };
    }),

    DeleteDBInstance: handler((input: DeleteDBInstanceMessage, { region }): DeleteDBInstanceResult => {
      const ctx = world.context();
      const instance = getInstance(ctx.state, region, input.DBInstanceIdentifier!);
      deleteInstance(ctx, instance);
      return { DBInstance: instanceView(ctx.state, instance) };
    }),
  };
}
