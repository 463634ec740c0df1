/** Topology, lint and fleet read from the simulator's demo and generated fleets through the real SDK. */
import { fetchFleet, fetchTopology, SdkAwsGateway } from '@switchyard/core';
import { startSimulator } from '@switchyard/simulator';
import { cli } from './support/cli';

describe('demo fleet', () => {
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  let aws: SdkAwsGateway;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, fleet: 'demo', timeScale: 100 });
    aws = new SdkAwsGateway({ region: 'us-east-1', endpoint: sim.url });
  });
  afterAll(async () => {
    aws.destroy();
    await sim.stop();
  });

  it('prod-app: writer, readers by AZ, lag, its Global Database, its blue/green pair and what the lint finds', async () => {
    sim.control.clearRequests();
    const t = await fetchTopology(aws, 'prod-app');

    expect(t.instances.map((i) => [i.role, i.id, i.az, i.tier])).toEqual([
      ['writer', 'prod-app-0', 'us-east-1a', 0],
      ['reader', 'prod-app-1', 'us-east-1b', 1],
      ['reader', 'prod-app-2', 'us-east-1c', 1],
      ['reader', 'prod-app-analytics', 'us-east-1a', 15],
    ]);
    expect(t.azs).toEqual([
      { az: 'us-east-1a', instances: ['prod-app-analytics'] },
      { az: 'us-east-1b', instances: ['prod-app-1'] },
      { az: 'us-east-1c', instances: ['prod-app-2'] },
    ]);
    expect(t.instances[0].replicaLagMs).toBeNull();
    for (const reader of t.instances.slice(1)) expect(reader.replicaLagMs).toEqual(expect.any(Number));

    expect(t.global).toMatchObject({ id: 'prod-app-global', status: 'available' });
    expect(t.global!.regions.map((r) => [r.region, r.clusterId, r.isPrimary, r.readers])).toEqual([
      ['us-east-1', 'prod-app', true, 3],
      ['eu-west-1', 'prod-app-eu', false, 1],
    ]);
    expect(t.global!.regions[1].replicationLagMs).toBeGreaterThan(0);

    expect(t.blueGreen).toHaveLength(1);
    const [pair] = t.blueGreen;
    expect(pair.deployment.name).toBe('prod-app-pg16-upgrade');
    expect(pair.stage).toBe('ready');
    expect(pair.blue).toEqual({
      clusterId: 'prod-app',
      engineVersion: '15.4',
      instances: 4,
      classes: ['db.r6g.large', 'db.r6g.xlarge'],
      decommissionBy: null,
    });
    expect(pair.green).toMatchObject({ engineVersion: '16.4', instances: 4 });
    expect(pair.green!.clusterId).toMatch(/^prod-app-green-/);

    // The demo's green group raises work_mem; prod-app-eu uses the same parameters as prod-app.
    expect(t.findings.map((f) => f.code)).toEqual(['parameter-group-drift', 'deletion-protection-off']);
    expect(t.findings[0].message).toMatch(/prod-app-pg15 differs from prod-app-pg16 .* in work_mem;/);
    expect(t.warnings).toEqual([]);

    // Replica lag of every reader in one CloudWatch read, the global lag in one read in its region.
    const metricReads = sim.control.requests().filter((r) => r.operation === 'GetMetricData');
    expect(metricReads.map((r) => r.region).sort()).toEqual(['eu-west-1', 'us-east-1']);
  });

  it('fetchFleet over both regions: the Global Database green in eu-west-1 is a green of prod-app-eu', async () => {
    const fleet = await fetchFleet(aws, { regions: ['us-east-1', 'eu-west-1'] });
    const eu = fleet.clusters.filter((c) => c.region === 'eu-west-1');
    expect(eu.map((c) => [c.clusterId.replace(/-green-\w+$/, '-green-…'), c.greenOf ?? null])).toEqual([
      ['prod-app-eu', null],
      ['prod-app-eu-green-…', 'prod-app-eu'],
    ]);
    expect(fleet.clusters.find((c) => c.clusterId.startsWith('prod-app-green-'))?.greenOf).toBe('prod-app');
  });

  it('a secondary region that is down is a warning, not a failure; the CLI prints it with the findings', async () => {
    sim.control.injectFault({ type: 'region-outage', region: 'eu-west-1' });
    try {
      const t = await fetchTopology(aws, 'arn:aws:rds:us-east-1:123456789012:cluster:prod-app');
      expect(t.global!.regions[1]).toMatchObject({ region: 'eu-west-1', status: 'unreachable', replicationLagMs: null });
      expect(t.warnings).toEqual([expect.stringMatching(/^prod-app-eu in eu-west-1 could not be read: .*ServiceUnavailable/)]);
    } finally {
      sim.control.clearFaults();
    }
    const result = await cli(['topology', 'prod-app', '--endpoint', sim.url, '--region', 'us-east-1']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/reader\s+prod-app-1\s+us-east-1b\s+db\.r6g\.xlarge\s+tier 1\s+available\s+lag \d+ ms/);
    expect(result.stdout).toMatch(/secondary eu-west-1\s+prod-app-eu\s+available\s+1 reader\(s\)\s+replication lag \d+ ms/);
    expect(result.stdout).toMatch(/blue\/green: prod-app-pg16-upgrade bgd-\S+\s+prod-app \(15\.4\) → prod-app-green-\S+ \(16\.4\)\s+ready/);
    expect(result.stdout).toMatch(/warning: \[parameter-group-drift\] .*work_mem/);
    expect(result.stdout).toMatch(/warning: \[deletion-protection-off\] prod-app /);
  });
});

it('fetchFleet lists a 120-cluster fleet from paginated reads, without a call per cluster', async () => {
  const sim = await startSimulator({ port: 0, fleet: 120 });
  const aws = new SdkAwsGateway({ region: 'us-east-1', endpoint: sim.url });
  try {
    const fleet = await fetchFleet(aws);
    const blues = fleet.clusters.filter((c) => !c.greenOf);
    expect(blues).toHaveLength(120);
    // Every 4th generated cluster has a ready blue/green deployment; its green cluster is listed too.
    const withBlueGreen = blues.filter((c) => c.blueGreen.length > 0);
    expect(withBlueGreen).toHaveLength(30);
    expect(fleet.clusters.filter((c) => c.greenOf)).toHaveLength(30);
    const orders = blues.find((c) => c.clusterId === 'orders-001')!;
    expect(orders.writer).toBe('orders-001-0');
    expect(orders.instances).toBeGreaterThanOrEqual(2);
    const operations = sim.control.requests().map((r) => r.operation);
    expect(operations).not.toContain('DescribeDBInstances');
    expect(operations.filter((o) => o === 'DescribeBlueGreenDeployments')).toHaveLength(1);
  } finally {
    aws.destroy();
    await sim.stop();
  }
});
