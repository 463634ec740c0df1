import type { EnvironmentCost, FleetCluster } from '@switchyard/core';
import { belongsTo, productionOf } from './cost';

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
