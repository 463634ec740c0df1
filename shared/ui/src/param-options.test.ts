import { paramOptions } from './param-options';
import type { RunbookParam } from './api-types';
import { TOPOLOGY } from './test-fixtures';

const values = (v: Record<string, string>) => v;

it('offers the readers as failover targets, not the current writer', () => {
  const target: RunbookParam = { name: 'target', type: 'rds-instance', of: 'cluster', required: false, promotes: true };
  const offered = paramOptions(target, values({ cluster: 'prod-app' }), { topology: TOPOLOGY })!.map((o) => o.value);
  expect(offered).toEqual(['prod-app-2', 'prod-app-3', 'prod-app-4']);
  expect(offered).not.toContain(TOPOLOGY.cluster.writer);
});

it('offers no green of a deployment that has not switched over, from the topology or the fleet', () => {
  const cluster: RunbookParam = { name: 'cluster', type: 'rds-cluster', required: true };
  const fleet = [
    { clusterId: 'billing', region: 'us-east-1' },
    { clusterId: 'billing-green-q', region: 'us-east-1', greenOf: 'billing' },
    { clusterId: 'prod-app-green-x1', region: 'us-east-1' },
  ];
  expect(paramOptions(cluster, {}, { topology: TOPOLOGY, clusters: fleet })!.map((o) => o.value)).toEqual(['prod-app', 'billing']);
});

it('offers the switched-over cluster and its old environment in the watch window', () => {
  const cluster: RunbookParam = { name: 'cluster', type: 'rds-cluster', required: true };
  const pair = TOPOLOGY.blueGreen[0];
  const after = {
    ...TOPOLOGY,
    blueGreen: [
      {
        ...pair,
        deployment: { ...pair.deployment, status: 'SWITCHOVER_COMPLETED', targetClusterId: 'prod-app' },
        blue: { ...pair.blue!, clusterId: 'prod-app-old1' },
        green: { ...pair.green!, clusterId: 'prod-app' },
        pageIs: 'target' as const,
        lifecycle: 'watch-window' as const,
      },
    ],
  };
  expect(paramOptions(cluster, {}, { topology: after })!.map((o) => o.value)).toEqual(['prod-app', 'prod-app-old1']);
});
