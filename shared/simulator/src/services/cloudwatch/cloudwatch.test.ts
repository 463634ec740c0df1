import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  DescribeAlarmsForMetricCommand,
  GetMetricDataCommand,
  type GetMetricDataCommandOutput,
  GetMetricStatisticsCommand,
  ListMetricsCommand,
  paginateGetMetricData,
  PutMetricAlarmCommand,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import { DescribeDBClustersCommand, SwitchoverGlobalClusterCommand } from '@aws-sdk/client-rds';
import { DEFAULT_TIMINGS } from '../../model/types';
import { AwsQueryProtocol } from '@aws-sdk/core/protocols';
import { SmithyRpcV2CborProtocol } from '@smithy/core/cbor';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { ManualClock } from '../../testing/manual-clock';
import { DUMMY_CREDENTIALS, destroyClients, errorOf, sdkClients, type SdkClients } from '../../testing/sdk-clients';

// A manual clock: an injected spike lasts until a test advances the clock past it, however slow the
// machine; metric windows are taken on the same clock. Fault durations and alarm windows are AWS
// time, divided by the time scale.
const TIME_SCALE = 100;
let clock: ManualClock;
let sim: RunningSimulator;
let aws: SdkClients;
const elapse = (awsMs: number) => clock.advance(awsMs / TIME_SCALE);

beforeEach(async () => {
  clock = new ManualClock();
  sim = await startSimulator({ fleet: 'demo', timeScale: TIME_SCALE, clock });
  aws = sdkClients(sim);
});

afterEach(async () => {
  destroyClients(aws);
  await sim.stop();
});

const lagQuery = (id: string, instance: string, stat = 'Maximum'): MetricDataQuery => ({
  Id: id,
  MetricStat: {
    Metric: { Namespace: 'AWS/RDS', MetricName: 'AuroraReplicaLag', Dimensions: [{ Name: 'DBInstanceIdentifier', Value: instance }] },
    Period: 60,
    Stat: stat,
  },
});

async function latestLag(client: CloudWatchClient, instance: string): Promise<number | undefined> {
  const now = clock.now();
  const out = await client.send(
    new GetMetricDataCommand({
      MetricDataQueries: [lagQuery('lag', instance)],
      StartTime: new Date(now - 300_000),
      EndTime: new Date(now + 1_000),
    }),
  );
  return out.MetricDataResults![0].Values![0];
}

