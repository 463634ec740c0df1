import type { ModelContext } from './context';
import { sample, statistic } from './metric-statistics';
import type { MetricAlarm } from './types';

function breaches(alarm: MetricAlarm, value: number): boolean {
  switch (alarm.comparison) {
    case 'GreaterThanThreshold':
      return value > alarm.threshold;
    case 'GreaterThanOrEqualToThreshold':
      return value >= alarm.threshold;
    case 'LessThanThreshold':
      return value < alarm.threshold;
    case 'LessThanOrEqualToThreshold':
      return value <= alarm.threshold;
  }
}

/**
 * Re-evaluates an alarm now over its evaluation window (period × evaluation periods, shortened by
 * the time scale like every AWS duration) and records a state change with CloudWatch's reason text.
 */
export function evaluateAlarm(ctx: ModelContext, alarm: MetricAlarm): void {
  const window = (alarm.periodSec * 1000 * alarm.evaluationPeriods) / ctx.timeScale;
  const metric = { region: alarm.region, namespace: alarm.namespace, metricName: alarm.metricName, dimensions: alarm.dimensions };
  const value = statistic(sample(ctx, metric, ctx.now - window, ctx.now), alarm.statistic);
  let state: MetricAlarm['state'];
  let reason: string;
  if (value === undefined) {
    const treat = alarm.treatMissingData ?? 'missing';
    if (treat === 'ignore') return;
    if (treat === 'missing') {
      state = 'INSUFFICIENT_DATA';
      reason = 'Insufficient Data: 1 datapoint was unknown.';
    } else {
      state = treat === 'breaching' ? 'ALARM' : 'OK';
      reason = `Threshold Crossed: no datapoints were received for 1 period and 1 missing datapoint was treated as [${treat === 'breaching' ? 'Breaching' : 'NonBreaching'}].`;
    }
  } else if (breaches(alarm, value)) {
    state = 'ALARM';
    reason = `Threshold Crossed: 1 datapoint [${round(value)}] was ${describe(alarm.comparison)} the threshold (${alarm.threshold}).`;
  } else {
    state = 'OK';
    reason = `Threshold Crossed: 1 datapoint [${round(value)}] was not ${describe(alarm.comparison)} the threshold (${alarm.threshold}).`;
  }
  if (state !== alarm.state) {
    alarm.state = state;
    alarm.stateReason = reason;
    alarm.stateUpdatedAt = ctx.now;
  }
}

function describe(comparison: MetricAlarm['comparison']): string {
  return {
    GreaterThanThreshold: 'greater than',
    GreaterThanOrEqualToThreshold: 'greater than or equal to',
    LessThanThreshold: 'less than',
    LessThanOrEqualToThreshold: 'less than or equal to',
  }[comparison];
}

function round(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}
