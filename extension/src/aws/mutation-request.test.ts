import { confirmPrompt } from '../confirm/confirm-request';
import { actionLabel, describeMutation, primaryResource, resourcesOf } from './mutation-request';

const identity = { account: '123456789012', arn: 'arn:aws:iam::123456789012:user/alice', userId: 'AIDA' };
const failover = {
  service: 'rds' as const,
  operation: 'FailoverDBCluster',
  input: { DBClusterIdentifier: 'prod-app', TargetDBInstanceIdentifier: 'prod-app-2' },
  region: 'us-east-1',
  target: 'aws',
  sandbox: false,
  identity,
};

describe('describeMutation', () => {
  it('names the action, its resource and the REAL account first, the caller in the detail', () => {
    const { message, detail } = describeMutation(failover);
    expect(message).toBe('Fail over prod-app? REAL AWS account 123456789012, us-east-1');
    expect(detail).toContain('Resource: DBClusterIdentifier prod-app; TargetDBInstanceIdentifier prod-app-2');
    expect(detail).toContain('Caller: arn:aws:iam::123456789012:user/alice');
    expect(detail).toContain('Sent to: AWS');
  });

  it('says SANDBOX for the local simulator, so it cannot be mistaken for an account', () => {
    const { message, detail } = describeMutation({ ...failover, sandbox: true, target: 'http://127.0.0.1:4566' });
    expect(message).toBe('Fail over prod-app? SANDBOX (local simulator, us-east-1) — nothing real changes');
    expect(message).not.toMatch(/REAL/);
    expect(detail).toContain('Sent to: the endpoint http://127.0.0.1:4566');
  });

  it('picks identifiers, ARNs and names, not flags or numbers', () => {
    expect(resourcesOf({ SourceArn: 'arn:x', BlueGreenDeploymentName: 'bg', SwitchoverTimeout: 300, ApplyImmediately: true })).toEqual([
      'SourceArn arn:x',
      'BlueGreenDeploymentName bg',
    ]);
    expect(primaryResource({ ApplyImmediately: true })).toBeUndefined();
  });
});

describe('a tagging batch (Resource Groups Tagging API)', () => {
  const arns = [
    'arn:aws:rds:us-east-1:123456789012:cluster:prod-app-old1',
    'arn:aws:rds:us-east-1:123456789012:db:prod-app-0-old1',
    'arn:aws:rds:us-east-1:999999999999:db:OTHER-db',
  ];
  const tag = {
    ...failover,
    service: 'resourcegroupstaggingapi' as const,
    operation: 'TagResources',
    input: { ResourceARNList: arns, Tags: { k: 'v' } },
  };

  it('lists every ARN in the detail; the button names the first and counts the rest; the typed confirmation is the first one’s name', () => {
    const { message, detail } = describeMutation(tag);
    expect(detail).toContain(`Resource: ResourceARNList ${arns.join(', ')}`);
    expect(message).toBe('Tag prod-app-old1 and 2 more? REAL AWS account 123456789012, us-east-1');
    expect(primaryResource(tag.input)).toBe('prod-app-old1');
    expect(confirmPrompt(tag).typed).toMatchObject({
      expected: 'prod-app-old1',
      prompt: 'Type prod-app-old1 to send TagResources. Escape cancels; nothing is sent.',
    });
    expect(actionLabel({ operation: 'UntagResources', input: { ResourceARNList: [arns[1]], TagKeys: ['k'] } })).toBe(
      'Untag prod-app-0-old1',
    );
  });

  it('names a resource by what its ARN ends in, whatever the ARN’s shape; an empty list names none', () => {
    expect(primaryResource({ ResourceARNList: ['arn:aws:rds:us-east-1:1:cluster-pg:custom-pg/x'] })).toBe('x');
    expect(primaryResource({ ResourceARNList: ['arn:aws:rds:us-east-1:1:db:a:b'] })).toBe('b');
    expect(primaryResource({ ResourceARNList: ['not-an-arn'] })).toBe('not-an-arn');
    expect(primaryResource({ ResourceARNList: ['arn:aws:rds:us-east-1:1:'] })).toBe('arn:aws:rds:us-east-1:1:');
    expect(primaryResource({ ResourceARNList: [] })).toBeUndefined();
  });
});

describe('actionLabel', () => {
  it.each([
    ['FailoverDBCluster', { DBClusterIdentifier: 'prod-app' }, 'Fail over prod-app'],
    ['SwitchoverBlueGreenDeployment', { BlueGreenDeploymentIdentifier: 'bgd-1' }, 'Switch over bgd-1'],
    ['RebootDBInstance', { DBInstanceIdentifier: 'prod-app-1' }, 'Reboot DB instance prod-app-1'],
    ['DeleteDBCluster', { DBClusterIdentifier: 'old' }, 'Delete DB cluster old'],
    ['CreateBlueGreenDeployment', { BlueGreenDeploymentName: 'bg' }, 'Create blue green deployment bg'],
    ['ModifyDBCluster', {}, 'Modify DB cluster'],
  ])('%s → the button says what it does', (operation, input, label) => {
    expect(actionLabel({ operation, input })).toBe(label);
  });
});
