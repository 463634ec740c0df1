import { chooseFailoverTarget, classSize, parseRdsArn, type InstanceView } from './views';

const member = (id: string, tier: number, cls: string, extra: Partial<InstanceView> = {}): InstanceView => ({
  id,
  tier,
  class: cls,
  status: 'available',
  az: 'us-east-1a',
  clusterId: 'c',
  isWriter: false,
  engine: 'aurora-postgresql',
  engineVersion: '15.4',
  ...extra,
});

describe('chooseFailoverTarget', () => {
  it('prefers the lowest promotion tier over a larger class', () => {
    expect(chooseFailoverTarget([member('big', 2, 'db.r6g.4xlarge'), member('small', 1, 'db.r6g.large')])).toBe('small');
  });
  it('breaks a tier tie with the largest class', () => {
    expect(chooseFailoverTarget([member('a', 1, 'db.r6g.large'), member('b', 1, 'db.r6g.2xlarge')])).toBe('b');
  });
  it('never picks the writer or an unavailable reader', () => {
    const members = [member('w', 0, 'db.r6g.xlarge', { isWriter: true }), member('r', 0, 'db.r6g.xlarge', { status: 'rebooting' })];
    expect(chooseFailoverTarget(members)).toBeNull();
  });
});

describe('classSize', () => {
  it('orders instance sizes', () => {
    expect(classSize('db.r6g.2xlarge')).toBeGreaterThan(classSize('db.r6g.xlarge'));
    expect(classSize('db.r6g.xlarge')).toBeGreaterThan(classSize('db.r6g.large'));
    expect(classSize('db.t4g.medium')).toBeLessThan(classSize('db.r6g.large'));
  });
});

describe('parseRdsArn', () => {
  it('splits a cluster ARN', () => {
    expect(parseRdsArn('arn:aws:rds:eu-west-1:123456789012:cluster:prod-app-eu')).toEqual({
      region: 'eu-west-1',
      account: '123456789012',
      resourceType: 'cluster',
      id: 'prod-app-eu',
    });
  });
});
