import { CloudWatchClient, paginateGetMetricData, type GetMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';
import { allItems } from '../aws/all-items';
import type { AwsReads } from '../aws/gateway';

/** One query's datapoints, in the order CloudWatch returned them (`ScanBy`; newest first by default). */
export interface MetricSeries {
  timestamps: Date[];
  values: number[];
}

/** Every datapoint of each query of one GetMetricData request, across its pages, by query id. */
export async function fetchMetricSeries(
  aws: AwsReads,
  region: string | undefined,
  input: GetMetricDataCommandInput,
): Promise<Map<string, MetricSeries>> {
  const client = aws.readClient(CloudWatchClient, region);
  const results = await allItems(paginateGetMetricData({ client }, input), (page) => page.MetricDataResults);
  const series = new Map<string, MetricSeries>();
  for (const r of results) {
    const id = r.Id ?? '';
    const s = series.get(id) ?? { timestamps: [], values: [] };
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
