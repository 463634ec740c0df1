import type { DBCluster } from '@aws-sdk/client-rds';
import { arns } from '../../model/arn';
import { BACKUP_RETENTION_DAYS, restorableWindow } from '../../model/cluster-restore';
import { globalClusterOf, instancesOf } from '../../model/lookup';
import { availabilityZones } from '../../model/regions';
import type { DbCluster, SimState } from '../../model/types';
import { hostedZoneId, rdsEndpoints } from './endpoints';

/** A cluster as DescribeDBClusters returns it. */
export function clusterView(state: SimState, cluster: DbCluster, now: number): DBCluster {
  const instances = instancesOf(state, cluster);
  const global = globalClusterOf(state, cluster);
  const member = global?.members.find((m) => m.region === cluster.region && m.clusterId === cluster.id);
  const restorable = restorableWindow(cluster, now);
  return {
    AllocatedStorage: 1,
    AvailabilityZones: availabilityZones(cluster.region),
    BackupRetentionPeriod: BACKUP_RETENTION_DAYS,
    DBClusterIdentifier: cluster.id,
    DBClusterParameterGroup: cluster.parameterGroup,
    DBSubnetGroup: 'default',
    Status: cluster.status,
    PendingModifiedValues: cluster.pendingId ? { DBClusterIdentifier: cluster.pendingId } : undefined,
    EarliestRestorableTime: new Date(restorable.earliest),
    Endpoint: rdsEndpoints.clusterWriter(state, cluster.region, cluster.id),
    ReaderEndpoint: rdsEndpoints.clusterReader(state, cluster.region, cluster.id),
    CustomEndpoints: [],
    MultiAZ: new Set(instances.map((i) => i.availabilityZone)).size > 1,
    Engine: cluster.engine,
    EngineVersion: cluster.engineVersion,
    LatestRestorableTime: new Date(restorable.latest),
    Port: cluster.port,
    MasterUsername: cluster.masterUsername,
    PreferredBackupWindow: '07:00-07:30',
    PreferredMaintenanceWindow: 'sun:09:00-sun:09:30',
    ReadReplicaIdentifiers: [],
    DBClusterMembers: instances.map((i) => ({
      DBInstanceIdentifier: i.id,
      IsClusterWriter: i.id === cluster.writerId,
      DBClusterParameterGroupStatus: i.parameterApplyStatus ?? 'in-sync',
      PromotionTier: i.promotionTier,
    })),
    VpcSecurityGroups: [{ VpcSecurityGroupId: 'sg-0a1b2c3d4e5f60718', Status: 'active' }],
    HostedZoneId: hostedZoneId(cluster.region),
    StorageEncrypted: true,
    KmsKeyId: `arn:aws:kms:${cluster.region}:${state.accountId}:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0`,
    DbClusterResourceId: cluster.resourceId,
    DBClusterArn: arns.cluster(state, cluster.region, cluster.id),
    AssociatedRoles: [],
    IAMDatabaseAuthenticationEnabled: false,
    ClusterCreateTime: new Date(cluster.createdAt),
    EngineMode: 'provisioned',
    DeletionProtection: cluster.deletionProtection,
    HttpEndpointEnabled: false,
    CopyTagsToSnapshot: true,
    CrossAccountClone: false,
    DomainMemberships: [],
    TagList: cluster.tags,
    GlobalClusterIdentifier: global?.id,
    GlobalWriteForwardingStatus: member && !member.isWriter ? 'disabled' : undefined,
    AutoMinorVersionUpgrade: true,
    NetworkType: 'IPV4',
    StorageType: 'aurora',
    EngineLifecycleSupport: 'open-source-rds-extended-support',
  };
}