describe('GetMetricData (AWS JSON 1.0, the SDK default)', () => {
  // CloudWatch API Reference, MetricDataQuery: an Id "must be unique within a single call … The
  // first character must be a lowercase letter"; AWS's wording of both refusals is in metric-operations.ts.
  it('refuses a query Id that does not start with a lowercase letter, or one used twice, as AWS does', async () => {
    const now = clock.now();
    const send = (ids: string[]) =>
      errorOf(() =>
        aws.cloudwatch.send(
          new GetMetricDataCommand({
            MetricDataQueries: ids.map((id) => lagQuery(id, 'prod-app-1')),
            StartTime: new Date(now - 300_000),
            EndTime: new Date(now),
          }),
        ),
      );
    const pattern = await send(['ok', '5xx', 'a-b']);
    expect(pattern.name).toBe('ValidationException');
    expect(pattern.message).toBe(
      'The value 5xx for parameter MetricDataQueries.member.2.Id is not matching the expected pattern ^[a-z][a-zA-Z0-9_]*$.\n' +
        'The value a-b for parameter MetricDataQueries.member.3.Id is not matching the expected pattern ^[a-z][a-zA-Z0-9_]*$.',
    );
    const twice = await send(['m0', 'm1', 'm0']);
    expect(twice.message).toBe('The values for parameter id in MetricDataQueries are not unique.');
  });

  // GetMetricData: MaxDatapoints (default 100,800) is a page size; the rest comes with NextToken,
  // and a query continued on the next page is PartialData on this one.
  it('pages at MaxDatapoints with NextToken, PartialData until a query is whole, and loses nothing', async () => {
    const now = clock.now();
    const input = {
      MetricDataQueries: [lagQuery('a', 'prod-app-1'), lagQuery('w', 'prod-app-0'), lagQuery('b', 'prod-app-2')],
      StartTime: new Date(now - 600_000),
      EndTime: new Date(now),
    };
    const whole = await aws.cloudwatch.send(new GetMetricDataCommand(input));
    expect(whole.NextToken).toBeUndefined();
    const [a, w, b] = whole.MetricDataResults!;
    expect(w.Values).toEqual([]);
    expect(a.Values!.length).toBeGreaterThanOrEqual(10);

    const first = await aws.cloudwatch.send(new GetMetricDataCommand({ ...input, MaxDatapoints: 7 }));
    expect(first.MetricDataResults).toEqual([
      expect.objectContaining({ Id: 'a', StatusCode: 'PartialData', Values: a.Values!.slice(0, 7) }),
    ]);
    expect(first.NextToken).toEqual(expect.any(String));

    const pages: GetMetricDataCommandOutput[] = [];
    for await (const page of paginateGetMetricData({ client: aws.cloudwatch, pageSize: 7 }, { ...input })) pages.push(page);
    const total = a.Values!.length + b.Values!.length;
    expect(pages).toHaveLength(Math.ceil(total / 7));
    const joined = (id: string) => pages.flatMap((p) => p.MetricDataResults!.filter((r) => r.Id === id).flatMap((r) => r.Values!));
    expect(joined('a')).toEqual(a.Values);
    expect(joined('b')).toEqual(b.Values);
    // The empty series is answered once, Complete.
    expect(pages.flatMap((p) => p.MetricDataResults!.filter((r) => r.Id === 'w'))).toEqual([
      expect.objectContaining({ Values: [], StatusCode: 'Complete' }),
    ]);
    expect(pages.at(-1)!.MetricDataResults!.at(-1)).toMatchObject({ Id: 'b', StatusCode: 'Complete' });

    const bad = await errorOf(() => aws.cloudwatch.send(new GetMetricDataCommand({ ...input, NextToken: '!!' })));
    expect(bad.name).toBe('InvalidNextToken');
  });

  it('returns plausible, deterministic replica lag per reader, newest first, none for the writer', async () => {
    const now = clock.now();
    const out = await aws.cloudwatch.send(
      new GetMetricDataCommand({
        MetricDataQueries: [lagQuery('r1', 'prod-app-1'), lagQuery('w', 'prod-app-0')],
        StartTime: new Date(now - 600_000),
        EndTime: new Date(now),
      }),
    );
    const [reader, writer] = out.MetricDataResults!;
    expect(reader).toMatchObject({ Id: 'r1', Label: 'AuroraReplicaLag', StatusCode: 'Complete' });
    expect(reader.Values!.length).toBeGreaterThanOrEqual(10);
    expect(reader.Values!.every((v) => v >= 8 && v <= 30)).toBe(true);
    const times = reader.Timestamps!.map((t) => t.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(writer.Values).toEqual([]);
  });

  it('shows an injected lag spike for its (scaled) duration', async () => {
    expect(await latestLag(aws.cloudwatch, 'prod-app-2')).toBeLessThan(100);
    sim.control.injectFault({ type: 'replica-lag', instanceId: 'prod-app-2', valueMs: 4_500, durationSeconds: 30 });
    expect(await latestLag(aws.cloudwatch, 'prod-app-2')).toBe(4_500);
    elapse(29_000);
    expect(await latestLag(aws.cloudwatch, 'prod-app-2')).toBe(4_500);
    // After its 30 s (0.3 s at ×100) the spike is over: a 1 s period after it does not show it.
    elapse(30_000);
    clock.advance(1_000);
    const now = clock.now();
    const out = await aws.cloudwatch.send(
      new GetMetricDataCommand({
        MetricDataQueries: [{ ...lagQuery('lag', 'prod-app-2'), MetricStat: { ...lagQuery('x', 'prod-app-2').MetricStat!, Period: 1 } }],
        StartTime: new Date(now - 1_000),
        EndTime: new Date(now),
      }),
    );
    expect(Math.max(...out.MetricDataResults![0].Values!)).toBeLessThan(100);
  });

  it('reports cluster and global metrics: AuroraReplicaLagMaximum, AuroraGlobalDBReplicationLag, DatabaseConnections by role', async () => {
    const eu = sdkClients(sim, { region: 'eu-west-1' });
    const now = clock.now();
    const metric = (name: string, dims: Record<string, string>) => ({
      Id: name.toLowerCase(),
      MetricStat: {
        Metric: { Namespace: 'AWS/RDS', MetricName: name, Dimensions: Object.entries(dims).map(([Name, Value]) => ({ Name, Value })) },
        Period: 60,
        Stat: 'Average',
      },
    });
    const global = await eu.cloudwatch.send(
      new GetMetricDataCommand({
        MetricDataQueries: [metric('AuroraGlobalDBReplicationLag', { DBClusterIdentifier: 'prod-app-eu' })],
        StartTime: new Date(now - 120_000),
        EndTime: new Date(now),
      }),
    );
    destroyClients(eu);
    expect(global.MetricDataResults![0].Values![0]).toBeGreaterThan(50);
    const out = await aws.cloudwatch.send(
      new GetMetricDataCommand({
        MetricDataQueries: [
          metric('AuroraReplicaLagMaximum', { DBClusterIdentifier: 'prod-app' }),
          metric('DatabaseConnections', { DBClusterIdentifier: 'prod-app', Role: 'WRITER' }),
          metric('CPUUtilization', { DBInstanceIdentifier: 'prod-app-0' }),
          metric('OldestReplicationSlotLag', { DBInstanceIdentifier: 'prod-app-0' }),
        ],
        StartTime: new Date(now - 120_000),
        EndTime: new Date(now),
      }),
    );
    const [lagMax, connections, cpu, slot] = out.MetricDataResults!.map((r) => r.Values![0]);
    expect(lagMax).toBeGreaterThan(0);
    expect(connections).toBeGreaterThanOrEqual(150);
    expect(cpu).toBeGreaterThan(5);
    expect(cpu).toBeLessThan(60);
    expect(slot).toBeGreaterThan(1_000);
  });
});

describe('alarms', () => {
  it('DescribeAlarms lists the demo alarms as OK; a lag spike puts the replica-lag alarm in ALARM', async () => {
    const before = await aws.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'prod-app' }));
    expect(before.MetricAlarms!.map((a) => [a.AlarmName, a.StateValue])).toEqual([
      ['prod-app-cpu-high', 'OK'],
      ['prod-app-global-lag-high', 'OK'],
      ['prod-app-replica-lag-high', 'OK'],
      ['prod-app-writer-connections-high', 'OK'],
    ]);
    sim.control.injectFault({ type: 'replica-lag', clusterId: 'prod-app', valueMs: 5_000, durationSeconds: 120 });
    const during = await aws.cloudwatch.send(new DescribeAlarmsCommand({ StateValue: 'ALARM' }));
    expect(during.MetricAlarms!.map((a) => a.AlarmName)).toEqual(['prod-app-replica-lag-high']);
    expect(during.MetricAlarms![0].StateReason).toMatch(/^Threshold Crossed: 1 datapoint \[5000\] was greater than the threshold \(1000\)/);
    const state = async () =>
      (await aws.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ['prod-app-replica-lag-high'] }))).MetricAlarms![0].StateValue;
    // The 120 s spike ends, but the alarm's 60 s period still holds it for a while.
    elapse(150_000);
    expect(await state()).toBe('ALARM');
    elapse(35_000);
    expect(await state()).toBe('OK');
  });

  // CloudWatch User Guide, "Configuring how CloudWatch alarms treat missing data": notBreaching
  // treats missing datapoints as within the threshold. A primary publishes no global lag.
  it('an alarm that treats missing data as notBreaching is OK without datapoints, and judges them once they come', async () => {
    const alarm = async (name = 'prod-app-global-lag-high') =>
      (await aws.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [name] }))).MetricAlarms![0];
    expect(await alarm()).toMatchObject({ StateValue: 'OK', TreatMissingData: 'notBreaching' });
    const put = (name: string, TreatMissingData?: string) =>
      aws.cloudwatch.send(
        new PutMetricAlarmCommand({
          AlarmName: name,
          MetricName: 'AuroraGlobalDBReplicationLag',
          Namespace: 'AWS/RDS',
          Statistic: 'Maximum',
          Dimensions: [{ Name: 'DBClusterIdentifier', Value: 'prod-app' }],
          Period: 60,
          EvaluationPeriods: 1,
          Threshold: 5000,
          ComparisonOperator: 'GreaterThanThreshold',
          TreatMissingData,
        }),
      );
    await put('lag-not-breaching', 'notBreaching');
    await put('lag-breaching', 'breaching');
    await put('lag-missing');
    expect(await alarm('lag-not-breaching')).toMatchObject({
      StateValue: 'OK',
      StateReason: expect.stringMatching(
        /no datapoints were received for 1 period and 1 missing datapoint was treated as \[NonBreaching\]/,
      ),
    });
    expect(await alarm('lag-breaching')).toMatchObject({ StateValue: 'ALARM', TreatMissingData: 'breaching' });
    expect(await alarm('lag-missing')).toMatchObject({ StateValue: 'INSUFFICIENT_DATA', TreatMissingData: 'missing' });
    // prod-app becomes a secondary: its lag is published and judged.
    await aws.rds.send(
      new SwitchoverGlobalClusterCommand({
        GlobalClusterIdentifier: 'prod-app-global',
        TargetDbClusterIdentifier: 'arn:aws:rds:eu-west-1:123456789012:cluster:prod-app-eu',
      }),
    );
    elapse(DEFAULT_TIMINGS.globalSwitchover);
    elapse(60_000);
    expect((await alarm()).StateValue).toBe('OK');
    sim.control.injectFault({ type: 'replica-lag', clusterId: 'prod-app', valueMs: 30_000, durationSeconds: 600 });
    expect((await alarm()).StateValue).toBe('ALARM');
    expect((await alarm()).StateReason).toMatch(/^Threshold Crossed: 1 datapoint \[30000\] was greater than the threshold \(5000\)/);
  });

  it('DescribeAlarmsForMetric finds the alarms on one metric by its dimensions, in their own region, evaluated', async () => {
    const eu = sdkClients(sim, { region: 'eu-west-1' });
    const forMetric = (client: SdkClients) =>
      client.cloudwatch.send(
        new DescribeAlarmsForMetricCommand({
          Namespace: 'AWS/RDS',
          MetricName: 'AuroraGlobalDBReplicationLag',
          Dimensions: [{ Name: 'DBClusterIdentifier', Value: 'prod-app-eu' }],
        }),
      );
    try {
      expect((await forMetric(eu)).MetricAlarms!.map((a) => [a.AlarmName, a.StateValue])).toEqual([['prod-app-eu-global-lag-high', 'OK']]);
      expect((await forMetric(aws)).MetricAlarms).toEqual([]);
      sim.control.injectFault({ type: 'replica-lag', clusterId: 'prod-app-eu', valueMs: 30_000, durationSeconds: 600 });
      expect((await forMetric(eu)).MetricAlarms![0].StateValue).toBe('ALARM');
    } finally {
      destroyClients(eu);
    }
  });

  it('PutMetricAlarm creates an alarm that DescribeAlarms evaluates', async () => {
    await aws.cloudwatch.send(
      new PutMetricAlarmCommand({
        AlarmName: 'billing-db-cpu-low',
        MetricName: 'CPUUtilization',
        Namespace: 'AWS/RDS',
        Statistic: 'Average',
        Dimensions: [{ Name: 'DBClusterIdentifier', Value: 'billing-db' }],
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 99,
        ComparisonOperator: 'LessThanThreshold',
      }),
    );
    const out = await aws.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ['billing-db-cpu-low'] }));
    expect(out.MetricAlarms![0]).toMatchObject({ StateValue: 'ALARM', Threshold: 99, Namespace: 'AWS/RDS' });
    expect(out.MetricAlarms![0].StateUpdatedTimestamp).toBeInstanceOf(Date);
  });

  // Service model (botocore cloudwatch 2010-08-01): Statistic, ComparisonOperator and Unit are
  // enums; the API reference lists TreatMissingData's valid values (breaching | notBreaching |
  // ignore | missing). The SDK sends any string; the service answers ValidationError (the awsQuery
  // code the AWS CLI shows, conformance/aws-cli.test.ts), which the SDK's CBOR client names
  // ValidationException (Smithy's framework validation error).
  it('PutMetricAlarm refuses a value outside an enumerated member with ValidationError, and stores nothing', async () => {
    const alarm = {
      AlarmName: 'prod-app-lag',
      MetricName: 'AuroraReplicaLag',
      Namespace: 'AWS/RDS',
      Statistic: 'Maximum' as const,
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 1000,
      ComparisonOperator: 'GreaterThanThreshold' as const,
    };
    const missing = await errorOf(() => aws.cloudwatch.send(new PutMetricAlarmCommand({ ...alarm, TreatMissingData: 'notbreaching' })));
    expect(missing.name).toBe('ValidationException');
    expect(missing.message).toBe(
      "1 validation error detected: Value 'notbreaching' at 'treatMissingData' failed to satisfy constraint: " +
        'Member must satisfy enum value set: [breaching, notBreaching, ignore, missing]',
    );
    const two = await errorOf(() =>
      aws.cloudwatch.send(new PutMetricAlarmCommand({ ...alarm, Statistic: 'p99' as never, ComparisonOperator: '>' as never })),
    );
    expect(two.name).toBe('ValidationException');
    expect(two.message).toMatch(/^2 validation errors detected: Value 'p99' at 'statistic' .*; Value '>' at 'comparisonOperator' /);
    expect((await aws.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ['prod-app-lag'] }))).MetricAlarms).toEqual([]);
    for (const value of ['breaching', 'notBreaching', 'ignore', 'missing'] as const) {
      await aws.cloudwatch.send(new PutMetricAlarmCommand({ ...alarm, TreatMissingData: value }));
      const [stored] = (await aws.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ['prod-app-lag'] }))).MetricAlarms!;
      expect(stored.TreatMissingData).toBe(value);
    }
  });
});

