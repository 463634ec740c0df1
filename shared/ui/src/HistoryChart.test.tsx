import { render, screen } from '@testing-library/react';
import type { SwitchoverHistory } from '@switchyard/core';
import { HistoryChart } from './HistoryChart';

type Point = SwitchoverHistory['points'][number];
const point = (runId: string, at: string, seconds: number, status: string, outcome: Point['outcome'], wait = 0): Point => ({
  at,
  seconds,
  status,
  outcome,
  switchSeconds: outcome === 'succeeded' || outcome === 'failed' ? seconds : null,
  approvalWaitSeconds: wait,
  totalSeconds: seconds + wait,
  runbook: runId === 'r3' ? 'global-switchover.md' : 'failover.md',
  runId,
});

const HISTORY: SwitchoverHistory = {
  count: 4,
  succeeded: 2,
  failed: 1,
  stoppedByGuard: 1,
  calledOff: 0,
  successRate: 2 / 3,
  p50Seconds: 95,
  p95Seconds: 610,
  approvalWaitP50Seconds: 396,
  approvalWaitP95Seconds: 396,
  points: [
    point('r1', '2024-04-01T10:00:00.000Z', 80, 'succeeded', 'succeeded', 396),
    point('r2', '2024-04-09T10:00:00.000Z', 640, 'failed', 'failed'),
    point('r4', '2024-04-15T10:00:00.000Z', 0, 'failed', 'stopped-by-guard'),
    point('r3', '2024-04-20T10:00:00.000Z', 95, 'succeeded', 'succeeded'),
  ],
};

describe('HistoryChart', () => {
  it('shows count, success rate, runs a guard stopped, write downtime p50 and p95, and the approval wait apart', () => {
    render(<HistoryChart history={HISTORY} />);
    expect(screen.getByTestId('history-count').textContent).toBe('4');
    expect(screen.getByTestId('history-stopped').textContent).toBe('1');
    expect(screen.getByTestId('history-approval-wait').textContent).toBe('6m 36s');
    expect(screen.getByTestId('history-success-rate').textContent).toBe('66.7%');
    expect(screen.getByTestId('history-p50').textContent).toBe('1m 35s');
    expect(screen.getByTestId('history-p95').textContent).toBe('10m 10s');
  });

  it('draws one bar per run, oldest first, coloured by outcome and scaled by duration', () => {
    render(<HistoryChart history={HISTORY} />);
    const chart = screen.getByRole('img');
    expect(chart.getAttribute('aria-label')).toBe(
      '4 finished runs from 2024-04-01 to 2024-04-20: 2 succeeded, 1 failed, 1 stopped before switching; longest write downtime 10m 40s',
    );
    const bars = Array.from(chart.querySelectorAll('rect'));
    expect(bars.map((b) => b.getAttribute('data-status'))).toEqual(['succeeded', 'failed', 'stopped', 'succeeded']);
    expect(bars[1].getAttribute('class')).toContain('sy-chart__bar--failed');
    expect(bars[2].getAttribute('class')).toContain('sy-chart__bar--stopped');
    const heights = bars.map((b) => Number(b.getAttribute('height')));
    expect(heights[1]).toBeGreaterThan(heights[3]);
    expect(heights[3]).toBeGreaterThan(heights[0]);
    const xs = bars.map((b) => Number(b.getAttribute('x')));
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    expect(bars[1].querySelector('title')?.textContent).toBe('failover.md r2: failed, writes unavailable 10m 40s (2024-04-09)');
    expect(bars[0].querySelector('title')?.textContent).toBe(
      'failover.md r1: succeeded, writes unavailable 1m 20s; waited 6m 36s for approval (2024-04-01)',
    );
    expect(bars[2].querySelector('title')?.textContent).toBe('failover.md r4: stopped by a guard before switching (2024-04-15)');
  });

  it('says when there is no history', () => {
    render(
      <HistoryChart
        history={{
          count: 0,
          succeeded: 0,
          failed: 0,
          stoppedByGuard: 0,
          calledOff: 0,
          successRate: null,
          p50Seconds: null,
          p95Seconds: null,
          approvalWaitP50Seconds: null,
          approvalWaitP95Seconds: null,
          points: [],
        }}
      />,
    );
    expect(screen.getByTestId('history-success-rate').textContent).toBe('n/a');
    expect(screen.getByText('No finished switchovers yet.')).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
  });
});
