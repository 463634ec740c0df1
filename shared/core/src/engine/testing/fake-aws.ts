import { callOf, type StackedClient } from '../../aws/client-middleware';
import { AwsCallError, type AwsGateway, type AwsServiceName, type ReadClient, type ReadClientClass } from '../../aws/gateway';

/**
 * A tiny in-memory stand-in for the AwsGateway port, for engine unit tests of control flow only.
 * Integration tests use the simulator through the real SDK instead.
 */
export class FakeAws implements AwsGateway {
  readonly region = 'us-east-1';
  readonly target = 'fake';
  readonly calls: Array<{ service: string; operation: string; input: Record<string, unknown> }> = [];
  writer = 'db-0';
  readers = ['db-1', 'db-2'];
  status = 'available';
  /** Milliseconds a failover takes; the cluster is `failing-over` meanwhile. */
  failoverMs = 30;
  failNext?: { operation: string; code: string };
  /** What STS GetCallerIdentity answers. */
  account = '123456789012';

  async call(service: AwsServiceName, operation: string, input: Record<string, unknown>): Promise<Record<string, unknown>> {
    this.calls.push({ service, operation, input });
    if (this.failNext?.operation === operation) {
      const { code } = this.failNext;
      this.failNext = undefined;
      throw new AwsCallError({ service, operation, code, awsMessage: 'injected', retryable: false, notApplied: true });
    }
    switch (operation) {
      case 'DescribeDBClusters':
        return {
          DBClusters: [
            {
              DBClusterIdentifier: 'c1',
              Status: this.status,
              DBClusterArn: 'arn:aws:rds:us-east-1:123456789012:cluster:c1',
              DBClusterMembers: [this.writer, ...this.readers].map((id, i) => ({
                DBInstanceIdentifier: id,
                IsClusterWriter: id === this.writer,
                PromotionTier: i === 0 ? 0 : 1,
              })),
            },
          ],
        };
      case 'DescribeDBInstances':
        return {
          DBInstances: [this.writer, ...this.readers].map((id, i) => ({
            DBInstanceIdentifier: id,
            DBInstanceStatus: 'available',
            DBInstanceClass: 'db.r6g.large',
            AvailabilityZone: `us-east-1${'abc'[i % 3]}`,
            PromotionTier: i === 0 ? 0 : 1,
            DBClusterIdentifier: 'c1',
          })),
        };
      case 'FailoverDBCluster': {
        const target = String(input.TargetDBInstanceIdentifier ?? this.readers[0]);
        this.status = 'failing-over';
        // unref: a failover longer than the test (a wait that times out) must not keep the process alive.
        setTimeout(() => {
          this.readers = [...this.readers.filter((r) => r !== target), this.writer];
          this.writer = target;
          this.status = 'available';
        }, this.failoverMs).unref();
        return { DBCluster: { DBClusterIdentifier: 'c1', Status: 'failing-over' } };
      }
      case 'DescribeEvents':
        return { Events: [] };
      case 'GetCallerIdentity':
        return { Account: this.account, Arn: `arn:aws:iam::${this.account}:user/tester`, UserId: 'AIDATESTER' };
      default:
        return {};
    }
  }

  /** A real SDK client whose commands this fake answers (through `call`) instead of sending them. */
  readClient<C extends ReadClient>(Client: ReadClientClass<C>, region: string = this.region): C {
    const client = new Client({ region, credentials: { accessKeyId: 'fake', secretAccessKey: 'fake' } });
    const stacked: StackedClient = client;
    stacked.middlewareStack.add(
      (_next, context) => async (args) => {
        const { service, operation } = callOf(context);
        const output = await this.call(service, operation, args.input as Record<string, unknown>);
        return { output: { $metadata: {}, ...output }, response: {} };
      },
      { step: 'initialize', name: 'fakeAws', priority: 'high' },
    );
    return client;
  }

  mutatingCalls(): string[] {
    return this.calls.filter((c) => !/^(Describe|List|Get)/.test(c.operation)).map((c) => c.operation);
  }
}
