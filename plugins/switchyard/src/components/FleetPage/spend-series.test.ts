import type { CostReport } from '@switchyard/backstage-plugin-switchyard-common';
import { spendSeries, topSeries } from './spend-series';

const env = (migration: string, since: string, endedAt: string | null, costSoFar: number) =>
  ({ migration, since, endedAt, costSoFar }) as CostReport['environments'][number];

describe('spendSeries', () => {
  const now = Date.parse('2026-03-03T12:00:00Z');

  it("spreads each environment's estimate over the UTC days in proportion to the hours it ran", () => {
    const report = {
      actuals: { error: 'Cost Explorer is not enabled' },
      environments: [env('m1', '2026-03-01T18:00:00Z', null, 42), env('m2', '2026-03-02T00:00:00Z', '2026-03-02T12:00:00Z', 10)],
    } as unknown as CostReport;
    // m1 runs 6 h on the 1st, 24 h on the 2nd, 12 h on the 3rd: 42 h at $1/h.
    expect(spendSeries(report, now)).toEqual({
      source: 'estimate',
      series: [
        {
          migration: 'm1',
          points: [
            { date: '2026-03-01', usd: 6, estimated: true },
            { date: '2026-03-02', usd: 24, estimated: true },
            { date: '2026-03-03', usd: 12, estimated: true },
          ],
        },
        { migration: 'm2', points: [{ date: '2026-03-02', usd: 10, estimated: true }] },
      ],
    });
  });

  it("uses Cost Explorer's days when it billed any", () => {
    const report = {
      actuals: [
        { migration: 'm1', totalUsd: 3, days: [{ date: '2026-03-01', usd: 3, estimated: false }], through: '2026-03-02', note: '' },
      ],
      environments: [env('m1', '2026-03-01T18:00:00Z', null, 42)],
    } as unknown as CostReport;
    expect(spendSeries(report, now)).toEqual({
      source: 'billed',
      series: [{ migration: 'm1', points: [{ date: '2026-03-01', usd: 3, estimated: false }] }],
    });
  });
});

describe('topSeries', () => {
  const s = (migration: string, usd: number, date = '2026-03-01') => ({ migration, points: [{ date, usd }] });

  it('keeps a short legend as it is', () => {
    const few = [s('a', 1), s('b', 2)];
    expect(topSeries(few, 6)).toBe(few);
  });

  it('keeps the costliest and sums the rest per day into one "other"', () => {
    const many = Array.from({ length: 31 }, (_, i) => s(`m${i}`, i + 1, i % 2 ? '2026-03-01' : '2026-03-02'));
    const shown = topSeries(many, 6);
    expect(shown.map((x) => x.migration)).toEqual(['m30', 'm29', 'm28', 'm27', 'm26', 'other (26 migrations)']);
    const other = shown[5].points;
    // m0..m25 cost 1..26: odd indexes on the 1st, even on the 2nd.
    expect(other).toEqual([
      { date: '2026-03-01', usd: [2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26].reduce((a, b) => a + b), estimated: false },
      { date: '2026-03-02', usd: [1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25].reduce((a, b) => a + b), estimated: false },
    ]);
    // Nothing is lost: the chart's total is the fleet's.
    const sum = (xs: typeof many) => xs.flatMap((x) => x.points).reduce((a, p) => a + p.usd, 0);
    expect(sum(shown)).toBe(sum(many));
  });
});
