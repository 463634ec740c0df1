/**
 * The spend-over-time chart's data: Cost Explorer's billed days when it has any; otherwise the
 * estimate spread over each environment's UTC days in proportion to the hours it ran on each.
 */
import type { CostReport } from '@switchyard/backstage-plugin-switchyard-common';
import { actualsToSeries, type CostSeries } from '@switchyard/ui';

const DAY_MS = 86_400_000;

export interface SpendSeries {
  series: CostSeries[];
  source: 'billed' | 'estimate';
}

/** A chart legend people can read: more series than this and the smallest are summed into one "other". */
export const SPEND_SERIES_SHOWN = 6;

/** The `n` series that cost most, and the rest summed per day as `other (k migrations)`. */
export function topSeries(series: CostSeries[], n: number = SPEND_SERIES_SHOWN): CostSeries[] {
  if (series.length <= n) return series;
  const total = (s: CostSeries) => s.points.reduce((sum, p) => sum + p.usd, 0);
  const ranked = [...series].sort((a, b) => total(b) - total(a));
  const rest = ranked.slice(n - 1);
  const byDate = new Map<string, { usd: number; estimated: boolean }>();
  for (const p of rest.flatMap((s) => s.points)) {
    const day = byDate.get(p.date) ?? { usd: 0, estimated: false };
    byDate.set(p.date, { usd: day.usd + p.usd, estimated: day.estimated || Boolean(p.estimated) });
  }
  const other: CostSeries = {
    migration: `other (${rest.length} migrations)`,
    points: [...byDate].sort(([a], [b]) => a.localeCompare(b)).map(([date, d]) => ({ date, usd: d.usd, estimated: d.estimated })),
  };
  return [...ranked.slice(0, n - 1), other];
}

export function spendSeries(report: CostReport, now: number): SpendSeries {
  if (Array.isArray(report.actuals) && report.actuals.some((a) => a.days.length > 0)) {
    return { series: topSeries(actualsToSeries(report.actuals)), source: 'billed' };
  }
  const byMigration = new Map<string, Map<string, number>>();
  for (const env of report.environments) {
    const from = Date.parse(env.since);
    const to = env.endedAt ? Math.min(Date.parse(env.endedAt), now) : now;
    if (!(to > from) || env.costSoFar <= 0) continue;
    const perMs = env.costSoFar / (to - from);
    const days = byMigration.get(env.migration) ?? new Map<string, number>();
    for (let start = Math.floor(from / DAY_MS) * DAY_MS; start < to; start += DAY_MS) {
      const ms = Math.min(to, start + DAY_MS) - Math.max(from, start);
      const date = new Date(start).toISOString().slice(0, 10);
      days.set(date, (days.get(date) ?? 0) + ms * perMs);
    }
    byMigration.set(env.migration, days);
  }
  const series = [...byMigration].map(([migration, days]) => ({
    migration,
    points: [...days].sort(([a], [b]) => a.localeCompare(b)).map(([date, usd]) => ({ date, usd, estimated: true })),
  }));
  return { series: topSeries(series), source: 'estimate' };
}
