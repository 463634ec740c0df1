import { CloudWatchClient, type GetMetricDataCommandInput, type GetMetricDataCommandOutput } from '@aws-sdk/client-cloudwatch';
import { AwsCallError, type AwsReads } from '../aws/gateway';
import { environmentCost, missingFigures, type ParallelEnvironment } from './model';
import { measureVolumes } from './volume-metrics';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-20T12:00:00Z');
const GIB = 1024 ** 3;

type Send = (input: GetMetricDataCommandInput) => Promise<Partial<GetMetricDataCommandOutput>>;

function fakeAws(send: Send): { aws: AwsReads; inputs: GetMetricDataCommandInput[] } {
  const inputs: GetMetricDataCommandInput[] = [];
  const client = new CloudWatchClient({ region: 'us-east-1' });
  (client as unknown as { send: (c: { input: GetMetricDataCommandInput }) => unknown }).send = (command) => {
    inputs.push(command.input);
    return send(command.input);
  };
  const aws = { region: 'us-east-1', target: 'aws', readClient: () => client } as unknown as AwsReads;
  return { aws, inputs };
}

/** Hourly datapoints over the whole request window: VolumeBytesUsed 10 GiB, each IOPs series 100 an hour, 2 ACUs. */
const hourly: Send = async (input) => {
  const start = input.StartTime!.getTime();
  const end = input.EndTime!.getTime();
  const hours = Array.from({ length: (end - start) / HOUR }, (_, i) => new Date(start + i * HOUR));
  return {
    MetricDataResults: input.MetricDataQueries!.map((q) => {
      const name = q.MetricStat!.Metric!.MetricName!;
      const value = name === 'VolumeBytesUsed' ? 10 * GIB : name === 'ServerlessDatabaseCapacity' ? 2 : 100;
      return { Id: q.Id, StatusCode: 'Complete', Timestamps: hours, Values: hours.map(() => value) };
    }),
  };
};

const green = (clusterId: string, sinceHoursAgo: number, extra: Partial<ParallelEnvironment> = {}): ParallelEnvironment => ({
  kind: 'green',
  clusterId,
  region: 'us-east-1',
  account: '123456789012',
  team: 'checkout',
  migration: `${clusterId}-upgrade`,
  since: NOW - sinceHoursAgo * HOUR,
  instances: [
    { id: `${clusterId}-0`, region: 'us-east-1', segments: [{ instanceClass: 'db.r6g.large', from: NOW - sinceHoursAgo * HOUR }] },
  ],
  storageConfig: 'standard',
  ...extra,
});

it('1,250 environments are measured with 8 GetMetricData requests, not 1,250', async () => {
  const envs = Array.from({ length: 1250 }, (_, i) => green(`orders-${i}`, 1 + (i % 30)));
  const { aws, inputs } = fakeAws(hourly);
  const stats = await measureVolumes(aws, envs, NOW, { sleep: async () => {} });
  expect(inputs).toHaveLength(8);
  expect(stats).toMatchObject({ requests: 8, tries: 8, throttledTries: 0 });
  expect(inputs.every((i) => i.MetricDataQueries!.length <= 500)).toBe(true);
  expect(envs.every((e) => e.storage && e.io && (e.missing ?? []).length === 0)).toBe(true);
});

it("each environment counts only its own window's datapoints, though a request spans several windows", async () => {
  const old = green('old-green', 48);
  const young = green('young-green', 2);
  const { aws, inputs } = fakeAws(hourly);
  await measureVolumes(aws, [old, young], NOW);
  expect(inputs).toHaveLength(1);
  // 48 and 2 whole hours at 100 reads + 100 writes an hour.
  expect(old.io!.requests).toBe(48 * 200);
  expect(young.io!.requests).toBe(2 * 200);
  expect(young.storage!.gb).toBe(10);
});