it('GetMetricStatistics returns datapoints with the requested statistics and unit', async () => {
  const now = clock.now();
  const out = await aws.cloudwatch.send(
    new GetMetricStatisticsCommand({
      Namespace: 'AWS/RDS',
      MetricName: 'CPUUtilization',
      Dimensions: [{ Name: 'DBClusterIdentifier', Value: 'prod-app' }],
      StartTime: new Date(now - 300_000),
      EndTime: new Date(now),
      Period: 60,
      Statistics: ['Average', 'Maximum'],
      ExtendedStatistics: ['p99'],
    }),
  );
  expect(out.Label).toBe('CPUUtilization');
  expect(out.Datapoints!.length).toBeGreaterThanOrEqual(5);
  const point = out.Datapoints![0];
  expect(point.Unit).toBe('Percent');
  expect(point.Maximum!).toBeGreaterThanOrEqual(point.Average!);
  expect(point.ExtendedStatistics!.p99).toBeGreaterThan(0);
  const error = await errorOf(() =>
    aws.cloudwatch.send(new GetMetricDataCommand({ MetricDataQueries: [], StartTime: new Date(now), EndTime: new Date(now - 1) })),
  );
  expect(error.name).toBe('InvalidParameterValueException');
});

// "Amazon CloudWatch dimensions for Aurora" (Aurora User Guide): instance metrics are also published
// by DBClusterIdentifier and by DBClusterIdentifier+Role, "aggregating the metric by instance role
// (WRITER/READER)": a statistic by cluster runs over every member instance's datapoints.
it('aggregates instance metrics by DBClusterIdentifier and by DBClusterIdentifier+Role', async () => {
  const now = clock.now();
  const stats = async (metricName: string, dims: Record<string, string>) =>
    (
      await aws.cloudwatch.send(
        new GetMetricStatisticsCommand({
          Namespace: 'AWS/RDS',
          MetricName: metricName,
          Dimensions: Object.entries(dims).map(([Name, Value]) => ({ Name, Value })),
          StartTime: new Date(now - 120_000),
          EndTime: new Date(now),
          Period: 120,
          Statistics: ['Maximum', 'Minimum', 'SampleCount'],
        }),
      )
    ).Datapoints ?? [];
  const readers = ['prod-app-1', 'prod-app-2', 'prod-app-analytics'];
  const perReader = await Promise.all(readers.map(async (r) => (await stats('AuroraReplicaLag', { DBInstanceIdentifier: r }))[0]));
  const [cluster] = await stats('AuroraReplicaLag', { DBClusterIdentifier: 'prod-app' });
  const [readerRole] = await stats('AuroraReplicaLag', { DBClusterIdentifier: 'prod-app', Role: 'READER' });
  expect(cluster.Maximum).toBe(Math.max(...perReader.map((p) => p.Maximum!)));
  expect(cluster.Minimum).toBe(Math.min(...perReader.map((p) => p.Minimum!)));
  expect(cluster.SampleCount).toBe(perReader.reduce((n, p) => n + p.SampleCount!, 0));
  expect(readerRole).toEqual(cluster);
  // The writer reports no AuroraReplicaLag, so its role has none; its connections are the writer's own.
  expect(await stats('AuroraReplicaLag', { DBClusterIdentifier: 'prod-app', Role: 'WRITER' })).toEqual([]);
  const [writerConnections] = await stats('DatabaseConnections', { DBClusterIdentifier: 'prod-app', Role: 'WRITER' });
  const [writerOwn] = await stats('DatabaseConnections', { DBInstanceIdentifier: 'prod-app-0' });
  expect(writerConnections).toEqual(writerOwn);
  // A role CloudWatch doesn't publish is a series that doesn't exist.
  expect(await stats('AuroraReplicaLag', { DBClusterIdentifier: 'prod-app', Role: 'PRIMARY' })).toEqual([]);
  const listed = await aws.cloudwatch.send(
    new ListMetricsCommand({
      Namespace: 'AWS/RDS',
      MetricName: 'AuroraReplicaLag',
      Dimensions: [{ Name: 'DBClusterIdentifier', Value: 'prod-app' }],
    }),
  );
  expect(listed.Metrics!.map((m) => m.Dimensions!.map((d) => `${d.Name}=${d.Value}`).join(',')).sort()).toEqual([
    'DBClusterIdentifier=prod-app',
    'DBClusterIdentifier=prod-app,Role=READER',
    'DBClusterIdentifier=prod-app,Role=WRITER',
  ]);
});

