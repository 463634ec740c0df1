/**
 * Switchovers over time (one bar per finished run, oldest first, as tall as writes were
 * unavailable) and the figures that matter: runs, success rate of the switchovers attempted, runs a
 * guard stopped (not failures: nothing switched), write downtime p50/p95, and the approval wait apart.
 */
import type { SwitchoverHistory } from '@switchyard/core';
import { CHART_H as H, CHART_PAD as PAD, CHART_W as W, ChartAxes, PLOT_H, PLOT_W } from './ChartAxes';
import { niceMax } from './chart-scale';
import { formatDate, formatDuration, formatPercent } from './format';

export interface HistoryChartProps {
  history: SwitchoverHistory;
  /** Title above the chart; defaults to `Switchover history`. */
  title?: string;
}

export function HistoryChart({ history, title = 'Switchover history' }: HistoryChartProps) {
  const points = history.points;
  const max = niceMax(Math.max(0, ...points.map((p) => p.seconds)));
  const plotW = PLOT_W;
  const plotH = PLOT_H;
  const slot = points.length > 0 ? plotW / points.length : plotW;
  const barW = Math.max(1, Math.min(24, slot * 0.7));
  const y = (s: number) => PAD.top + plotH - (s / max) * plotH;
  const failedCount = points.filter((p) => p.outcome === 'failed').length;
  const stoppedCount = points.filter((p) => p.outcome === 'stopped-by-guard' || p.outcome === 'called-off').length;
  const wait = history.approvalWaitP50Seconds;

  return (
    <section className="sy sy-history" aria-label={title} data-testid="history-chart">
      <h4 className="sy-chart__title">{title}</h4>
      <dl className="sy-figures">
        <div className="sy-figure">
          <dt>Runs</dt>
          <dd data-testid="history-count">{history.count}</dd>
        </div>
        <div className="sy-figure">
          <dt>Success rate</dt>
          <dd data-testid="history-success-rate">{formatPercent(history.successRate)}</dd>
        </div>
        <div className="sy-figure">
          <dt>Stopped by a guard</dt>
          <dd data-testid="history-stopped">{history.stoppedByGuard}</dd>
        </div>
        <div className="sy-figure">
          <dt>Writes unavailable p50</dt>
          <dd data-testid="history-p50">{history.p50Seconds === null ? 'n/a' : formatDuration(history.p50Seconds)}</dd>
        </div>
        <div className="sy-figure">
          <dt>p95</dt>
          <dd data-testid="history-p95">{history.p95Seconds === null ? 'n/a' : formatDuration(history.p95Seconds)}</dd>
        </div>
        <div className="sy-figure">
          <dt>Approval wait p50</dt>
          <dd data-testid="history-approval-wait">{wait === null ? 'n/a' : formatDuration(wait)}</dd>
        </div>
      </dl>
      {points.length === 0 ? (
        <p className="sy-muted">No finished switchovers yet.</p>
      ) : (
        <svg
          className="sy-chart"
          viewBox={`0 0 ${W} ${H}`}
          role="img"
          aria-label={`${points.length} finished runs from ${formatDate(points[0].at)} to ${formatDate(points[points.length - 1].at)}: ${points.length - failedCount - stoppedCount} succeeded, ${failedCount} failed, ${stoppedCount} stopped before switching; longest write downtime ${formatDuration(Math.max(...points.map((p) => p.seconds)))}`}
        >
          <ChartAxes maxLabel={formatDuration(max)} />
          {history.p50Seconds !== null && (
            <line className="sy-chart__p50" x1={PAD.left} y1={y(history.p50Seconds)} x2={W - PAD.right} y2={y(history.p50Seconds)} />
          )}
          {points.map((p, i) => {
            const kind = p.outcome === 'succeeded' ? 'ok' : p.outcome === 'failed' ? 'failed' : 'stopped';
            const what =
              p.switchSeconds === null
                ? `${p.outcome === 'stopped-by-guard' ? 'stopped by a guard' : p.status} before switching`
                : `${p.status}, writes unavailable ${formatDuration(p.switchSeconds)}`;
            return (
              <rect
                key={p.runId}
                className={`sy-chart__bar sy-chart__bar--${kind}`}
                data-status={kind === 'ok' ? 'succeeded' : kind}
                x={PAD.left + i * slot + (slot - barW) / 2}
                y={y(p.seconds)}
                width={barW}
                height={Math.max(1, PAD.top + plotH - y(p.seconds))}
              >
                <title>{`${p.runbook} ${p.runId}: ${what}${p.approvalWaitSeconds > 0 ? `; waited ${formatDuration(p.approvalWaitSeconds)} for approval` : ''} (${formatDate(p.at)})`}</title>
              </rect>
            );
          })}
          <text className="sy-chart__label" x={PAD.left} y={H - 6}>
            {formatDate(points[0].at)}
          </text>
          <text className="sy-chart__label" x={W - PAD.right} y={H - 6} textAnchor="end">
            {formatDate(points[points.length - 1].at)}
          </text>
        </svg>
      )}
    </section>
  );
}
