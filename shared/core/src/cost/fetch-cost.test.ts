import type { AwsGateway } from '../aws/gateway';
import { fetchCostReport } from './fetch-cost';

const NOW = Date.parse('2026-11-24T12:00:00Z');
const HOUR = 3_600_000;
const arn = (id: string) => `arn:aws:rds:us-east-1:111122223333:cluster:${id}`;

/** A gateway with one old blue left behind by a deleted deployment, switched over 5 days ago. */
function fakeGateway(calls: Array<[string, string, Record<string, unknown>]>): AwsGateway {
  const responses: Record<string, Record<string, unknown>> = {
    DescribeDBClusters: {
      DBClusters: [
        { DBClusterIdentifier: 'orders-old1', DBClusterArn: arn('orders-old1'), TagList: [{ Key: 'team', Value: 'orders' }] },
        { DBClusterIdentifier: 'orders', DBClusterArn: arn('orders'), TagList: [] },
      ],
    },
    DescribeDBInstances: {
      DBInstances: [
        {
          DBInstanceIdentifier: 'orders-0-old1',
          DBClusterIdentifier: 'orders-old1',
          DBInstanceClass: 'db.r7g.large',
          InstanceCreateTime: new Date(NOW - 400 * 24 * HOUR),
        },
        {
          DBInstanceIdentifier: 'orders-0',
          DBClusterIdentifier: 'orders',
          DBInstanceClass: 'db.r7g.large',
          InstanceCreateTime: new Date(NOW - 6 * 24 * HOUR),
        },
      ],
    },
    DescribeBlueGreenDeployments: { BlueGreenDeployments: [] },
    DescribeEvents: {
      Events: [{ Message: 'Switchover from DB cluster orders to orders-green-x completed.', Date: new Date(NOW - 5 * 24 * HOUR) }],
    },
    GetCostAndUsage: {
      ResultsByTime: [
        {
          TimePeriod: { Start: '2026-11-23', End: '2026-11-24' },
          Groups: [{ Keys: ['switchyard:deployment$orders'], Metrics: { UnblendedCost: { Amount: '6.9', Unit: 'USD' } } }],
          Estimated: true,
        },
      ],
    },
  };
  return {
    region: 'us-east-1',
    target: 'fake',
    call: async (service, operation, input) => {
      calls.push([service, operation, input]);
      return responses[operation] ?? {};
    },
  };
}

it('finds an old blue whose deployment is gone, prices it from the switchover and flags it', async () => {
  const calls: Array<[string, string, Record<string, unknown>]> = [];
  const report = await fetchCostReport(fakeGateway(calls), NOW, { oldEnvironmentGraceDays: 3 });
  expect(report.environments).toHaveLength(1);
  const [env] = report.environments;
  expect(env).toMatchObject({ kind: 'old-blue', clusterId: 'orders-old1', migration: 'orders', team: 'orders', account: '111122223333' });
  expect(env.costSoFar).toBeCloseTo(5 * 24 * 0.276, 10);
  expect(report.findings).toEqual([
    expect.objectContaining({ kind: 'old-environment-alive', wastedUsd: expect.closeTo(2 * 24 * 0.276, 10) }),
  ]);
  const ce = calls.find(([, op]) => op === 'GetCostAndUsage')![2];
  expect(ce).toMatchObject({
    Granularity: 'DAILY',
    Metrics: ['UnblendedCost'],
    GroupBy: [{ Type: 'TAG', Key: 'switchyard:deployment' }],
    TimePeriod: { Start: '2026-11-19', End: '2026-11-25' },
  });
  expect(report.actuals).toEqual([expect.objectContaining({ migration: 'orders', totalUsd: 6.9 })]);
});
