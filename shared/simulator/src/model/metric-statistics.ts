import type { ModelContext } from './context';
import { INTERVAL_COUNT_METRICS, metricValue, metricValues, type MetricId } from './metric-series';
import { IO_INTERVAL_MS } from './volume';

export interface Datapoint {
  timestamp: number;
  samples: number[];
}

const SAMPLES_PER_PERIOD = 20;

/**
 * Samples a series over [from, to] (never past now): evenly spaced, plus the instant `to` itself;
 * a series aggregated over a cluster's instances gives each instance's datapoint at each instant.
 */
export function sample(ctx: ModelContext, metric: MetricId, from: number, to: number): number[] {
  const end = Math.min(to, ctx.now);
  if (end < from) return [];
  if (INTERVAL_COUNT_METRICS.has(metric.metricName)) return intervalCounts(ctx, metric, from, end);
  const values: number[] = [];
  const step = Math.max(1, (end - from) / SAMPLES_PER_PERIOD);
  for (let at = from; at < end; at += step) {
    values.push(...metricValues(ctx, metric, at));
  }
  values.push(...metricValues(ctx, metric, end));
  return values;
}

/** One count per 5-minute interval that starts in [from, end) and has ended by `end`. */
function intervalCounts(ctx: ModelContext, metric: MetricId, from: number, end: number): number[] {
  const values: number[] = [];
  for (let t = Math.ceil(from / IO_INTERVAL_MS) * IO_INTERVAL_MS; t + IO_INTERVAL_MS <= end; t += IO_INTERVAL_MS) {
    const v = metricValue(ctx, metric, t);
    if (v !== undefined) values.push(v);
  }
  return values;
}

/** Datapoints of a series aligned to `periodSec` (CloudWatch's timestamps are period starts). */
export function datapoints(ctx: ModelContext, metric: MetricId, start: number, end: number, periodSec: number): Datapoint[] {
  const period = periodSec * 1000;
  const out: Datapoint[] = [];
  for (let t = Math.floor(start / period) * period; t < end && t <= ctx.now; t += period) {
    const samples = sample(ctx, metric, Math.max(t, start), Math.min(t + period, end));
    if (samples.length > 0) out.push({ timestamp: t, samples });
  }
  return out;
}

/** A CloudWatch statistic over samples: Average, Maximum, Minimum, Sum, SampleCount or pNN. */
export function statistic(samples: number[], stat: string): number | undefined {
  if (samples.length === 0) return undefined;
  switch (stat) {
    case 'Average':
      return samples.reduce((a, b) => a + b, 0) / samples.length;
    case 'Maximum':
      return Math.max(...samples);
    case 'Minimum':
      return Math.min(...samples);
    case 'Sum':
      return samples.reduce((a, b) => a + b, 0);
    case 'SampleCount':
      return samples.length;
  }
  const percentile = /^p(\d+(\.\d+)?)$/.exec(stat);
  if (percentile) {
    const sorted = [...samples].sort((a, b) => a - b);
    const rank = Math.min(sorted.length - 1, Math.ceil((Number(percentile[1]) / 100) * sorted.length) - 1);
    return sorted[Math.max(0, rank)];
  }
  return undefined;
}
