import { CloudWatchClient, type GetMetricDataCommandInput, type GetMetricDataCommandOutput } from '@aws-sdk/client-cloudwatch';
import { AwsCallError, type AwsReads } from '../aws/gateway';
import { planMetricBatches, type MetricRequest } from './metric-batches';
import { readMetricBatches } from './metric-batch-reads';

const T0 = Date.parse('2026-11-20T00:00:00Z');
const HOUR = 3_600_000;

const requests = (n: number, region = 'us-east-1'): MetricRequest[] =>
  Array.from({ length: n }, (_, i) => ({
    key: `k${i}`,
    region,
    namespace: 'AWS/RDS',
    metricName: 'VolumeBytesUsed',
    dimensions: { DBClusterIdentifier: `c${i}` },
    stat: 'Maximum',
    period: 3600,
    from: T0,
    to: T0 + HOUR,
  }));

const throttling = () =>
  new AwsCallError({
    service: 'cloudwatch',
    operation: 'GetMetricData',
    code: 'Throttling',
    awsMessage: 'Rate exceeded',
    retryable: true,
    notApplied: true,
  });

type Send = (input: GetMetricDataCommandInput) => Promise<Partial<GetMetricDataCommandOutput>>;

/** AwsReads whose CloudWatch clients answer with `send` (a real client: the SDK paginator checks its class). */
function fakeAws(send: Send): { aws: AwsReads; inputs: GetMetricDataCommandInput[] } {
  const inputs: GetMetricDataCommandInput[] = [];
  const clients = new Map<string, CloudWatchClient>();
  const aws: AwsReads = {
    region: 'us-east-1',
    target: 'aws',
    readClient: ((_: unknown, region = 'us-east-1') => {
      let client = clients.get(region);
      if (!client) {
        client = new CloudWatchClient({ region });
        (client as unknown as { send: (c: { input: GetMetricDataCommandInput }) => unknown }).send = (command) => {
          inputs.push({ ...command.input });
          return send(command.input);
        };
        clients.set(region, client);
      }
      return client;
    }) as AwsReads['readClient'],
  };
  return { aws, inputs };
}

/** Every query answered Complete with one datapoint valued by its Id's number. */
const answerAll: Send = async (input) => ({
  MetricDataResults: input.MetricDataQueries!.map((q) => ({
    Id: q.Id,
    StatusCode: 'Complete',
    Timestamps: [new Date(T0)],
    Values: [Number(q.Id!.slice(1))],
  })),
});

const noWait = { sleep: async () => {}, random: () => 1 };

it('answers every key, even when CloudWatch throttles the first tries, backing off exponentially', async () => {
  let calls = 0;
  const { aws } = fakeAws(async (input) => {
    calls += 1;
    if (calls <= 2) throw throttling();
    return answerAll(input);
  });
  const delays: number[] = [];
  const { results, stats } = await readMetricBatches(aws, planMetricBatches(requests(10)), {
    sleep: async (ms) => void delays.push(ms),
    random: () => 1,
  });
  expect(delays).toEqual([1000, 2000]);
  expect(stats).toEqual({ tries: 3, throttledTries: 2 });
  expect([...results.keys()].sort()).toEqual(
    requests(10)
      .map((r) => r.key)
      .sort(),
  );
  expect(results.get('k3')).toEqual({ ok: true, series: expect.objectContaining({ values: [3], status: 'Complete' }) });
});

it('throttled through every try: each key is a throttled failure, none silently absent', async () => {
  const { aws, inputs } = fakeAws(async () => {
    throw throttling();
  });
  const { results, stats } = await readMetricBatches(aws, planMetricBatches(requests(700)), { ...noWait, attempts: 3 });
  expect(inputs).toHaveLength(2 * 3);
  expect(stats.throttledTries).toBe(6);
  expect(results.size).toBe(700);
  for (const r of results.values()) {
    expect(r).toEqual({
      ok: false,
      reason: 'throttled',
      detail: expect.stringMatching(/throttled GetMetricData through 3 tries.*Rate exceeded/),
    });
  }
});

it('an error that retrying cannot fix (access denied) is not retried and says what AWS said', async () => {
  const { aws, inputs } = fakeAws(async () => {
    throw new AwsCallError({
      service: 'cloudwatch',
      operation: 'GetMetricData',
      code: 'AccessDenied',
      awsMessage: 'not authorized to perform: cloudwatch:GetMetricData',
      retryable: false,
      notApplied: true,
    });
  });
  const { results } = await readMetricBatches(aws, planMetricBatches(requests(3)), noWait);
  expect(inputs).toHaveLength(1);
  expect(results.get('k0')).toEqual({ ok: false, reason: 'error', detail: expect.stringMatching(/AccessDenied.*not authorized/) });
});

it('follows NextToken across pages; a retried batch starts again from the first page', async () => {
  let calls = 0;
  const { aws, inputs } = fakeAws(async (input) => {
    calls += 1;
    // Try 1: page 1, then page 2 is throttled. Try 2: page 1, page 2.
    if (calls === 2) throw throttling();
    if (!input.NextToken) {
      return {
        MetricDataResults: [{ Id: 'm0', StatusCode: 'PartialData', Timestamps: [new Date(T0)], Values: [1] }],
        NextToken: 'page2',
      };
    }
    return {
      MetricDataResults: [
        { Id: 'm0', StatusCode: 'Complete', Timestamps: [new Date(T0 + HOUR)], Values: [2] },
        { Id: 'm1', StatusCode: 'Complete', Timestamps: [new Date(T0)], Values: [5] },
      ],
    };
  });
  const { results } = await readMetricBatches(aws, planMetricBatches(requests(2)), noWait);
  expect(inputs.map((i) => i.NextToken)).toEqual([undefined, 'page2', undefined, 'page2']);
  expect(results.get('k0')).toEqual({ ok: true, series: expect.objectContaining({ values: [1, 2], status: 'Complete' }) });
  expect(results.get('k1')).toEqual({ ok: true, series: expect.objectContaining({ values: [5] }) });
});

it('keeps at most `concurrency` requests in flight per region', async () => {
  let inFlight = 0;
  let most = 0;
  const { aws, inputs } = fakeAws(async (input) => {
    inFlight += 1;
    most = Math.max(most, inFlight);
    await new Promise((r) => setImmediate(r));
    inFlight -= 1;
    return answerAll(input);
  });
  const batches = planMetricBatches([...requests(3000), ...requests(1000, 'eu-west-1')]);
  expect(batches).toHaveLength(8);
  const { results } = await readMetricBatches(aws, batches, { ...noWait, concurrency: 2 });
  expect(inputs).toHaveLength(8);
  // Two regions, two each: the limit is per region, and it is used.
  expect(most).toBe(4);
  expect(results.size).toBe(3000);
});
