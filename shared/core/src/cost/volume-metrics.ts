/**
 * Measures what an environment's own cluster volume and Serverless v2 instances use, from
 * CloudWatch (one GetMetricData per environment, in its region):
 * - `VolumeBytesUsed` (Maximum, last 24 h of the window): billed storage, for greens and clones only;
 * - `VolumeReadIOPs` + `VolumeWriteIOPs` (Sum over the window): billed I/O, Aurora Standard only;
 * - `ServerlessDatabaseCapacity` (Average per instance): the ACUs a `db.serverless` instance ran at.
 * Whatever is not measured is listed in the environment's `notMeasured`, with the reason.
 */
import type { AwsGateway } from '../aws/gateway';
import type { ParallelEnvironment } from './model';
import { list, str, time, type Json } from './find-environments';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const GIB = 1024 ** 3;

interface Series {
  timestamps: number[];
  values: number[];
}

async function metricData(aws: AwsGateway, region: string, queries: Json[], start: number, end: number): Promise<Map<string, Series>> {
  const out = new Map<string, Series>();
  let token: string | undefined;
  do {
    const page = await aws.call(
      'cloudwatch',
      'GetMetricData',
      { MetricDataQueries: queries, StartTime: new Date(start), EndTime: new Date(end), ...(token ? { NextToken: token } : {}) },
      { region },
    );
    for (const r of list(page.MetricDataResults)) {
      const series = out.get(str(r.Id)) ?? { timestamps: [], values: [] };
      const timestamps = Array.isArray(r.Timestamps) ? r.Timestamps : [];
      const values = Array.isArray(r.Values) ? r.Values : [];
      timestamps.forEach((t, i) => {
        const at = time(t);
        if (at !== undefined && typeof values[i] === 'number') {
          series.timestamps.push(at);
          series.values.push(values[i] as number);
        }
      });
      out.set(str(r.Id), series);
    }
    token = str(page.NextToken) || undefined;
  } while (token);
  return out;
}

const query = (id: string, metricName: string, dimension: [string, string], stat: string): Json => ({
  Id: id,
  MetricStat: {
    Metric: { Namespace: 'AWS/RDS', MetricName: metricName, Dimensions: [{ Name: dimension[0], Value: dimension[1] }] },
    Period: 3600,
    Stat: stat,
  },
  ReturnData: true,
});

const total = (s: Series | undefined) => (s?.values ?? []).reduce((a, b) => a + b, 0);

/** Fills `storage`, `io`, `notMeasured` and serverless ACUs of each environment, in place. */
export async function measureVolumes(aws: AwsGateway, envs: ParallelEnvironment[], now: number): Promise<void> {
  await Promise.all(envs.map((env) => measureOne(aws, env, now)));
}

async function measureOne(aws: AwsGateway, env: ParallelEnvironment, now: number): Promise<void> {
  const notes: string[] = (env.notMeasured ??= []);
  const id = env.clusterId;
  const end = Math.min(env.endedAt ?? now, now);
  // Whole hours around the window: CloudWatch aggregates by aligned periods.
  const start = Math.floor(env.since / HOUR_MS) * HOUR_MS;
  const to = Math.max(start + HOUR_MS, Math.ceil(end / HOUR_MS) * HOUR_MS);
  const standard = (env.storageConfig ?? 'standard') === 'standard';
  const ownVolume = env.kind !== 'old-blue';
  const serverless = env.instances.filter((i) => i.segments.some((s) => s.instanceClass === 'db.serverless'));
  const queries: Json[] = [
    ...(ownVolume ? [query('storage', 'VolumeBytesUsed', ['DBClusterIdentifier', id], 'Maximum')] : []),
    ...(standard
      ? [
          query('reads', 'VolumeReadIOPs', ['DBClusterIdentifier', id], 'Sum'),
          query('writes', 'VolumeWriteIOPs', ['DBClusterIdentifier', id], 'Sum'),
        ]
      : []),
    ...serverless.map((i, n) => query(`acu${n}`, 'ServerlessDatabaseCapacity', ['DBInstanceIdentifier', i.id], 'Average')),
  ];
  if (!ownVolume) {
    notes.push(
      `storage of ${id}: an old blue's volume still shares its pages with the new production, which pays for them once ${id} is deleted; the part only ${id} holds is not measurable`,
    );
  }
  if (queries.length === 0) return;
  let series: Map<string, Series>;
  try {
    series = await metricData(aws, env.region, queries, start, to);
  } catch (error) {
    notes.push(`${ownVolume ? 'storage and ' : ''}I/O of ${id}: CloudWatch GetMetricData failed: ${(error as Error).message}`);
    return;
  }
  if (ownVolume) {
    const s = series.get('storage');
    const recent = s ? s.values.filter((_, i) => s.timestamps[i] >= to - DAY_MS) : [];
    if (recent.length) {
      env.storage = { gb: Math.max(...recent) / GIB, source: 'CloudWatch VolumeBytesUsed, Maximum of the last 24 h' };
    } else {
      notes.push(`storage of ${id}: CloudWatch has no VolumeBytesUsed datapoints for it`);
    }
  }
  if (standard) {
    const reads = series.get('reads');
    const writes = series.get('writes');
    if ((reads?.values.length ?? 0) + (writes?.values.length ?? 0) > 0) {
      const lastDay = (s: Series | undefined) =>
        (s?.values ?? []).filter((_, i) => s!.timestamps[i] >= to - DAY_MS).reduce((a, b) => a + b, 0);
      // The rate over the time the environment actually existed in the last day of the window.
      const hours = Math.max(5 * 60_000, end - Math.max(env.since, to - DAY_MS)) / HOUR_MS;
      env.io = {
        requests: total(reads) + total(writes),
        requestsPerHour: (lastDay(reads) + lastDay(writes)) / hours,
        source: 'CloudWatch VolumeReadIOPs + VolumeWriteIOPs, Sum over the window',
      };
    } else {
      notes.push(`I/O of ${id}: CloudWatch has no VolumeReadIOPs/VolumeWriteIOPs datapoints for it`);
    }
  }
  serverless.forEach((instance, n) => {
    const values = series.get(`acu${n}`)?.values ?? [];
    const segment = instance.segments[instance.segments.length - 1];
    if (values.length) {
      segment.acu = values.reduce((a, b) => a + b, 0) / values.length;
    } else {
      notes.push(
        segment.acu !== undefined
          ? `ACUs of ${instance.id}: no ServerlessDatabaseCapacity datapoints; priced at the cluster's minimum capacity (${segment.acu} ACU), a lower bound`
          : `ACUs of ${instance.id}: no ServerlessDatabaseCapacity datapoints and no minimum capacity; its compute is priced at 0`,
      );
    }
  });
}
