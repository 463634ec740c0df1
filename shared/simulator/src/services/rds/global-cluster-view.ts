import type { GlobalCluster as GlobalClusterShape } from '@aws-sdk/client-rds';
import { arns } from '../../model/arn';
import type { GlobalCluster, SimState } from '../../model/types';
import { rdsEndpoints } from './endpoints';

/** A global database as DescribeGlobalClusters returns it. */
export function globalClusterView(state: SimState, global: GlobalCluster): GlobalClusterShape {
  const arnOf = (m: { region: string; clusterId: string }) => arns.cluster(state, m.region, m.clusterId);
  const failover = global.failoverState;
  return {
    GlobalClusterIdentifier: global.id,
    GlobalClusterResourceId: global.resourceId,
    GlobalClusterArn: arns.globalCluster(state, global.id),
    Status: global.status,
    Engine: global.engine,
    EngineVersion: global.engineVersion,
    EngineLifecycleSupport: 'open-source-rds-extended-support',
    StorageEncrypted: true,
    DeletionProtection: global.deletionProtection,
    Endpoint: rdsEndpoints.global(state, global.id),
    GlobalClusterMembers: global.members.map((m) => ({
      DBClusterArn: arnOf(m),
      Readers: m.isWriter ? global.members.filter((o) => !o.isWriter).map(arnOf) : [],
      IsWriter: m.isWriter,
      GlobalWriteForwardingStatus: m.isWriter ? undefined : 'disabled',
      SynchronizationStatus: m.synchronizationStatus,
    })),
    FailoverState: failover
      ? {
          Status: failover.status,
          FromDbClusterArn: arns.cluster(state, failover.fromRegion, failover.fromClusterId),
          ToDbClusterArn: arns.cluster(state, failover.toRegion, failover.toClusterId),
          IsDataLossAllowed: failover.isDataLossAllowed,
        }
      : undefined,
    TagList: global.tags,
  };
}
