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

function env(clusterId: string, migration: string, costSoFar: number, team = '', region?: string): CostReport['environments'][number] {
  return { clusterId, migration, costSoFar, burnPerDay: costSoFar / 2, team, region } as CostReport['environments'][number];
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

  it("counts each database's missing figures, so its cost reads as a lower bound; an older report without `missing` counts none", () => {
    const throttled = { figure: 'io', reason: 'throttled', region: 'us-east-1', detail: 'Rate exceeded' } as const;
    const partial = {
      environments: [
        {
          ...env('orders-9-green-abc', 'orders-9-upgrade', 40),
          missing: [{ ...throttled, clusterId: 'orders-9-green-abc', migration: 'orders-9-upgrade' }],
        },
        // Nothing priced yet, but a figure is missing: the row must not read "—".
        {
          ...env('billing-old1', 'billing-upgrade', 0),
          missing: [{ ...throttled, clusterId: 'billing-old1', migration: 'billing-upgrade' }],
        },
      ],
    } as CostReport;
    expect(fleetRows(entities, partial).map((r) => [r.title, r.parallelCostMissing])).toEqual([
      ['orders-10', 0],
      ['orders-9', 1],
      ['billing', 1],
    ]);
    expect(fleetRows(entities, cost).map((r) => r.parallelCostMissing)).toEqual([0, 0, 0]);
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

  it('charges each member of a Global Database migration its own environments, though they share the deployment name', () => {
    const bg = (id: string) => [{ id, name: 'prod-global-upgrade', status: 'AVAILABLE', stage: 'ready', target: 'x' }];
    const global = [
      entity('prod-app', 'group:default/payments', { globalClusterId: 'prod-global', blueGreen: bg('bgd-us') }),
      entity('prod-app-eu', 'group:default/payments-eu', { region: 'eu-west-1', globalClusterId: 'prod-global', blueGreen: bg('bgd-eu') }),
    ];
    const report = {
      environments: [
        env('prod-app-green-abc123', 'prod-global-upgrade', 30, '', 'us-east-1'),
        env('prod-app-eu-green-def456', 'prod-global-upgrade', 12, '', 'eu-west-1'),
      ],
    } as CostReport;
    expect(fleetRows(global, report).map((r) => [r.title, r.parallelCostUsd])).toEqual([
      ['prod-app', 30],
      ['prod-app-eu', 12],
    ]);
    expect(costByTeam(global, report).map((t) => [t.team, t.costSoFar])).toEqual([
      ['group:default/payments', 30],
      ['group:default/payments-eu', 12],
    ]);
    // After the switchover: the old environments, by the names RDS gave them.
    const after = { environments: [env('prod-app-eu-old1', 'prod-global-upgrade', 7, '', 'eu-west-1')] } as CostReport;
    expect(fleetRows(global, after).map((r) => r.parallelCostUsd)).toEqual([0, 7]);
  });

  it('tells apart clusters of the same name in two regions by the environment region', () => {
    const twins = [
      { ...entity('orders', 'group:default/b', { region: 'eu-west-1' }), entityRef: 'resource:default/orders-eu' },
      entity('orders', 'group:default/a'),
    ];
    const report = { environments: [env('orders-old1', 'orders-upgrade', 9, '', 'eu-west-1')] } as CostReport;
    expect(fleetRows(twins, report).map((r) => r.parallelCostUsd)).toEqual([9, 0]);
  });
});
