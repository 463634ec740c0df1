import { AwsCallError, type AwsReads } from '../aws/gateway';
import { observeAll } from './observe';

/** A gateway whose every read AWS refuses (or finds nothing) the way `fail` says. */
function refusing(fail: () => never): AwsReads {
  return { region: 'us-east-1', target: 'aws', readClient: () => ({ send: async () => fail() }) as never };
}

const denied = () => {
  throw new AwsCallError({
    service: 'rds',
    operation: 'DescribeDBClusters',
    code: 'AccessDenied',
    awsMessage: 'User is not authorized to perform: rds:DescribeDBClusters',
    retryable: false,
    notApplied: true,
    hint: 'these credentials may not call rds:DescribeDBClusters: ask for that IAM permission or use another profile',
  });
};

describe('observeAll: optional AWS sources', () => {
  it('binds { readError } for an optional source AWS refuses, with its code, message and hint', async () => {
    const scope = await observeAll(refusing(denied), { cluster: { kind: 'cluster', id: 'prod-app', optional: true } });
    expect(scope.cluster).toEqual({
      readError: {
        code: 'AccessDenied',
        message: 'User is not authorized to perform: rds:DescribeDBClusters',
        hint: 'these credentials may not call rds:DescribeDBClusters: ask for that IAM permission or use another profile',
        operation: 'DescribeDBClusters',
      },
    });
  });

  it('names a resource AWS does not have with the fault AWS answers', async () => {
    const none = (() => ({ DBClusters: [] })) as unknown as () => never;
    const scope = await observeAll(refusing(none), { cluster: { kind: 'cluster', id: 'prod-ap', optional: true } });
    expect(scope.cluster).toMatchObject({
      readError: { code: 'DBClusterNotFoundFault', message: 'cluster prod-ap not found in us-east-1' },
    });
  });

  it('fails the read of a source that is not optional, as before', async () => {
    await expect(observeAll(refusing(denied), { cluster: { kind: 'cluster', id: 'prod-app' } })).rejects.toThrow(AwsCallError);
  });

  it('does not hide an error that is not AWS refusing the read', async () => {
    const bug = () => {
      throw new TypeError('boom');
    };
    await expect(observeAll(refusing(bug), { cluster: { kind: 'cluster', id: 'prod-app', optional: true } })).rejects.toThrow('boom');
  });
});
