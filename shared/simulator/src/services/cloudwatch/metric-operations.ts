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
        const limited = input.MaxDatapoints ? points.slice(0, input.MaxDatapoints) : points;
        results.push({
          Id: query.Id,
          Label: query.Label ?? metric.metricName,
          Timestamps: limited.map((p) => new Date(p.t)),
          Values: limited.map((p) => p.v),
          StatusCode: 'Complete',
        });
      }
      return { MetricDataResults: results, Messages: [] };
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
