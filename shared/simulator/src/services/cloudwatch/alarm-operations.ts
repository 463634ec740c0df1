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
      checkPutMetricAlarm(input);
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

const TREAT_MISSING_DATA: readonly string[] = ['breaching', 'notBreaching', 'ignore', 'missing'];

/**
 * The values PutMetricAlarm accepts for its enumerated members. Statistic, ComparisonOperator and
 * Unit are enums in the service model (botocore `cloudwatch/2010-08-01/service-2.json`, shapes
 * `Statistic`, `ComparisonOperator`, `StandardUnit`); TreatMissingData and
 * EvaluateLowSampleCountPercentile are strings there whose valid values the API reference lists
 * (PutMetricAlarm: "Valid Values: breaching | notBreaching | ignore | missing", and
 * "evaluate | ignore"). The SDKs and the AWS CLI send any string: the service refuses it.
 */
const PUT_METRIC_ALARM_ENUMS: ReadonlyArray<[keyof PutMetricAlarmInput, string, readonly string[]]> = [
  ['Statistic', 'statistic', ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum']],
  [
    'ComparisonOperator',
    'comparisonOperator',
    [
      'GreaterThanOrEqualToThreshold',
      'GreaterThanThreshold',
      'LessThanThreshold',
      'LessThanOrEqualToThreshold',
      'LessThanLowerOrGreaterThanUpperThreshold',
      'LessThanLowerThreshold',
      'GreaterThanUpperThreshold',
    ],
  ],
  [
    'Unit',
    'unit',
    [
      'Seconds',
      'Microseconds',
      'Milliseconds',
      'Bytes',
      'Kilobytes',
      'Megabytes',
      'Gigabytes',
      'Terabytes',
      'Bits',
      'Kilobits',
      'Megabits',
      'Gigabits',
      'Terabits',
      'Percent',
      'Count',
      'Bytes/Second',
      'Kilobytes/Second',
      'Megabytes/Second',
      'Gigabytes/Second',
      'Terabytes/Second',
      'Bits/Second',
      'Kilobits/Second',
      'Megabits/Second',
      'Gigabits/Second',
      'Terabits/Second',
      'Count/Second',
      'None',
    ],
  ],
  ['TreatMissingData', 'treatMissingData', TREAT_MISSING_DATA],
  ['EvaluateLowSampleCountPercentile', 'evaluateLowSampleCountPercentile', ['evaluate', 'ignore']],
];

/**
 * Refuses a PutMetricAlarm whose enumerated members hold another value, all of them in one
 * ValidationError as AWS's request validation words it ("1 validation error detected: Value 'x' at
 * 'treatMissingData' failed to satisfy constraint: Member must satisfy enum value set: [...]").
 */
export function checkPutMetricAlarm(input: PutMetricAlarmInput): void {
  const problems = PUT_METRIC_ALARM_ENUMS.flatMap(([member, wire, values]) => {
    const value = input[member];
    if (value === undefined || (typeof value === 'string' && values.includes(value))) return [];
    return [
      `Value '${String(value)}' at '${wire}' failed to satisfy constraint: Member must satisfy enum value set: [${values.join(', ')}]`,
    ];
  });
  if (problems.length === 0) return;
  const count = `${problems.length} validation error${problems.length > 1 ? 's' : ''} detected`;
  throw new AwsError('ValidationError', `${count}: ${problems.join('; ')}`);
}
const isTreatMissingData = (value: string | undefined): value is TreatMissingData =>
  value !== undefined && TREAT_MISSING_DATA.includes(value);

function decodeToken(token: string): number {
  const match = /^alarms:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!match) throw new AwsError('InvalidNextToken', 'The service returned an invalid NextToken.');
  return Number(match[1]);
}
