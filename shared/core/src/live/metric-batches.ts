/**
 * Plans GetMetricData requests for many series at once: one request carries up to 500
 * MetricDataQueries, each with an Id unique within the request that starts with a lowercase
 * letter and has only letters, digits and underscores [CloudWatch API Reference, MetricDataQuery:
 * "A single GetMetricData call can include up to 500 MetricDataQuery structures"; Id "must be
 * unique within a single call … The first character must be a lowercase letter"]. A request has one
 * StartTime/EndTime, so series of the same region are sorted by the start of their window and each
 * request covers its own series' windows (the caller keeps only the datapoints of each series'
 * window). A request's datapoints beyond MaxDatapoints (100,800 by default) come on further pages
 * (NextToken), which the SDK paginator follows.
 */
import type { GetMetricDataCommandInput, MetricDataQuery } from '@aws-sdk/client-cloudwatch';

/** GetMetricData's limit of MetricDataQueries per request. */
export const MAX_QUERIES_PER_REQUEST = 500;

/** What CloudWatch accepts as a MetricDataQuery Id (botocore: MetricId, max 255 characters). */
export const METRIC_QUERY_ID = /^[a-z][a-zA-Z0-9_]{0,254}$/;

/** One series wanted, over its own window. */
export interface MetricRequest {
  /** The caller's key for the answer (any string; it never goes to AWS). */
  key: string;
  region: string;
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  stat: string;
  /** Seconds. */
  period: number;
  /** Epoch ms: the series' window, [from, to). */
  from: number;
  to: number;
}

/** One GetMetricData request: its input, and which request key each query Id answers. */
export interface MetricBatch {
  region: string;
  input: GetMetricDataCommandInput & { MetricDataQueries: MetricDataQuery[] };
  /** Query Id → the MetricRequest's key. */
  keys: Map<string, string>;
}

/**
 * `items` in GetMetricData requests of at most `maxQueries` queries, in order; each query's Id is
 * `m<n>`, unique within its request, and `items` says which item each Id answers. The one place
 * that cuts queries into requests: the cost report's batches and the observer's both come from here.
 */
export function metricQueryChunks<T>(
  items: readonly T[],
  queryOf: (item: T, id: string) => MetricDataQuery,
  maxQueries: number = MAX_QUERIES_PER_REQUEST,
): Array<{ queries: MetricDataQuery[]; items: Map<string, T> }> {
  if (!(maxQueries >= 1 && maxQueries <= MAX_QUERIES_PER_REQUEST)) {
    throw new RangeError(`maxQueries must be 1..${MAX_QUERIES_PER_REQUEST}, not ${maxQueries}`);
  }
  const chunks: Array<{ queries: MetricDataQuery[]; items: Map<string, T> }> = [];
  for (let i = 0; i < items.length; i += maxQueries) {
    const byId = new Map(items.slice(i, i + maxQueries).map((item, n) => [`m${n}`, item] as const));
    chunks.push({ queries: [...byId].map(([id, item]) => queryOf(item, id)), items: byId });
  }
  return chunks;
}

/** The requests of one region sorted by window start, in batches of at most `maxQueries`. */
export function planMetricBatches(requests: MetricRequest[], maxQueries: number = MAX_QUERIES_PER_REQUEST): MetricBatch[] {
  const byRegion = new Map<string, MetricRequest[]>();
  for (const r of requests) byRegion.set(r.region, [...(byRegion.get(r.region) ?? []), r]);
  const batches: MetricBatch[] = [];
  for (const [region, list] of [...byRegion].sort(([a], [b]) => a.localeCompare(b))) {
    const sorted = [...list].sort((a, b) => a.from - b.from || a.to - b.to);
    for (const { queries, items } of metricQueryChunks(
      sorted,
      (r, id): MetricDataQuery => ({
        Id: id,
        MetricStat: {
          Metric: {
            Namespace: r.namespace,
            MetricName: r.metricName,
            Dimensions: Object.entries(r.dimensions).map(([Name, Value]) => ({ Name, Value })),
          },
          Period: r.period,
          Stat: r.stat,
        },
        ReturnData: true,
      }),
      maxQueries,
    )) {
      const chunk = [...items.values()];
      batches.push({
        region,
        keys: new Map([...items].map(([id, r]) => [id, r.key])),
        input: {
          MetricDataQueries: queries,
          StartTime: new Date(Math.min(...chunk.map((r) => r.from))),
          EndTime: new Date(Math.max(...chunk.map((r) => r.to))),
          ScanBy: 'TimestampAscending',
        },
      });
    }
  }
  return batches;
}
