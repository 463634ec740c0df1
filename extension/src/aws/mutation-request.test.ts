import { describeMutation, resourcesOf } from './mutation-request';

describe('describeMutation', () => {
  const identity = { account: '123456789012', arn: 'arn:aws:iam::123456789012:user/alice', userId: 'AIDA' };

  it('names the account, region and resource in the title and the caller in the detail', () => {
    const { message, detail } = describeMutation({
      service: 'rds',
      operation: 'FailoverDBCluster',
      input: { DBClusterIdentifier: 'prod-app', TargetDBInstanceIdentifier: 'prod-app-2' },
      region: 'us-east-1',
      target: 'aws',
      identity,
    });
    expect(message).toBe('FailoverDBCluster on DBClusterIdentifier prod-app in account 123456789012, us-east-1?');
    expect(detail).toContain('Resource: DBClusterIdentifier prod-app; TargetDBInstanceIdentifier prod-app-2');
    expect(detail).toContain('Caller: arn:aws:iam::123456789012:user/alice');
    expect(detail).toContain('Sent to: AWS');
  });

  it('picks identifiers, ARNs and names, not flags or numbers', () => {
    expect(resourcesOf({ SourceArn: 'arn:x', BlueGreenDeploymentName: 'bg', SwitchoverTimeout: 300, ApplyImmediately: true })).toEqual([
      'SourceArn arn:x',
      'BlueGreenDeploymentName bg',
    ]);
  });
});
