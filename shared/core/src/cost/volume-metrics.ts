/**
 * Measures what an environment's own cluster volume and Serverless v2 instances use, from
 * CloudWatch (one GetMetricData per environment, in its region):
 * - `VolumeBytesUsed` (Maximum, last 24 h of the window): billed storage, for greens and clones only;
 * - `VolumeReadIOPs` + `VolumeWriteIOPs` (Sum over the window): billed I/O, Aurora Standard only;
 * - `ServerlessDatabaseCapacity` (Average per instance): the ACUs a `db.serverless` instance ran at.
 * Whatever is not measured is listed in the environment's `notMeasured`, with the reason.
 */
import type { MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { AwsReads } from '../aws/gateway';
import { fetchMetricSeries, type MetricSeries } from '../live/metric-series';
import type { ParallelEnvironment } from './model';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const GIB = 1024 ** 3;

const query = (id: string, metricName: string, dimension: [string, string], stat: string): MetricDataQuery => ({
  Id: id,
  MetricStat: {
    Metric: { Namespace: 'AWS/RDS', MetricName: metricName, Dimensions: [{ Name: dimension[0], Value: dimension[1] }] },
    Period: 3600,
    Stat: stat,
  },
  ReturnData: true,
});

const total = (s: MetricSeries | undefined) => (s?.values ?? []).reduce((a, b) => a + b, 0);

/** Fills `storage`, `io`, `notMeasured` and serverless ACUs of each environment, in place. */
export async function measureVolumes(aws: AwsReads, envs: ParallelEnvironment[], now: number): Promise<void> {
  await Promise.all(envs.map((env) => measureOne(aws, env, now)));
}

async function measureOne(aws: AwsReads, env: ParallelEnvironment, now: number): Promise<void> {
  const notes: string[] = (env.notMeasured ??= []);
  const id = env.clusterId;
  const end = Math.min(env.endedAt ?? now, now);
  // Whole hours around the window: CloudWatch aggregates by aligned periods.
  const start = Math.floor(env.since / HOUR_MS) * HOUR_MS;
  const to = Math.max(start + HOUR_MS, Math.ceil(end / HOUR_MS) * HOUR_MS);
  const standard = (env.storageConfig ?? 'standard') === 'standard';
  const ownVolume = env.kind !== 'old-blue';
  const serverless = env.instances.filter((i) => i.segments.some((s) => s.instanceClass === 'db.serverless'));
  const queries: MetricDataQuery[] = [
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
  let series: Map<string, MetricSeries>;
  try {
    series = await fetchMetricSeries(aws, env.region, { MetricDataQueries: queries, StartTime: new Date(start), EndTime: new Date(to) });
  } catch (error) {
    notes.push(`${ownVolume ? 'storage and ' : ''}I/O of ${id}: CloudWatch GetMetricData failed: ${(error as Error).message}`);
    return;
  }
  if (ownVolume) {
    const s = series.get('storage');
    const recent = s ? s.values.filter((_, i) => s.timestamps[i].getTime() >= to - DAY_MS) : [];
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
      const lastDay = (s: MetricSeries | undefined) =>
        (s?.values ?? []).filter((_, i) => s!.timestamps[i].getTime() >= to - DAY_MS).reduce((a, b) => a + b, 0);
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
