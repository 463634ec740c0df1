import type { CostReport, EnvironmentCost, FleetCluster, MissingFigure } from '@switchyard/core';
import { belongsTo, combine, productionOf } from './cost';

const env = (clusterId: string, kind: EnvironmentCost['kind']) => ({ clusterId, kind, region: 'us-east-1' }) as EnvironmentCost;
const cluster = (clusterId: string, extra: Partial<FleetCluster> = {}) =>
  [`us-east-1:${clusterId}`, { clusterId, region: 'us-east-1', tags: {}, blueGreen: [], ...extra } as unknown as FleetCluster] as const;
const clusters = new Map([
  cluster('prod-app'),
  cluster('prod-app-old1', { oldEnvironmentOf: 'prod-app' }),
  cluster('billing-db'),
  cluster('billing-db-green-x', { greenOf: 'billing-db' }),
]);
const place = (clusterId: string) => ({ region: 'us-east-1', clusterId });

it("puts an old environment on its production name's cost card, and on its own page too (never $0.00 there)", () => {
  const old = env('prod-app-old1', 'old-blue');
  expect(productionOf(old, clusters)).toBe('us-east-1:prod-app');
  expect(belongsTo(old, place('prod-app'), clusters)).toBe(true);
  expect(belongsTo(old, place('prod-app-old1'), clusters)).toBe(true);
  expect(belongsTo(old, place('billing-db'), clusters)).toBe(false);
});

it("puts a green on its blue's card only", () => {
  const green = env('billing-db-green-x', 'green');
  expect(belongsTo(green, place('billing-db'), clusters)).toBe(true);
  expect(belongsTo(green, place('prod-app'), clusters)).toBe(false);
});

it("a database's report is partial for its own environments' missing figures only, and a fleet report for all", () => {
  const missing = (clusterId: string): MissingFigure => ({
    figure: 'io',
    clusterId,
    region: 'us-east-1',
    migration: `${clusterId}-m`,
    reason: 'throttled',
    detail: 'CloudWatch throttled GetMetricData through 3 tries (Rate exceeded); not estimated',
  });
  const withMissing = (clusterId: string, m: MissingFigure[]) =>
    ({
      ...env(clusterId, 'green'),
      migration: `${clusterId}-m`,
      costSoFar: 1,
      burnPerHour: 0,
      burnPerDay: 0,
      missing: m,
    }) as EnvironmentCost;
  const a = withMissing('billing-db-green-x', [missing('billing-db-green-x')]);
  const b = withMissing('orders-green-y', []);
  const report = {
    region: 'us-east-1',
    environments: [a, b],
    actuals: [],
    findings: [],
    priceSources: [],
    priceNotes: [],
  } as unknown as CostReport;
  expect(combine([report], [a, b])).toMatchObject({ partial: true, missing: [missing('billing-db-green-x')] });
  expect(combine([report], [b])).toMatchObject({ partial: false, missing: [] });
});
