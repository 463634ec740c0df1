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

export function spendSeries(report: CostReport, now: number): SpendSeries {
  if (Array.isArray(report.actuals) && report.actuals.some((a) => a.days.length > 0)) {
    return { series: actualsToSeries(report.actuals), source: 'billed' };
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
  return { series, source: 'estimate' };
}
