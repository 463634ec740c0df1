import { fetchClusterView, fetchFleet, SdkAwsGateway } from '@switchyard/core';
import { startSimulator, type RunningSimulator } from '@switchyard/simulator';
import { blueGreenNodes, targetChildren, globalNodes, instanceNodes } from './fleet-nodes';

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

describe('Fleet view nodes from the demo fleet', () => {
  it('lists the clusters, then Global Databases and Blue/Green deployments as groups', async () => {
    const children = targetChildren('sandbox', await fetchFleet(aws));
    const clusters = children.filter((c) => c.kind === 'cluster').map((c) => c.label);
    expect(clusters).toEqual(expect.arrayContaining(['prod-app', 'billing-db']));
    expect(children.find((c) => c.label === 'prod-app')?.description).toMatch(/^4 instances · available · us-east-1$/);
    expect(children.find((c) => c.kind === 'cluster' && c.description.startsWith('green of prod-app'))).toBeDefined();
    expect(children.filter((c) => c.kind === 'group').map((c) => c.label)).toEqual(['Global Databases', 'Blue/Green deployments']);
  });

  it('names each Global Database with its members and each Blue/Green deployment with its stage', async () => {
    const fleet = await fetchFleet(aws);
    expect(globalNodes('sandbox', fleet)).toEqual([
      expect.objectContaining({ kind: 'global', label: 'prod-app-global', description: 'prod-app (us-east-1)' }),
    ]);
    const [deployment] = blueGreenNodes('sandbox', fleet);
    expect(deployment).toMatchObject({ kind: 'blue-green', clusterId: 'prod-app' });
    expect(deployment.description).toMatch(/^ready · prod-app → prod-app-green-/);
  });

  it('lists a cluster’s instances writer first with role, AZ, class and promotion tier', async () => {
    const nodes = instanceNodes('sandbox', await fetchClusterView(aws, 'prod-app'));
    expect(nodes.map((n) => `${n.label}: ${n.description}`)).toEqual([
      'prod-app-0: writer · us-east-1a · db.r6g.xlarge · tier 0',
      'prod-app-1: reader · us-east-1b · db.r6g.xlarge · tier 1',
      'prod-app-2: reader · us-east-1c · db.r6g.xlarge · tier 1',
      'prod-app-analytics: reader · us-east-1a · db.r6g.large · tier 15',
    ]);
  });
});

it('shows a Global Database secondary as such, not as a cluster missing its writer', () => {
  const cluster = (clusterId: string, region: string, writer: string | null) => ({
    clusterId,
    arn: `arn:aws:rds:${region}:123456789012:cluster:${clusterId}`,
    region,
    status: 'available',
    engine: 'aurora-postgresql',
    engineVersion: '15.4',
    instances: 2,
    writer,
    globalClusterId: 'prod-app-global',
    blueGreen: [],
    tags: {},
  });
  const nodes = targetChildren('aws', {
    clusters: [cluster('prod-app', 'us-east-1', 'prod-app-0'), cluster('prod-app-eu', 'eu-west-1', null)],
    fetchedAt: '',
  });
  const eu = nodes.find((n) => n.label === 'prod-app-eu');
  expect(eu?.description).toBe('global secondary of prod-app-global (read-only) · 2 instances · available · eu-west-1');
  expect(eu?.kind === 'cluster' && eu.tooltip).toMatch(
    /secondary of the Global Database prod-app-global: read-only, no writer until it is promoted/,
  );
  expect(nodes.find((n) => n.label === 'prod-app')?.description).toBe('2 instances · available · us-east-1');
});
