import { canonicalLockKey, lockNeedsAccount, resourceRefsOf, runConcerns } from './lock-keys';

const HERE = { account: '111111111111', region: 'us-east-1' };

describe('canonical lock keys', () => {
  it('name one resource one way: case, spacing and ARN spellings are the same lock', () => {
    for (const spelling of [
      'rds-cluster:prod-app',
      'RDS-CLUSTER:PROD-APP',
      ' rds-cluster: Prod-App ',
      'rds-cluster:arn:aws:rds:us-east-1:111111111111:cluster:prod-app',
    ]) {
      expect(canonicalLockKey(spelling, HERE)).toEqual({ key: 'rds-cluster:prod-app@111111111111/us-east-1' });
    }
    expect(canonicalLockKey('rds-cluster:arn:aws:rds:eu-west-1:222222222222:cluster:prod-app', HERE).key).toBe(
      'rds-cluster:prod-app@222222222222/eu-west-1',
    );
    expect(canonicalLockKey('global-cluster:G1', HERE).key).toBe('global-cluster:g1@111111111111');
    expect(canonicalLockKey('blue-green:bgd-abc', HERE).key).toBe('blue-green:bgd-abc@111111111111/us-east-1');
  });

  it('keep kinds Switchyard does not know as written, and refuse an empty or mistyped resource', () => {
    expect(canonicalLockKey('host:local', HERE)).toEqual({ key: 'host:local' });
    expect(canonicalLockKey('rds-cluster:  ', HERE).problem).toMatch(/names no resource/);
    expect(canonicalLockKey('rds-cluster:arn:aws:rds:us-east-1:111111111111:db:prod-app-0', HERE).problem).toMatch(/ARN names a db/);
  });

  it('need the account only for RDS resources named by id', () => {
    expect(
      ['rds-cluster:prod-app', 'host:local', 'rds-cluster:arn:aws:rds:us-east-1:1:cluster:x', 'drill:/tmp/x'].map(lockNeedsAccount),
    ).toEqual([true, false, false, false]);
  });
});

describe('which runs are about a resource', () => {
  const run = (account: string | undefined, cluster: string) => ({
    params: { cluster, note: 'a sentence with spaces is not a resource' },
    locks: [],
    target: { account, region: 'us-east-1' },
  });

  it('match the same id in the same account and region; an ARN elsewhere is another resource', () => {
    expect(resourceRefsOf(run('111111111111', 'PROD-APP'))).toEqual(['prod-app@111111111111/us-east-1']);
    expect(runConcerns(run('111111111111', 'prod-app'), 'arn:aws:rds:us-east-1:111111111111:cluster:prod-app')).toBe(true);
    expect(runConcerns(run('222222222222', 'prod-app'), 'arn:aws:rds:us-east-1:111111111111:cluster:prod-app')).toBe(false);
    expect(runConcerns(run('111111111111', 'prod-app'), 'arn:aws:rds:eu-west-1:111111111111:cluster:prod-app')).toBe(false);
    expect(runConcerns(run('111111111111', 'prod-app'), 'PROD-APP')).toBe(true);
    // Runs recorded before they carried their account match on id and region.
    expect(runConcerns(run(undefined, 'prod-app'), 'arn:aws:rds:us-east-1:111111111111:cluster:prod-app')).toBe(true);
  });
});
