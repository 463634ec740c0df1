import type { DBInstance } from '@aws-sdk/client-rds';
import { arns } from '../../model/arn';
import type { DbInstance, SimState } from '../../model/types';
import { hostedZoneId, rdsEndpoints } from './endpoints';

/** An Aurora instance as DescribeDBInstances returns it. */
export function instanceView(state: SimState, instance: DbInstance): DBInstance {
  const major = instance.engineVersion.split('.')[0];
  const cluster = state.clusters.find((c) => c.region === instance.region && c.id === instance.clusterId);
  return {
    DBInstanceIdentifier: instance.id,
    DBInstanceClass: instance.instanceClass,
    Engine: instance.engine,
    DBInstanceStatus: instance.status,
    MasterUsername: cluster?.masterUsername ?? 'postgres',
    Endpoint:
      instance.status === 'creating'
        ? undefined
        : {
            Address: rdsEndpoints.instance(state, instance.region, instance.id),
            Port: cluster?.port ?? 5432,
            HostedZoneId: hostedZoneId(instance.region),
          },
    AllocatedStorage: 1,
    InstanceCreateTime: instance.status === 'creating' ? undefined : new Date(instance.createdAt),
    PreferredBackupWindow: '07:00-07:30',
    BackupRetentionPeriod: 7,
    DBSecurityGroups: [],
    VpcSecurityGroups: [{ VpcSecurityGroupId: 'sg-0a1b2c3d4e5f60718', Status: 'active' }],
    DBParameterGroups: [{ DBParameterGroupName: `default.${instance.engine}${major}`, ParameterApplyStatus: 'in-sync' }],
    AvailabilityZone: instance.availabilityZone,
    DBSubnetGroup: {
      DBSubnetGroupName: 'default',
      DBSubnetGroupDescription: 'default',
      VpcId: 'vpc-0a1b2c3d4e5f60718',
      SubnetGroupStatus: 'Complete',
      Subnets: ['a', 'b', 'c'].map((az, n) => ({
        SubnetIdentifier: `subnet-0${n}1b2c3d4e5f6071${n}`,
        SubnetAvailabilityZone: { Name: `${instance.region}${az}` },
        SubnetOutpost: {},
        SubnetStatus: 'Active',
      })),
    },
    PreferredMaintenanceWindow: 'sun:09:00-sun:09:30',
    PendingModifiedValues: {
      ...(instance.pendingInstanceClass && instance.status !== 'modifying' ? { DBInstanceClass: instance.pendingInstanceClass } : {}),
      ...(instance.pendingId ? { DBInstanceIdentifier: instance.pendingId } : {}),
    },
    MultiAZ: false,
    EngineVersion: instance.engineVersion,
    AutoMinorVersionUpgrade: true,
    ReadReplicaDBInstanceIdentifiers: [],
    LicenseModel: 'postgresql-license',
    OptionGroupMemberships: [{ OptionGroupName: `default:${instance.engine}-${major}`, Status: 'in-sync' }],
    PubliclyAccessible: false,
    StorageType: 'aurora',
    DbInstancePort: 0,
    DBClusterIdentifier: instance.clusterId,
    StorageEncrypted: true,
    KmsKeyId: `arn:aws:kms:${instance.region}:${state.accountId}:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0`,
    DbiResourceId: instance.resourceId,
    CACertificateIdentifier: 'rds-ca-rsa2048-g1',
    DomainMemberships: [],
    CopyTagsToSnapshot: false,
    MonitoringInterval: 0,
    PromotionTier: instance.promotionTier,
    DBInstanceArn: arns.instance(state, instance.region, instance.id),
    IAMDatabaseAuthenticationEnabled: false,
    PerformanceInsightsEnabled: false,
    DeletionProtection: false,
    AssociatedRoles: [],
    TagList: instance.tags,
    CustomerOwnedIpEnabled: false,
    BackupTarget: 'region',
    NetworkType: 'IPV4',
    StorageThroughput: 0,
    CertificateDetails: { CAIdentifier: 'rds-ca-rsa2048-g1', ValidTill: new Date('2061-01-01T00:00:00Z') },
    DedicatedLogVolume: false,
    IsStorageConfigUpgradeAvailable: false,
    EngineLifecycleSupport: 'open-source-rds-extended-support',
  };
}
