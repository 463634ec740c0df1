/** Daily spend on parallel environments, stacked by migration: a small SVG bar chart with a legend. */
import type { BilledActuals } from '@switchyard/core';
import type { CostSeries } from './api-types';
import { CHART_H as H, CHART_PAD as PAD, CHART_W as W, ChartAxes, PLOT_H, PLOT_W } from './ChartAxes';
import { niceMax } from './chart-scale';
import { formatDate, formatUsd } from './format';

export interface CostOverTimeChartProps {
  series: CostSeries[];
  title?: string;
}

/** Cost Explorer's per-migration days as chart series. */
export function actualsToSeries(actuals: BilledActuals[]): CostSeries[] {
  return actuals.map((a) => ({ migration: a.migration, points: a.days }));
}

/** Series colours come from the stylesheet (`.sy-series-0` … `-5`), cycled. */
const PALETTE_SIZE = 6;

export function CostOverTimeChart({ series, title = 'Parallel-environment spend per day' }: CostOverTimeChartProps) {
  const dates = [...new Set(series.flatMap((s) => s.points.map((p) => formatDate(p.date))))].sort();
  const byDay = (s: CostSeries, date: string) => s.points.filter((p) => formatDate(p.date) === date);
  const totals = dates.map((d) => series.reduce((t, s) => t + byDay(s, d).reduce((a, p) => a + p.usd, 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const plotW = PLOT_W;
  const plotH = PLOT_H;
  const slot = dates.length > 0 ? plotW / dates.length : plotW;
  const barW = Math.max(1, Math.min(32, slot * 0.75));
  const h = (usd: number) => (usd / max) * plotH;
  const total = totals.reduce((a, b) => a + b, 0);

  return (
    <section className="sy sy-cost-chart" aria-label={title} data-testid="cost-over-time">
      <h4 className="sy-chart__title">{title}</h4>
      {dates.length === 0 ? (
        <p className="sy-muted">No spend recorded yet.</p>
      ) : (
        <>
          <svg
            className="sy-chart"
            viewBox={`0 0 ${W} ${H}`}
            role="img"
            aria-label={`${formatUsd(total)} over ${dates.length} days from ${dates[0]} to ${dates[dates.length - 1]} across ${series.length} migration${series.length === 1 ? '' : 's'}`}
          >
            <ChartAxes maxLabel={formatUsd(max)} />
            {dates.map((date, di) => {
              let base = PAD.top + plotH;
              return series.map((s, si) =>
                byDay(s, date).map((p, pi) => {
                  const height = h(p.usd);
                  base -= height;
                  return (
                    <rect
                      key={`${si}-${date}-${pi}`}
                      className={`sy-chart__bar sy-series-${si % PALETTE_SIZE}${p.estimated ? ' sy-chart__bar--estimated' : ''}`}
                      data-migration={s.migration}
                      data-date={date}
                      x={PAD.left + di * slot + (slot - barW) / 2}
                      y={base}
                      width={barW}
                      height={height}
                    >
                      <title>{`${s.migration} ${date}: ${formatUsd(p.usd)}${p.estimated ? ' (estimated)' : ''}`}</title>
                    </rect>
                  );
                }),
              );
            })}
            <text className="sy-chart__label" x={PAD.left} y={H - 6}>
              {dates[0]}
            </text>
            <text className="sy-chart__label" x={W - PAD.right} y={H - 6} textAnchor="end">
              {dates[dates.length - 1]}
            </text>
          </svg>
          <ul className="sy-legend" aria-label="Migrations">
            {series.map((s, si) => (
              <li key={s.migration} className="sy-legend__item">
                <svg className="sy-legend__swatch" viewBox="0 0 10 10" width="10" height="10" aria-hidden="true" focusable="false">
                  <rect className={`sy-series-${si % PALETTE_SIZE}`} x="0" y="0" width="10" height="10" />
                </svg>
                {s.migration}: {formatUsd(s.points.reduce((a, p) => a + p.usd, 0))}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