it('volume metrics: billed bytes, and I/O as counts per 5-minute interval that Sum to an hour', async () => {
  const now = clock.now();
  const hourStart = Math.floor(now / 3_600_000) * 3_600_000;
  const { DBClusters } = await aws.rds.send(new DescribeDBClustersCommand({}));
  const green = DBClusters!.find((c) => c.DBClusterIdentifier!.startsWith('prod-app-green-'))!.DBClusterIdentifier!;
  const query = (id: string, cluster: string, metricName: string, stat: string): MetricDataQuery => ({
    Id: id,
    MetricStat: {
      Metric: { Namespace: 'AWS/RDS', MetricName: metricName, Dimensions: [{ Name: 'DBClusterIdentifier', Value: cluster }] },
      Period: 3600,
      Stat: stat,
    },
  });
  const out = await aws.cloudwatch.send(
    new GetMetricDataCommand({
      MetricDataQueries: [
        query('bytes', 'prod-app', 'VolumeBytesUsed', 'Maximum'),
        query('reads', 'prod-app', 'VolumeReadIOPs', 'Sum'),
        query('count', 'prod-app', 'VolumeReadIOPs', 'SampleCount'),
        query('writes', 'prod-app', 'VolumeWriteIOPs', 'Sum'),
        query('greenReads', green, 'VolumeReadIOPs', 'Sum'),
      ],
      StartTime: new Date(hourStart - 3 * 3_600_000),
      EndTime: new Date(hourStart),
    }),
  );
  const values = Object.fromEntries(out.MetricDataResults!.map((r) => [r.Id!, r.Values!]));
  expect(values.bytes).toEqual([200 * 1024 ** 3, 200 * 1024 ** 3, 200 * 1024 ** 3]);
  // Twelve intervals per hour; each within ±20 % of the cluster's mean rate.
  expect(values.count).toEqual([12, 12, 12]);
  for (const sum of values.reads) expect(sum / 12).toBeGreaterThanOrEqual(0.8 * 24_000);
  for (const sum of values.reads) expect(sum / 12).toBeLessThan(1.2 * 24_000);
  for (const sum of values.writes) expect(sum / 12).toBeGreaterThanOrEqual(0.8 * 6_000);
  for (const sum of values.writes) expect(sum / 12).toBeLessThan(1.2 * 6_000);
  // The green (created 40 minutes before the fleet) counts only its own intervals, and has no clients: ~600 reads each.
  expect(values.greenReads.length).toBeLessThanOrEqual(1);
  for (const sum of values.greenReads) expect(sum).toBeLessThan(8 * 1.2 * 600);
  expect((await latestVolume(green)).reads / (await latestVolume('prod-app')).reads).toBeLessThan(0.05);
});

