import type { AwsReads } from '../aws/gateway';
import { fetchMetricSeries } from './metric-series';

/** One AWS/RDS series whose newest datapoint is wanted, e.g. AuroraReplicaLag of one reader. */
export interface LatestMetricRequest {
  /** Caller's key for the answer. */
  key: string;
  region: string;
  metricName: string;
  dimensions: Record<string, string>;
  stat?: string;
}

/** GetMetricData accepts at most 500 queries per request. */
const MAX_QUERIES = 500;

/**
 * The newest datapoint of each series within the last `windowSeconds` (null when CloudWatch has
 * none), read with one GetMetricData per region (per 500 series) rather than one call per series,
 * so a page of many clusters stays cheap.
 */
export async function fetchLatestMetrics(
  aws: AwsReads,
  requests: LatestMetricRequest[],
  options: { now?: number; windowSeconds?: number; periodSeconds?: number } = {},
): Promise<Map<string, number | null>> {
  const end = new Date(options.now ?? Date.now());
  const start = new Date(end.getTime() - (options.windowSeconds ?? 300) * 1000);
  const period = options.periodSeconds ?? 60;
  const latest = new Map<string, number | null>(requests.map((r) => [r.key, null]));
  const byRegion = new Map<string, LatestMetricRequest[]>();
  for (const r of requests) byRegion.set(r.region, [...(byRegion.get(r.region) ?? []), r]);

  const batches: Array<{ region: string; requests: LatestMetricRequest[] }> = [];
  for (const [region, rs] of byRegion) {
    for (let i = 0; i < rs.length; i += MAX_QUERIES) batches.push({ region, requests: rs.slice(i, i + MAX_QUERIES) });
  }
  await Promise.all(
    batches.map(async ({ region, requests: batch }) => {
      const queries = batch.map((r, i) => ({
        Id: `q${i}`,
        MetricStat: {
          Metric: {
            Namespace: 'AWS/RDS',
            MetricName: r.metricName,
            Dimensions: Object.entries(r.dimensions).map(([Name, Value]) => ({ Name, Value })),
          },
          Period: period,
          Stat: r.stat ?? 'Maximum',
        },
      }));
      const series = await fetchMetricSeries(aws, region, {
        StartTime: start,
        EndTime: end,
        ScanBy: 'TimestampDescending',
        MetricDataQueries: queries,
      });
      batch.forEach((r, i) => {
        // Newest first (TimestampDescending): the first value is the latest.
        const [newest] = series.get(`q${i}`)?.values ?? [];
        if (newest !== undefined) latest.set(r.key, newest);
      });
    }),
  );
  return latest;
}
