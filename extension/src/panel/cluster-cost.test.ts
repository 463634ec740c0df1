import { fetchCostReport, fetchTopology, SdkAwsGateway } from '@switchyard/core';
import { startSimulator, type RunningSimulator } from '@switchyard/simulator';
import { clusterCost } from './cluster-cost';

let sim: RunningSimulator;
let aws: SdkAwsGateway;

beforeAll(async () => {
  sim = await startSimulator({ fleet: 'demo' });
  aws = new SdkAwsGateway({ region: 'us-east-1', endpoint: sim.url });
});
afterAll(async () => {
  aws.destroy();
  await sim.stop();
});

describe('clusterCost', () => {
  it('keeps the greens of prod-app’s in-flight Blue/Green deployment (in both regions), with its billed actuals, and nothing of other clusters', async () => {
    const [report, topology] = await Promise.all([fetchCostReport(aws), fetchTopology(aws, 'prod-app')]);
    const green = topology.blueGreen[0].green!.clusterId;
    const cost = clusterCost(report, 'prod-app', topology);
    // prod-app is a Global Database primary: its deployment's green has a copy of prod-app-eu (eu-west-1).
    expect(cost.environments.map((e) => `${e.kind}:${e.clusterId}`)).toEqual([
      `green:${green}`,
      `green:${green.replace('prod-app-green-', 'prod-app-eu-green-')}`,
    ]);
    expect(cost.environments[0].costSoFar).toBeGreaterThan(0);
    expect(Array.isArray(cost.actuals) && cost.actuals.map((a) => a.migration)).toEqual([topology.blueGreen[0].deployment.name]);

    const billing = clusterCost(report, 'billing-db', await fetchTopology(aws, 'billing-db'));
    expect(billing.environments).toEqual([]);
    expect(billing.actuals).toEqual([]);
  });

  it("carries only this cluster's missing figures, so the panel says 'partial: N figures missing' for what it shows", async () => {
    const [report, topology] = await Promise.all([fetchCostReport(aws), fetchTopology(aws, 'prod-app')]);
    const [green] = report.environments;
    const missing = {
      figure: 'storage' as const,
      clusterId: green.clusterId,
      region: green.region,
      migration: green.migration,
      reason: 'throttled' as const,
      detail: 'CloudWatch throttled GetMetricData through 3 tries (Rate exceeded); not estimated',
    };
    const other = { ...missing, clusterId: 'orders-007-green-x', migration: 'orders-007-upgrade' };
    const partial = {
      ...report,
      environments: [{ ...green, storage: null, missing: [missing] }, ...report.environments.slice(1)],
      missing: [missing, other],
      partial: true,
    };
    expect(clusterCost(partial, 'prod-app', topology).missing).toEqual([missing]);
    expect(clusterCost(report, 'prod-app', topology).missing).toEqual([]);
    expect(clusterCost(partial, 'billing-db', await fetchTopology(aws, 'billing-db')).missing).toEqual([]);
  });
});
