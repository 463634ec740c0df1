import { awsOperationInfo, listAwsOperations } from './operation-info';

describe('awsOperationInfo / listAwsOperations', () => {
  it('describes an operation by CLI or SDK name, flags resolved from the SDK schema', () => {
    const info = awsOperationInfo('rds', 'failover-db-cluster');
    expect(awsOperationInfo('rds', 'FailoverDBCluster')).toEqual(info);
    expect(info).toEqual({
      sdkOperation: 'FailoverDBCluster',
      cliOperation: 'failover-db-cluster',
      mutating: true,
      flags: [
        { flag: '--db-cluster-identifier', member: 'DBClusterIdentifier', type: 'string', required: true },
        { flag: '--target-db-instance-identifier', member: 'TargetDBInstanceIdentifier', type: 'string', required: false },
      ],
    });
  });

  it('labels list and structure types', () => {
    const flags = awsOperationInfo('rds', 'describe-db-clusters')?.flags ?? [];
    expect(flags.find((f) => f.flag === '--filters')?.type).toBe('list<Filter>');
    expect(awsOperationInfo('rds', 'modify-db-cluster')?.flags.find((f) => f.flag === '--vpc-security-group-ids')?.type).toBe(
      'list<string>',
    );
  });

  it('lists every operation of the four services, sorted', () => {
    const rds = listAwsOperations('rds');
    expect(rds.length).toBeGreaterThan(150);
    expect(rds).toContainEqual({ cliOperation: 'switchover-global-cluster', sdkOperation: 'SwitchoverGlobalCluster', mutating: true });
    expect(rds.map((o) => o.cliOperation)).toEqual([...rds.map((o) => o.cliOperation)].sort((a, b) => a.localeCompare(b)));
    expect(listAwsOperations('sts').map((o) => o.cliOperation)).toContain('get-caller-identity');
    expect(listAwsOperations('ce').length).toBeGreaterThan(30);
    expect(listAwsOperations('cloudwatch').map((o) => o.cliOperation)).toContain('describe-alarms');
    expect(listAwsOperations('ec2')).toEqual([]);
    expect(awsOperationInfo('rds', 'no-such-operation')).toBeUndefined();
  });
});
