/**
 * The observer's requests, counted on FakeAws (which answers every DescribeDBClusters with its one
 * cluster c1): identifiers go 100 to a filter, metric queries 500 to a GetMetricData request, one
 * request per window length. Its views against the real SDK and the simulator: test/shared-observation.test.ts.
 */
import type { AwsServiceName } from '../aws/gateway';
import { FakeAws } from '../engine/testing/fake-aws';
import { Observer, metricKey } from './observer';
import { ResourceNotFoundError } from './resource-not-found';

class CountingAws extends FakeAws {
  readonly sent: Array<{ operation: string; input: Record<string, unknown> }> = [];
  override async call(service: AwsServiceName, operation: string, input: Record<string, unknown>) {
    this.sent.push({ operation, input });
    if (operation === 'GetMetricData') {
      const queries = input.MetricDataQueries as Array<{ Id: string }>;
      return { MetricDataResults: queries.map((q, i) => ({ Id: q.Id, Timestamps: [new Date(0)], Values: [i] })) };
    }
    return super.call(service, operation, input);
  }
  ops(operation: string) {
    return this.sent.filter((s) => s.operation === operation);
  }
}

const metric = (i: number, windowSeconds = 300) => ({
  name: 'CPUUtilization',
  namespace: 'AWS/RDS',
  dimensions: { DBClusterIdentifier: `c${i}` },
  stat: 'Average',
  periodSeconds: 60,
  windowSeconds,
});

it('250 clusters due at once: 3 DescribeDBClusters and 3 DescribeDBInstances of at most 100 identifiers each', async () => {
  const aws = new CountingAws();
  const observer = new Observer(aws, 'us-east-1');
  const ids = ['c1', ...Array.from({ length: 249 }, (_, i) => `other-${i}`)];
  const settled = await Promise.allSettled(ids.map((id) => observer.cluster(id, { maxAgeMs: 5000 })));
  const filters = aws.ops('DescribeDBClusters').map((s) => (s.input.Filters as Array<{ Name: string; Values: string[] }>)[0]);
  expect(filters.map((f) => [f.Name, f.Values.length])).toEqual([
    ['db-cluster-id', 100],
    ['db-cluster-id', 100],
    ['db-cluster-id', 50],
  ]);
  expect(aws.ops('DescribeDBInstances')).toHaveLength(3);
  expect(settled[0]).toMatchObject({ status: 'fulfilled', value: { id: 'c1', writer: 'db-0' } });
  expect(settled[1]).toMatchObject({ status: 'rejected', reason: expect.any(ResourceNotFoundError) });
  // An identifier that looks like a flag or holds a quote or a newline is one filter value, nothing more.
  const odd = ['--no-deletion-protection', 'a"b', 'x\ny'];
  await Promise.allSettled(odd.map((id) => observer.cluster(id, { maxAgeMs: 0 })));
  const last = aws.ops('DescribeDBClusters').at(-1)!.input.Filters as Array<{ Values: string[] }>;
  expect(last).toEqual([{ Name: 'db-cluster-id', Values: expect.arrayContaining(odd) }]);
});

it('1,201 metrics with one window: GetMetricData requests of 500, 500 and 201 queries; another window, its own request', async () => {
  const aws = new CountingAws();
  const observer = new Observer(aws, 'us-east-1', { date: () => new Date(3_600_000) });
  const views = await Promise.all([
    ...Array.from({ length: 1201 }, (_, i) => observer.metric(metric(i), { maxAgeMs: 1000 })),
    observer.metric(metric(0, 3600), { maxAgeMs: 1000 }),
  ]);
  const requests = aws.ops('GetMetricData').map((s) => ({
    queries: (s.input.MetricDataQueries as unknown[]).length,
    start: (s.input.StartTime as Date).getTime(),
  }));
  expect(requests.sort((a, b) => b.queries - a.queries)).toEqual([
    { queries: 500, start: 3_300_000 },
    { queries: 500, start: 3_300_000 },
    { queries: 201, start: 3_300_000 },
    { queries: 1, start: 0 },
  ]);
  // Each observation gets its own query's datapoints back.
  expect(views.slice(0, 1201).every((v, i) => v.latest === i % 500)).toBe(true);
  expect(views[1201]).toMatchObject({ windowSeconds: 3600, latest: 0 });
});

it('the same metric named with its dimensions in another order is one query', () => {
  const a = { ...metric(1), dimensions: { DBClusterIdentifier: 'c1', Role: 'WRITER' } };
  const b = { ...metric(1), dimensions: { Role: 'WRITER', DBClusterIdentifier: 'c1' } };
  expect(metricKey(a)).toBe(metricKey(b));
  expect(metricKey(a)).not.toBe(metricKey({ ...a, stat: 'Maximum' }));
});
