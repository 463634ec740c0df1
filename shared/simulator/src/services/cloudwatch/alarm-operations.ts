import type {
  DescribeAlarmsForMetricInput,
  DescribeAlarmsForMetricOutput,
  DescribeAlarmsInput,
  DescribeAlarmsOutput,
  MetricAlarm as MetricAlarmShape,
  PutMetricAlarmInput,
} from '@aws-sdk/client-cloudwatch';
import { evaluateAlarm } from '../../model/alarm-evaluation';
import type { MetricAlarm, TreatMissingData } from '../../model/types';
import { AwsError } from '../../protocol/aws-error';
import type { SimulatorWorld } from '../../world';
import { handler, type OperationHandler } from '../service-definition';

function alarmView(accountId: string, alarm: MetricAlarm): MetricAlarmShape {
  return {
    AlarmName: alarm.name,
    AlarmArn: `arn:aws:cloudwatch:${alarm.region}:${accountId}:alarm:${alarm.name}`,
    AlarmDescription: alarm.description,
    AlarmConfigurationUpdatedTimestamp: new Date(alarm.stateUpdatedAt),
    ActionsEnabled: true,
    OKActions: [],
    AlarmActions: [],
    InsufficientDataActions: [],
    StateValue: alarm.state,
    StateReason: alarm.stateReason,
    StateUpdatedTimestamp: new Date(alarm.stateUpdatedAt),
    StateTransitionedTimestamp: new Date(alarm.stateUpdatedAt),
    MetricName: alarm.metricName,
    Namespace: alarm.namespace,
    Statistic: alarm.statistic,
    Dimensions: alarm.dimensions,
    Period: alarm.periodSec,
    EvaluationPeriods: alarm.evaluationPeriods,
    DatapointsToAlarm: alarm.evaluationPeriods,
    Threshold: alarm.threshold,
    ComparisonOperator: alarm.comparison,
    TreatMissingData: alarm.treatMissingData ?? 'missing',
  };
}

/** CloudWatch alarms on the simulator's metrics, evaluated when they are read. */
export function alarmOperations(world: SimulatorWorld): Record<string, OperationHandler> {
  return {
    DescribeAlarms: handler((input: DescribeAlarmsInput, { region }): DescribeAlarmsOutput => {
      const ctx = world.context();
      const onlyComposite = input.AlarmTypes && !input.AlarmTypes.includes('MetricAlarm');
      let alarms = onlyComposite ? [] : ctx.state.alarms.filter((a) => a.region === region);
      for (const alarm of alarms) evaluateAlarm(ctx, alarm);
      if (input.AlarmNames?.length) alarms = alarms.filter((a) => input.AlarmNames!.includes(a.name));
      if (input.AlarmNamePrefix) alarms = alarms.filter((a) => a.name.startsWith(input.AlarmNamePrefix!));
      if (input.StateValue) alarms = alarms.filter((a) => a.state === input.StateValue);
      const sorted = [...alarms].sort((a, b) => a.name.localeCompare(b.name));
      const offset = input.NextToken ? decodeToken(input.NextToken) : 0;
      const limit = input.MaxRecords ?? 50;
      const page = sorted.slice(offset, offset + limit);
      return {
        MetricAlarms: page.map((a) => alarmView(ctx.state.accountId, a)),
        CompositeAlarms: [],
        NextToken: offset + limit < sorted.length ? Buffer.from(`alarms:${offset + limit}`).toString('base64url') : undefined,
      };
    }),

    // The alarms watching one metric, whatever their names (e.g. the lag alarm of a global secondary).
    DescribeAlarmsForMetric: handler((input: DescribeAlarmsForMetricInput, { region }): DescribeAlarmsForMetricOutput => {
      const ctx = world.context();
      const wanted = (input.Dimensions ?? []).map((d) => `${d.Name}=${d.Value}`).sort();
      const alarms = ctx.state.alarms.filter(
        (a) =>
          a.region === region &&
          a.namespace === input.Namespace &&
          a.metricName === input.MetricName &&
          (!input.Statistic || a.statistic === input.Statistic) &&
          (!input.Period || a.periodSec === input.Period) &&
          a.dimensions
            .map((d) => `${d.Name}=${d.Value}`)
            .sort()
            .join('&') === wanted.join('&'),
      );
      for (const alarm of alarms) evaluateAlarm(ctx, alarm);
      return { MetricAlarms: alarms.sort((a, b) => a.name.localeCompare(b.name)).map((a) => alarmView(ctx.state.accountId, a)) };
    }),

    PutMetricAlarm: handler((input: PutMetricAlarmInput, { region }): Record<string, never> => {
      const ctx = world.context();
      if (!input.MetricName || !input.Namespace || !input.Statistic || !input.Period) {
        throw new AwsError(
          'MissingRequiredParameterException',
          'The simulator supports single-metric alarms: MetricName, Namespace, Statistic and Period are required.',
        );
      }
      const alarm: MetricAlarm = {
        region,
        name: input.AlarmName!,
        description: input.AlarmDescription ?? '',
        namespace: input.Namespace,
        metricName: input.MetricName,
        dimensions: (input.Dimensions ?? []).map((d) => ({ Name: d.Name ?? '', Value: d.Value ?? '' })),
        statistic: input.Statistic,
        periodSec: input.Period,
        evaluationPeriods: input.EvaluationPeriods ?? 1,
        threshold: input.Threshold ?? 0,
        comparison: input.ComparisonOperator as MetricAlarm['comparison'],
        ...(isTreatMissingData(input.TreatMissingData) ? { treatMissingData: input.TreatMissingData } : {}),
        state: 'INSUFFICIENT_DATA',
        stateReason: 'Unchecked: Initial alarm creation',
        stateUpdatedAt: ctx.now,
      };
      ctx.state.alarms = ctx.state.alarms.filter((a) => !(a.region === region && a.name === alarm.name));
      ctx.state.alarms.push(alarm);
      return {};
    }),
  };
}

const TREAT_MISSING_DATA: readonly string[] = ['missing', 'notBreaching', 'breaching', 'ignore'];
const isTreatMissingData = (value: string | undefined): value is TreatMissingData =>
  value !== undefined && TREAT_MISSING_DATA.includes(value);

function decodeToken(token: string): number {
  const match = /^alarms:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!match) throw new AwsError('InvalidNextToken', 'The service returned an invalid NextToken.');
  return Number(match[1]);
}
