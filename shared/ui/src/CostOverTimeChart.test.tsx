import { render, screen, within } from '@testing-library/react';
import { actualsToSeries, CostOverTimeChart } from './CostOverTimeChart';
import { COST_REPORT } from './test-fixtures';

describe('CostOverTimeChart', () => {
  const series = [
    {
      migration: 'pg16-upgrade',
      points: [
        { date: '2024-05-01', usd: 10 },
        { date: '2024-05-02', usd: 12 },
      ],
    },
    {
      migration: 'orders-pg16',
      points: [
        { date: '2024-05-02', usd: 6 },
        { date: '2024-05-03', usd: 6, estimated: true },
      ],
    },
  ];

  it('stacks each day’s spend by migration, with a legend of totals', () => {
    render(<CostOverTimeChart series={series} />);
    const chart = screen.getByRole('img');
    expect(chart.getAttribute('aria-label')).toBe('$34.00 over 3 days from 2024-05-01 to 2024-05-03 across 2 migrations');
    const may2 = Array.from(chart.querySelectorAll('rect[data-date="2024-05-02"]'));
    expect(may2.map((r) => r.getAttribute('data-migration'))).toEqual(['pg16-upgrade', 'orders-pg16']);
    // stacked: the second segment sits right on top of the first, same column
    const [a, b] = may2.map((r) => ({
      x: Number(r.getAttribute('x')),
      y: Number(r.getAttribute('y')),
      h: Number(r.getAttribute('height')),
    }));
    expect(b.x).toBe(a.x);
    expect(b.y + b.h).toBeCloseTo(a.y);
    expect(a.h / b.h).toBeCloseTo(2);
    expect(chart.querySelector('rect[data-date="2024-05-03"]')?.getAttribute('class')).toContain('sy-chart__bar--estimated');
    const legend = within(screen.getByRole('list', { name: 'Migrations' })).getAllByRole('listitem');
    expect(legend.map((l) => l.textContent)).toEqual(['pg16-upgrade: $22.00', 'orders-pg16: $12.00']);
  });

  it('takes Cost Explorer actuals as series', () => {
    const actuals = COST_REPORT.actuals;
    if ('error' in actuals) throw new Error('fixture has actuals');
    render(<CostOverTimeChart series={actualsToSeries(actuals)} />);
    expect(screen.getByRole('img').querySelectorAll('rect')).toHaveLength(2);
  });

  it('says when nothing was spent', () => {
    render(<CostOverTimeChart series={[]} />);
    expect(screen.getByText('No spend recorded yet.')).toBeTruthy();
  });
});
