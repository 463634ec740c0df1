import { paginateDescribeDBClusters } from '@aws-sdk/client-rds';
import { startSimulator } from '../simulator';
import { destroyClients, sdkClients } from '../testing/sdk-clients';
import { demoFleet } from './demo-fleet';
import { generatedFleet } from './generated-fleet';

const NOW = Date.UTC(2026, 10, 24, 12);
const unique = (values: string[]) => new Set(values).size === values.length;

describe('demoFleet with extraClusters', () => {
  it('holds the demo account and the generated clusters, every identifier unique', () => {
    const demo = demoFleet({ now: NOW });
    const merged = demoFleet({ now: NOW, extraClusters: 120 });
    const generated = generatedFleet(120, 1, { now: NOW });

    const ids = merged.clusters.map((c) => `${c.region}:${c.id}`);
    expect(ids).toEqual(expect.arrayContaining(demo.clusters.map((c) => `${c.region}:${c.id}`)));
    expect(ids).toEqual(expect.arrayContaining(['us-east-1:orders-001', 'us-east-1:auth-120']));
    expect(merged.clusters.filter((c) => !c.id.includes('-green-'))).toHaveLength(
      demo.clusters.filter((c) => !c.id.includes('-green-')).length + 120,
    );
    expect(merged.blueGreenDeployments).toHaveLength(demo.blueGreenDeployments.length + generated.blueGreenDeployments.length);
    expect(unique(ids)).toBe(true);
    expect(unique(merged.clusters.map((c) => c.resourceId))).toBe(true);
    expect(unique(merged.instances.map((i) => i.resourceId))).toBe(true);
    expect(unique(merged.blueGreenDeployments.map((d) => d.id))).toBe(true);
    // The generated clusters keep the names, sizes and team tags generatedFleet gives them.
    const orders = merged.clusters.find((c) => c.id === 'orders-001')!;
    expect(orders.tags).toEqual(generated.clusters.find((c) => c.id === 'orders-001')!.tags);
    expect(merged.instances.filter((i) => i.clusterId === 'orders-001')).toHaveLength(
      generated.instances.filter((i) => i.clusterId === 'orders-001').length,
    );
  });

  it('startSimulator({ fleet: demo, extraClusters }) serves both through the RDS API', async () => {
    const sim = await startSimulator({ fleet: 'demo', extraClusters: 12, timeScale: 100 });
    const aws = sdkClients(sim);
    try {
      const ids: string[] = [];
      for await (const page of paginateDescribeDBClusters({ client: aws.rds, pageSize: 20 }, {})) {
        ids.push(...page.DBClusters!.map((c) => c.DBClusterIdentifier!));
      }
      expect(ids).toEqual(expect.arrayContaining(['prod-app', 'billing-db', 'analytics-db', 'orders-001', 'carts-012']));
      expect(ids.filter((id) => !id.includes('-green-'))).toHaveLength(3 + 12);
    } finally {
      destroyClients(aws);
      await sim.stop();
    }
  });
});
