import { variableReferences } from '../cel';
import type { MetricView } from './views';

/**
 * A guard read a metric that has no datapoints in its window. Nothing was measured, so the guard
 * cannot hold: "no data" must not read as "no lag" (`lag.max == null || …` would pass on a metric
 * that was never published), nor as a CEL error about `null` (`lag.max < 1000` on no data).
 */
export class NoDatapointsError extends Error {
  constructor(
    readonly metric: string,
    readonly dimensions: Record<string, string>,
    readonly windowSeconds: number,
  ) {
    super(`no datapoints for ${metric} ${describeDimensions(dimensions)} in the last ${describeWindow(windowSeconds)}`);
    this.name = 'NoDatapointsError';
  }
}

/** The first metric the expression reads that has no datapoints, as an error to report; undefined when every one has data. */
export function noDatapointsIn(expr: string, scope: Record<string, unknown>): NoDatapointsError | undefined {
  for (const name of variableReferences(expr)) {
    const value = scope[name];
    if (isMetricView(value) && value.count === 0) return new NoDatapointsError(value.name, value.dimensions, value.windowSeconds);
  }
  return undefined;
}

function isMetricView(value: unknown): value is MetricView {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<MetricView>;
  return typeof v.name === 'string' && typeof v.count === 'number' && Array.isArray(v.values) && typeof v.windowSeconds === 'number';
}

function describeDimensions(dimensions: Record<string, string>): string {
  const pairs = Object.entries(dimensions).map(([name, value]) => `${name}=${value}`);
  return pairs.length ? `{${pairs.join(', ')}}` : '(no dimensions)';
}

/** 120 → `2m`, 90 → `90s`, 3600 → `1h`: as a runbook writes a window. */
export function describeWindow(seconds: number): string {
  if (seconds >= 3600 && seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds >= 60 && seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}
