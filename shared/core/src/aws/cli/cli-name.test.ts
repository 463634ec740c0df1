import { cliName } from './cli-name';

// Expected values are botocore's `xform_name(name, '-')` (checked once against botocore 1.43 for
// every operation and input member of rds, cloudwatch, ce and sts: 268 operations, 1600 members).
const CASES: Array<[string, string]> = [
  ['DescribeDBClusters', 'describe-db-clusters'],
  ['DBClusterIdentifier', 'db-cluster-identifier'],
  ['TargetDbClusterIdentifier', 'target-db-cluster-identifier'],
  ['TargetDBInstanceIdentifier', 'target-db-instance-identifier'],
  ['FailoverGlobalCluster', 'failover-global-cluster'],
  ['VpcSecurityGroupIds', 'vpc-security-group-ids'],
  ['EnableIAMDatabaseAuthentication', 'enable-iam-database-authentication'],
  ['AlarmARNs', 'alarm-arns'],
  ['ResourceARNs', 'resource-arns'],
  ['DBSnapshotIdentifier', 'db-snapshot-identifier'],
  ['PerformanceInsightsKMSKeyId', 'performance-insights-kms-key-id'],
  ['GetOTelEnrichment', 'get-otel-enrichment'],
  ['ListTagsForResource', 'list-tags-for-resource'],
  ['AssumeRoleWithSAML', 'assume-role-with-saml'],
  ['already-dashed', 'already-dashed'],
];

describe('cliName (botocore xform_name with "-")', () => {
  it.each(CASES)('%s → %s', (name, expected) => {
    expect(cliName(name)).toBe(expected);
  });
});
