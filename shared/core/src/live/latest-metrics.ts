import type { AwsGateway } from '../aws/gateway';

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

type Json = Record<string, unknown>;
const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);

/**
 * The newest datapoint of each series within the last `windowSeconds` (null when CloudWatch has
 * none), read with one GetMetricData per region (per 500 series) rather than one call per series,
 * so a page of many clusters stays cheap.
 */
export async function fetchLatestMetrics(
  aws: AwsGateway,
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
      let nextToken: string | undefined;
      do {
        const page = await aws.call(
          'cloudwatch',
          'GetMetricData',
          {
            StartTime: start,
            EndTime: end,
            ScanBy: 'TimestampDescending',
            MetricDataQueries: queries,
            ...(nextToken ? { NextToken: nextToken } : {}),
          },
          { region },
        );
        for (const result of list(page.MetricDataResults)) {
          const index = Number(String(result.Id).slice(1));
          const values = Array.isArray(result.Values) ? (result.Values as number[]) : [];
          const key = batch[index]?.key;
          // Newest first (TimestampDescending): keep the first value seen across pages.
          if (key !== undefined && latest.get(key) === null && values.length > 0) latest.set(key, values[0]);
        }
        nextToken = typeof page.NextToken === 'string' && page.NextToken ? page.NextToken : undefined;
      } while (nextToken);
    }),
  );
  return latest;
}