it('throttled through every try: storage and I/O of each environment are listed as missing, and the report is partial', async () => {
  const envs = [
    green('a', 5),
    green('b', 5, {
      storageConfig: 'io-optimized',
      instances: [{ id: 'b-sv2', region: 'us-east-1', segments: [{ instanceClass: 'db.serverless', from: NOW - 5 * HOUR, acu: 0.5 }] }],
    }),
  ];
  const { aws, inputs } = fakeAws(async () => {
    throw new AwsCallError({
      service: 'cloudwatch',
      operation: 'GetMetricData',
      code: 'Throttling',
      awsMessage: 'Rate exceeded',
      retryable: true,
      notApplied: true,
    });
  });
  await measureVolumes(aws, envs, NOW, { sleep: async () => {}, attempts: 2 });
  expect(inputs).toHaveLength(2);
  expect(envs.map((e) => [e.storage, e.io])).toEqual([
    [undefined, undefined],
    [undefined, undefined],
  ]);
  const costs = envs.map((e) => environmentCost(e, NOW));
  const { missing, partial } = missingFigures(costs);
  expect(partial).toBe(true);
  // I/O-Optimized has no I/O charge: its I/O is not a wanted figure.
  expect(missing.map((m) => [m.clusterId, m.figure, m.reason])).toEqual([
    ['a', 'storage', 'throttled'],
    ['a', 'io', 'throttled'],
    ['b', 'storage', 'throttled'],
    ['b', 'acu', 'throttled'],
  ]);
  expect(missing[3]).toMatchObject({
    instanceId: 'b-sv2',
    detail:
      "CloudWatch throttled GetMetricData through 2 tries, each with the SDK's retries (Throttling: Rate exceeded); priced at the cluster's minimum capacity (0.5 ACU), a lower bound",
  });
  expect(missing[0]).toMatchObject({ region: 'us-east-1', migration: 'a-upgrade', detail: expect.stringMatching(/Rate exceeded/) });
});

it('a query CloudWatch answers Forbidden or without datapoints is missing with that reason; an old blue storage is not wanted', async () => {
  const a = green('a', 5);
  const oldBlue: ParallelEnvironment = { ...green('prod-old1', 5), kind: 'old-blue' };
  const serverless = green('s', 5, {
    instances: [{ id: 's-0', region: 'us-east-1', segments: [{ instanceClass: 'db.serverless', from: NOW - 5 * HOUR, acu: 0.5 }] }],
  });
  const { aws } = fakeAws(async (input) => {
    const answered = await hourly(input);
    const byId = new Map(input.MetricDataQueries!.map((q) => [q.Id!, q]));
    for (const r of answered.MetricDataResults!) {
      const q = byId.get(r.Id!)!.MetricStat!;
      const cluster = q.Metric!.Dimensions![0].Value;
      if (cluster === 'a' && q.Metric!.MetricName === 'VolumeBytesUsed') {
        Object.assign(r, { StatusCode: 'Forbidden', Timestamps: [], Values: [], Messages: [{ Code: 'Forbidden', Value: 'denied' }] });
      }
      if (q.Metric!.MetricName === 'ServerlessDatabaseCapacity') Object.assign(r, { Timestamps: [], Values: [] });
    }
    return answered;
  });
  await measureVolumes(aws, [a, oldBlue, serverless], NOW);
  expect(a.missing).toEqual([
    expect.objectContaining({ figure: 'storage', reason: 'incomplete', detail: expect.stringMatching(/Forbidden.*denied/) }),
  ]);
  expect(a.io).toBeDefined();
  expect(oldBlue.missing).toEqual([]);
  expect(oldBlue.notMeasured).toEqual([expect.stringMatching(/old blue's volume still shares its pages/)]);
  expect(serverless.missing).toEqual([
    expect.objectContaining({
      figure: 'acu',
      instanceId: 's-0',
      reason: 'no-datapoints',
      detail: expect.stringMatching(/minimum capacity \(0\.5 ACU\), a lower bound/),
    }),
  ]);
});