async function latestVolume(cluster: string): Promise<{ reads: number }> {
  const now = clock.now();
  const out = await aws.cloudwatch.send(
    new GetMetricStatisticsCommand({
      Namespace: 'AWS/RDS',
      MetricName: 'VolumeReadIOPs',
      Dimensions: [{ Name: 'DBClusterIdentifier', Value: cluster }],
      StartTime: new Date(now - 1_800_000),
      EndTime: new Date(now),
      Period: 300,
      Statistics: ['Sum'],
    }),
  );
  expect(out.Datapoints!.every((d) => d.Unit === 'Count')).toBe(true);
  return { reads: out.Datapoints!.reduce((a, d) => a + d.Sum!, 0) };
}

it('ListMetrics lists the series of an instance', async () => {
  const out = await aws.cloudwatch.send(
    new ListMetricsCommand({ Namespace: 'AWS/RDS', Dimensions: [{ Name: 'DBInstanceIdentifier', Value: 'prod-app-1' }] }),
  );
  expect(out.Metrics!.map((m) => m.MetricName).sort()).toEqual([
    'AuroraReplicaLag',
    'CPUUtilization',
    'DatabaseConnections',
    'OldestReplicationSlotLag',
  ]);
});

it.each([
  ['Smithy RPC v2 CBOR (botocore’s preference)', SmithyRpcV2CborProtocol],
  ['awsQuery (older clients)', AwsQueryProtocol],
])('serves the same operations over %s', async (_name, protocol) => {
  const client = new CloudWatchClient({
    region: 'us-east-1',
    endpoint: sim.url,
    credentials: DUMMY_CREDENTIALS,
    maxAttempts: 1,
    protocol: protocol as never,
  });
  try {
    expect(await latestLag(client, 'prod-app-1')).toBeGreaterThan(0);
    const alarms = await client.send(new DescribeAlarmsCommand({ AlarmNames: ['prod-app-cpu-high'] }));
    expect(alarms.MetricAlarms![0]).toMatchObject({ AlarmName: 'prod-app-cpu-high', StateValue: 'OK', Threshold: 80 });
    expect(alarms.MetricAlarms![0].StateUpdatedTimestamp).toBeInstanceOf(Date);
    const error = await errorOf(() => client.send(new DescribeAlarmsCommand({ NextToken: '!!' })));
    expect(error.name).toBe('InvalidNextToken');
  } finally {
    client.destroy();
  }
  expect(sim.control.requests().map((r) => r.protocol)).toContain(protocol === AwsQueryProtocol ? 'query' : 'cbor');
});
