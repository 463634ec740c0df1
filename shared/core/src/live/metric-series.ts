import { CloudWatchClient, paginateGetMetricData, type GetMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';
import { allItems } from '../aws/all-items';
import type { AwsReads } from '../aws/gateway';

/** One query's datapoints, in the order CloudWatch returned them (`ScanBy`; newest first by default). */
export interface MetricSeries {
  timestamps: Date[];
  values: number[];
  /**
   * The query's StatusCode on its last page: `Complete`, or `InternalError` / `Forbidden` /
   * `PartialData` when CloudWatch could not give all of it [CloudWatch API Reference, MetricDataResult].
   */
  status?: string;
  /** CloudWatch's messages about the query (e.g. why it is not Complete). */
  messages?: string[];
}

/** Every datapoint of each query of one GetMetricData request, across its pages, by query id. */
export async function fetchMetricSeries(
  aws: AwsReads,
  region: string | undefined,
  input: GetMetricDataCommandInput,
): Promise<Map<string, MetricSeries>> {
  const client = aws.readClient(CloudWatchClient, region);
  // A copy: the paginator writes each page's NextToken into its input, and a caller that tries
  // the same input again must start from the first page, not where the failed try stopped.
  const results = await allItems(paginateGetMetricData({ client }, { ...input }), (page) => page.MetricDataResults);
  const series = new Map<string, MetricSeries>();
  for (const r of results) {
    const id = r.Id ?? '';
    const s: MetricSeries = series.get(id) ?? { timestamps: [], values: [] };
    // Pages come in order: a query that continues on the next page is PartialData until its last.
    if (r.StatusCode) s.status = r.StatusCode;
    const messages = (r.Messages ?? []).map((m) => [m.Code, m.Value].filter(Boolean).join(': ')).filter((m) => m !== '');
    if (messages.length) s.messages = [...(s.messages ?? []), ...messages];
    (r.Timestamps ?? []).forEach((t, i) => {
      const value = r.Values?.[i];
      if (value === undefined) return;
      s.timestamps.push(t);
      s.values.push(value);
    });
    series.set(id, s);
  }
  return series;
}
