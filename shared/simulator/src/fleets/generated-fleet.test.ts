import {
  DescribeDBClustersCommand,
  paginateDescribeBlueGreenDeployments,
  paginateDescribeDBClusters,
  paginateDescribeDBInstances,
  paginateDescribeEvents,
} from '@aws-sdk/client-rds';
import { startSimulator, type RunningSimulator } from '../simulator';
import { destroyClients, sdkClients, type SdkClients } from '../testing/sdk-clients';
import { generatedFleet } from './generated-fleet';

const NOW = Date.UTC(2026, 10, 24, 12);

describe('generatedFleet', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    expect(generatedFleet(120, 7, { now: NOW })).toEqual(generatedFleet(120, 7, { now: NOW }));
    expect(generatedFleet(20, 8, { now: NOW }).instances.map((i) => i.instanceClass)).not.toEqual(
      generatedFleet(20, 7, { now: NOW }).instances.map((i) => i.instanceClass),
    );
  });

  it('builds N clusters of 2–4 instances across AZs, a tier-0 writer each, and blue/green deployments on every 4th', () => {
    const state = generatedFleet(120, 1, { now: NOW });
    const blue = state.clusters.filter((c) => !c.id.includes('-green-'));
    expect(blue).toHaveLength(120);
    expect(new Set(blue.map((c) => c.id)).size).toBe(120);
    expect(blue[0].id).toBe('orders-001');
    for (const cluster of blue) {
      const instances = state.instances.filter((i) => i.clusterId === cluster.id);
      expect(instances.length).toBeGreaterThanOrEqual(2);
      expect(instances.length).toBeLessThanOrEqual(4);
      expect(new Set(instances.map((i) => i.availabilityZone)).size).toBe(Math.min(3, instances.length));
      expect(instances.find((i) => i.id === cluster.writerId)?.promotionTier).toBe(0);
    }
    expect(state.blueGreenDeployments).toHaveLength(30);
    expect(state.blueGreenDeployments.every((d) => d.status === 'AVAILABLE')).toBe(true);
    expect(generatedFleet(10, 1, { now: NOW, blueGreen: 'all' }).blueGreenDeployments).toHaveLength(10);
  });
});

describe('pagination over the 120-cluster fleet (real SDK paginators, MaxRecords 20)', () => {
  let sim: RunningSimulator;
  let aws: SdkClients;

  beforeAll(async () => {
    sim = await startSimulator({ fleet: 120, seed: 1, timeScale: 1000 });
    aws = sdkClients(sim);
  });

  afterAll(async () => {
    destroyClients(aws);
    await sim.stop();
  });

  async function collect<T>(pages: AsyncIterable<T>, items: (page: T) => string[]): Promise<{ ids: string[]; pages: number }> {
    const ids: string[] = [];
    let count = 0;
    for await (const page of pages) {
      ids.push(...items(page));
      count++;
    }
    return { ids, pages: count };
  }

  it('DescribeDBClusters returns every cluster exactly once, 20 per page', async () => {
    const { ids, pages } = await collect(paginateDescribeDBClusters({ client: aws.rds, pageSize: 20 }, {}), (p) =>
      p.DBClusters!.map((c) => c.DBClusterIdentifier!),
    );
    const expected = sim.control.saveState().clusters.map((c) => c.id);
    expect(ids).toHaveLength(150);
    expect(new Set(ids)).toEqual(new Set(expected));
    expect(pages).toBe(8);
  });

  it('DescribeDBInstances and DescribeBlueGreenDeployments page the same way', async () => {
    const state = sim.control.saveState();
    const instances = await collect(paginateDescribeDBInstances({ client: aws.rds, pageSize: 20 }, {}), (p) =>
      p.DBInstances!.map((i) => i.DBInstanceIdentifier!),
    );
    expect(instances.ids.sort()).toEqual(state.instances.map((i) => i.id).sort());
    const deployments = await collect(paginateDescribeBlueGreenDeployments({ client: aws.rds, pageSize: 20 }, {}), (p) =>
      p.BlueGreenDeployments!.map((d) => d.BlueGreenDeploymentIdentifier!),
    );
    expect(deployments.ids).toHaveLength(30);
    expect(deployments.pages).toBe(2);
  });

  it('DescribeEvents pages too', async () => {
    const events = await collect(paginateDescribeEvents({ client: aws.rds, pageSize: 20 }, { Duration: 180 }), (p) =>
      p.Events!.map((e) => `${e.SourceIdentifier}:${e.Message}`),
    );
    expect(events.ids.length).toBeGreaterThanOrEqual(30);
    expect(events.pages).toBeGreaterThan(1);
  });

  it('without MaxRecords a page holds 100 and carries a Marker', async () => {
    const first = await aws.rds.send(new DescribeDBClustersCommand({}));
    expect(first.DBClusters).toHaveLength(100);
    expect(first.Marker).toBeDefined();
    const second = await aws.rds.send(new DescribeDBClustersCommand({ Marker: first.Marker }));
    expect(second.DBClusters).toHaveLength(50);
    expect(second.Marker).toBeUndefined();
  });
});
