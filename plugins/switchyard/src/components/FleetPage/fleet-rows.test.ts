import type { CostReport, FleetEntity } from '@switchyard/backstage-plugin-switchyard-common';
import { costByTeam, filterRows, fleetRows } from './fleet-rows';

function entity(name: string, owner: string, extra: Partial<NonNullable<FleetEntity['cluster']>> = {}, runs = 0): FleetEntity {
  return {
    entityRef: `resource:default/${name}`,
    title: name,
    owner,
    clusterArn: `arn:aws:rds:us-east-1:123456789012:cluster:${name}`,
    cluster: {
      clusterId: name,
      arn: `arn:aws:rds:us-east-1:123456789012:cluster:${name}`,
      region: 'us-east-1',
      status: 'available',
      engine: 'aurora-postgresql',
      engineVersion: '15.4',
      instances: 3,
      writer: `${name}-0`,
      globalClusterId: null,
      blueGreen: [],
      tags: {},
      ...extra,
    },
    activeRuns: Array.from({ length: runs }, (_, i) => ({ id: `r${i}` }) as FleetEntity['activeRuns'][number]),
  };
}

function env(clusterId: string, migration: string, costSoFar: number, team = ''): CostReport['environments'][number] {
  return { clusterId, migration, costSoFar, burnPerDay: costSoFar / 2, team } as CostReport['environments'][number];
}

const entities = [
  entity('orders-10', 'group:default/payments', { engineVersion: '16.1' }, 2),
  entity('orders-9', 'group:default/analytics', {
    blueGreen: [{ id: 'bgd-1', name: 'orders-9-upgrade', status: 'AVAILABLE', stage: 'ready', target: 'x' }],
  }),
  entity('billing', 'group:default/payments', {}, 1),
];
const cost = {
  environments: [
    env('orders-9-green-abc', 'orders-9-upgrade', 40),
    env('billing-old1', 'billing-upgrade', 10),
    env('elsewhere', 'other', 5, 'ops'),
  ],
} as CostReport;

describe('fleet rows', () => {
  it('charges a green to its migration and an -oldN copy to the cluster it was', () => {
    const rows = fleetRows(entities, cost);
    expect(rows.map((r) => [r.title, r.parallelCostUsd])).toEqual([
      ['orders-10', 0],
      ['orders-9', 40],
      ['billing', 10],
    ]);
    expect(rows[1].blueGreen).toEqual([{ name: 'orders-9-upgrade', stage: 'ready' }]);
  });

  it('filters on any visible column', () => {
    const rows = fleetRows(entities, cost);
    expect(filterRows(rows, 'READY').map((r) => r.title)).toEqual(['orders-9']);
    expect(filterRows(rows, '16.1').map((r) => r.title)).toEqual(['orders-10']);
    expect(filterRows(rows, '  ')).toHaveLength(3);
  });

  it('rolls cost up by the catalog owner of the database, else the environment team', () => {
    expect(costByTeam(entities, cost)).toEqual([
      { team: 'group:default/analytics', environments: 1, costSoFar: 40, burnPerDay: 20 },
      { team: 'group:default/payments', environments: 1, costSoFar: 10, burnPerDay: 5 },
      { team: 'ops', environments: 1, costSoFar: 5, burnPerDay: 2.5 },
    ]);
  });
});
