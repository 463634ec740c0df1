import type {
  Datapoint as DatapointShape,
  GetMetricDataInput,
  GetMetricDataOutput,
  GetMetricStatisticsInput,
  GetMetricStatisticsOutput,
  ListMetricsInput,
  ListMetricsOutput,
  MetricDataResult,
  StandardUnit,
} from '@aws-sdk/client-cloudwatch';
import { datapoints, statistic } from '../../model/metric-statistics';
import { listMetricIds, METRIC_UNITS, type Dimension } from '../../model/metric-series';
import { AwsError } from '../../protocol/aws-error';
import type { SimulatorWorld } from '../../world';
import { handler, type OperationHandler } from '../service-definition';

const invalid = (message: string) => new AwsError('InvalidParameterValueException', message);
const dims = (dimensions: { Name?: string; Value?: string }[] | undefined): Dimension[] =>
  (dimensions ?? []).map((d) => ({ Name: d.Name ?? '', Value: d.Value ?? '' }));

/** CloudWatch metric reads over the simulator's AWS/RDS series. */
export function metricOperations(world: SimulatorWorld): Record<string, OperationHandler> {
  return {
    GetMetricData: handler((input: GetMetricDataInput, { region }): GetMetricDataOutput => {
      const ctx = world.context();
      const start = input.StartTime!.getTime();
      const end = input.EndTime!.getTime();
      if (end <= start) throw invalid('The parameter StartTime must be less than the parameter EndTime.');
      const queries = input.MetricDataQueries ?? [];
      if (queries.length > 500) throw invalid('The collection MetricDataQueries must not have a size greater than 500.');
      checkQueryIds(queries);
      const descending = (input.ScanBy ?? 'TimestampDescending') === 'TimestampDescending';
      const results: MetricDataResult[] = [];
      for (const query of queries) {
        if (query.ReturnData === false) continue;
        const stat = query.MetricStat;
        if (!stat?.Metric) {
          results.push({
            Id: query.Id,
            Label: query.Label ?? query.Id,
            Timestamps: [],
            Values: [],
            StatusCode: 'Complete',
            Messages: [{ Code: 'Unsupported', Value: 'The simulator does not evaluate metric math expressions.' }],
          });
          continue;
        }
        const metric = {
          region,
          namespace: stat.Metric.Namespace ?? '',
          metricName: stat.Metric.MetricName ?? '',
          dimensions: dims(stat.Metric.Dimensions),
        };
        const points = datapoints(ctx, metric, start, end, query.Period ?? stat.Period ?? 60)
          .map((p) => ({ t: p.timestamp, v: statistic(p.samples, stat.Stat ?? 'Average') }))
          .filter((p): p is { t: number; v: number } => p.v !== undefined);
        if (descending) points.reverse();
        results.push({
          Id: query.Id,
          Label: query.Label ?? metric.metricName,
          Timestamps: points.map((p) => new Date(p.t)),
          Values: points.map((p) => p.v),
          StatusCode: 'Complete',
        });
      }
      return page(results, input);
    }),

    GetMetricStatistics: handler((input: GetMetricStatisticsInput, { region }): GetMetricStatisticsOutput => {
      const ctx = world.context();
      const stats = [...(input.Statistics ?? []), ...(input.ExtendedStatistics ?? [])];
      if (stats.length === 0)
        throw new AwsError('MissingRequiredParameterException', 'Statistics or ExtendedStatistics must be specified.');
      const metric = { region, namespace: input.Namespace!, metricName: input.MetricName!, dimensions: dims(input.Dimensions) };
      const unit = (METRIC_UNITS[metric.metricName] ?? 'None') as StandardUnit;
      const points: DatapointShape[] = datapoints(ctx, metric, input.StartTime!.getTime(), input.EndTime!.getTime(), input.Period!).map(
        (p) => {
          const point: DatapointShape = { Timestamp: new Date(p.timestamp), Unit: unit };
          for (const s of input.Statistics ?? []) (point as Record<string, unknown>)[s] = statistic(p.samples, s);
          if (input.ExtendedStatistics?.length) {
            point.ExtendedStatistics = Object.fromEntries(input.ExtendedStatistics.map((s) => [s, statistic(p.samples, s) ?? 0]));
          }
          return point;
        },
      );
      return { Label: metric.metricName, Datapoints: points };
    }),

    ListMetrics: handler((input: ListMetricsInput, { region }): ListMetricsOutput => {
      const ctx = world.context();
      const wanted = dims(input.Dimensions);
      const metrics = listMetricIds(ctx, region).filter(
        (m) =>
          (!input.Namespace || m.namespace === input.Namespace) &&
          (!input.MetricName || m.metricName === input.MetricName) &&
          wanted.every((w) => m.dimensions.some((d) => d.Name === w.Name && (!w.Value || d.Value === w.Value))),
      );
      return { Metrics: metrics.map((m) => ({ Namespace: m.namespace, MetricName: m.metricName, Dimensions: m.dimensions })) };
    }),
  };
}

