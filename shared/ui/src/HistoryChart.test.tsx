import { render, screen } from '@testing-library/react';
import type { SwitchoverHistory } from '@switchyard/core';
import { HistoryChart } from './HistoryChart';

const HISTORY: SwitchoverHistory = {
  count: 3,
  succeeded: 2,
  failed: 1,
  successRate: 2 / 3,
  p50Seconds: 95,
  p95Seconds: 610,
  points: [
    { at: '2024-04-01T10:00:00.000Z', seconds: 80, status: 'succeeded', runbook: 'failover.md', runId: 'r1' },
    { at: '2024-04-09T10:00:00.000Z', seconds: 640, status: 'failed', runbook: 'failover.md', runId: 'r2' },
    { at: '2024-04-20T10:00:00.000Z', seconds: 95, status: 'succeeded', runbook: 'global-switchover.md', runId: 'r3' },
  ],
};

describe('HistoryChart', () => {
  it('shows count, success rate, p50 and p95', () => {
    render(<HistoryChart history={HISTORY} />);
    expect(screen.getByTestId('history-count').textContent).toBe('3');
    expect(screen.getByTestId('history-success-rate').textContent).toBe('66.7%');
    expect(screen.getByTestId('history-p50').textContent).toBe('1m 35s');
    expect(screen.getByTestId('history-p95').textContent).toBe('10m 10s');
  });

  it('draws one bar per run, oldest first, coloured by outcome and scaled by duration', () => {
    render(<HistoryChart history={HISTORY} />);
    const chart = screen.getByRole('img');
    expect(chart.getAttribute('aria-label')).toBe('3 finished runs from 2024-04-01 to 2024-04-20: 2 succeeded, 1 did not; longest 10m 40s');
    const bars = Array.from(chart.querySelectorAll('rect'));
    expect(bars.map((b) => b.getAttribute('data-status'))).toEqual(['succeeded', 'failed', 'succeeded']);
    expect(bars[1].getAttribute('class')).toContain('sy-chart__bar--failed');
    const heights = bars.map((b) => Number(b.getAttribute('height')));
    expect(heights[1]).toBeGreaterThan(heights[2]);
    expect(heights[2]).toBeGreaterThan(heights[0]);
    const xs = bars.map((b) => Number(b.getAttribute('x')));
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    expect(bars[1].querySelector('title')?.textContent).toBe('failover.md r2: failed in 10m 40s (2024-04-09)');
  });

  it('says when there is no history', () => {
    render(
      <HistoryChart history={{ count: 0, succeeded: 0, failed: 0, successRate: null, p50Seconds: null, p95Seconds: null, points: [] }} />,
    );
    expect(screen.getByTestId('history-success-rate').textContent).toBe('n/a');
    expect(screen.getByText('No finished switchovers yet.')).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
  });
});
