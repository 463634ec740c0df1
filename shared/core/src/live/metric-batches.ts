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

/** The requests of one region sorted by window start, in batches of at most `maxQueries`. */
export function planMetricBatches(requests: MetricRequest[], maxQueries: number = MAX_QUERIES_PER_REQUEST): MetricBatch[] {
  if (!(maxQueries >= 1 && maxQueries <= MAX_QUERIES_PER_REQUEST)) {
    throw new RangeError(`maxQueries must be 1..${MAX_QUERIES_PER_REQUEST}, not ${maxQueries}`);
  }
  const byRegion = new Map<string, MetricRequest[]>();
  for (const r of requests) byRegion.set(r.region, [...(byRegion.get(r.region) ?? []), r]);
  const batches: MetricBatch[] = [];
  for (const [region, list] of [...byRegion].sort(([a], [b]) => a.localeCompare(b))) {
    const sorted = [...list].sort((a, b) => a.from - b.from || a.to - b.to);
    for (let i = 0; i < sorted.length; i += maxQueries) {
      const chunk = sorted.slice(i, i + maxQueries);
      const keys = new Map<string, string>();
      const queries = chunk.map((r, n): MetricDataQuery => {
        const id = `m${n}`;
        keys.set(id, r.key);
        return {
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
        };
      });
      batches.push({
        region,
        keys,
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
