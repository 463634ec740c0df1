import type { CostReport } from '@switchyard/backstage-plugin-switchyard-common';
import { spendSeries } from './spend-series';

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
