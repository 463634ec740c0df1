import { productionClusters, type FleetCluster } from '@switchyard/core';
import { DEMO_GROUPS, demoPeopleEntities } from './demo-people';
import { clusterEntity } from './simulator-entities';

const cluster = (id: string, tags: Record<string, string>, extra: Partial<FleetCluster> = {}): FleetCluster => ({
  clusterId: id,
  arn: `arn:aws:rds:us-east-1:123456789012:cluster:${id}`,
  region: 'us-east-1',
  status: 'available',
  engine: 'aurora-postgresql',
  engineVersion: '15.4',
  instances: 3,
  writer: `${id}-0`,
  globalClusterId: null,
  blueGreen: [],
  tags,
  ...extra,
});

it('publishes a database Resource per cluster, owned by the group its team tag maps to, else platform', () => {
  const prod = clusterEntity(
    cluster('prod-app', { team: 'checkout', env: 'prod' }, { globalClusterId: 'prod-app-global' }),
    'switchyard-simulator:x',
  );
  expect(prod).toMatchObject({
    kind: 'Resource',
    metadata: {
      name: 'prod-app',
      annotations: {
        'aws.amazon.com/rds-cluster-arn': 'arn:aws:rds:us-east-1:123456789012:cluster:prod-app',
        'aws.amazon.com/rds-global-cluster-id': 'prod-app-global',
      },
      tags: ['aurora-postgresql', 'us-east-1'],
      labels: { env: 'prod' },
    },
    spec: { type: 'database', owner: 'group:default/payments' },
  });
  expect(clusterEntity(cluster('analytics-db', { team: 'data' }), 'l').spec?.owner).toBe('group:default/analytics');
  expect(clusterEntity(cluster('orders-002', { team: 'growth' }), 'l').spec?.owner).toBe('group:default/platform');
  expect(clusterEntity(cluster('untagged', {}), 'l').metadata.annotations).not.toHaveProperty('aws.amazon.com/rds-global-cluster-id');
});

it("leaves Blue/Green greens and old environments out: they show on the production name's page", () => {
  const clusters = [
    cluster('prod-app', {}),
    cluster('prod-app-green-abc', {}, { greenOf: 'prod-app' }),
    cluster('billing-db-old1', {}, { oldEnvironmentOf: 'billing-db' }),
    cluster('billing-db', {}),
  ];
  expect(productionClusters(clusters).map((c) => c.clusterId)).toEqual(['prod-app', 'billing-db']);
});

it('publishes the demo users in their groups; guest, who anyone is when not signed in, is in none', () => {
  const entities = demoPeopleEntities('switchyard-simulator:x');
  const user = (name: string) => entities.find((e) => e.kind === 'User' && e.metadata.name === name);
  expect(user('alice')?.spec?.memberOf).toEqual(['payments']);
  expect(user('bob')?.spec?.memberOf).toEqual(['payments']);
  expect(user('carol')?.spec?.memberOf).toEqual(['analytics']);
  expect(user('guest')?.spec?.memberOf).toEqual([]);
  // Nor is guest any group's member another way (the test backends derive memberships from DEMO_GROUPS).
  expect(DEMO_GROUPS.filter((g) => g.members.includes('guest'))).toEqual([]);
  expect(entities.filter((e) => e.kind === 'Group').map((e) => e.metadata.name)).toEqual(['payments', 'analytics', 'platform']);
});