/** A MetricDataQuery Id: a lowercase letter first, then letters, digits and underscores. */
const QUERY_ID = /^[a-z][a-zA-Z0-9_]*$/;

/**
 * Refuses Ids AWS refuses, in its words: "The value 5xx_error for parameter
 * MetricDataQueries.member.1.Id is not matching the expected pattern ^[a-z][a-zA-Z0-9_]*$."
 * (influxdata/telegraf#5420) and "The values for parameter id in MetricDataQueries are not unique."
 * (aws-solutions/quota-monitor-for-aws#171) [CloudWatch API Reference, MetricDataQuery: Id "must be
 * unique within a single call … The first character must be a lowercase letter"].
 */
function checkQueryIds(queries: Array<{ Id?: string }>): void {
  const bad = queries.flatMap((q, i) =>
    QUERY_ID.test(q.Id ?? '')
      ? []
      : [
          `The value ${q.Id ?? ''} for parameter MetricDataQueries.member.${i + 1}.Id is not matching the expected pattern ^[a-z][a-zA-Z0-9_]*$.`,
        ],
  );
  if (bad.length) throw new AwsError('ValidationError', bad.join('\n'));
  if (new Set(queries.map((q) => q.Id)).size !== queries.length) {
    throw new AwsError('ValidationError', 'The values for parameter id in MetricDataQueries are not unique.');
  }
}

/** GetMetricData's default page size in datapoints [CloudWatch API Reference, GetMetricData: MaxDatapoints]. */
const DEFAULT_MAX_DATAPOINTS = 100_800;

/**
 * One page of the answer: at most MaxDatapoints datapoints across the queries, in query order; a
 * query whose datapoints go on to the next page is `PartialData` on this one, and NextToken says
 * where the next page starts [CloudWatch API Reference, GetMetricData: MaxDatapoints, NextToken;
 * MetricDataResult: StatusCode "PartialData … use NextToken to retrieve the rest"].
 */
function page(results: MetricDataResult[], input: GetMetricDataInput): GetMetricDataOutput {
  const size = input.MaxDatapoints ?? DEFAULT_MAX_DATAPOINTS;
  if (size < 1) throw invalid('The parameter MaxDatapoints must be greater than 0.');
  // The answer as one walk of slots: each datapoint is one, and a series with none takes one slot
  // (it is answered once, on the page its turn comes) that does not count towards MaxDatapoints.
  let offset = input.NextToken ? decodeDataToken(input.NextToken) : 0;
  let room = size;
  let base = 0;
  const out: MetricDataResult[] = [];
  for (const r of results) {
    const count = r.Values!.length;
    const slots = Math.max(count, 1);
    const from = offset - base;
    base += slots;
    if (from >= slots) continue;
    if (count === 0) {
      out.push(r);
      offset += 1;
      continue;
    }
    if (room === 0) break;
    const take = Math.min(room, count - from);
    const complete = from + take === count;
    out.push({
      ...r,
      Timestamps: r.Timestamps!.slice(from, from + take),
      Values: r.Values!.slice(from, from + take),
      StatusCode: complete ? r.StatusCode : 'PartialData',
    });
    offset += take;
    room -= take;
    if (!complete) break;
  }
  return { MetricDataResults: out, Messages: [], ...(offset < total(results) ? { NextToken: encodeDataToken(offset) } : {}) };
}

const total = (results: MetricDataResult[]) => results.reduce((n, r) => n + Math.max(r.Values!.length, 1), 0);

function encodeDataToken(offset: number): string {
  return Buffer.from(`metricdata:${offset}`, 'utf8').toString('base64url');
}

function decodeDataToken(token: string): number {
  const match = /^metricdata:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!match) throw new AwsError('InvalidNextToken', 'The service returned an invalid NextToken.');
  return Number(match[1]);
}
