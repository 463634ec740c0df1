/**
 * The core's typed reads through the real SDK: a resource AWS does not have is a typed
 * ResourceNotFoundError, AWS failing is not mistaken for it, and lists read every page.
 */
import {
  AwsCallError,
  fetchBlueGreenView,
  fetchClusterView,
  fetchFleet,
  fetchGlobalClusterView,
  fetchInstanceView,
  fetchParallelEnvironments,
  reconcile,
  ResourceNotFoundError,
  SdkAwsGateway,
} from '@switchyard/core';
import { startSimulator } from '@switchyard/simulator';

describe('on the demo fleet', () => {
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  let aws: SdkAwsGateway;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, fleet: 'demo', timeScale: 100 });
    aws = new SdkAwsGateway({ region: 'us-east-1', endpoint: sim.url, maxAttempts: 1 });
  });
  afterAll(async () => {
    aws.destroy();
    await sim.stop();
  });

  it('a resource AWS does not have is a ResourceNotFoundError naming its kind, id and region', async () => {
    const cases: Array<[Promise<unknown>, Partial<ResourceNotFoundError>]> = [
      [fetchClusterView(aws, 'nope'), { kind: 'cluster', id: 'nope', region: 'us-east-1' }],
      [fetchInstanceView(aws, 'nope', 'eu-west-1'), { kind: 'instance', id: 'nope', region: 'eu-west-1' }],
      [fetchGlobalClusterView(aws, 'nope'), { kind: 'global-cluster', id: 'nope', region: 'us-east-1' }],
      // By id AWS answers with BlueGreenDeploymentNotFoundFault; by name with an empty list.
      [fetchBlueGreenView(aws, 'bgd-nope'), { kind: 'blue-green', id: 'bgd-nope', region: 'us-east-1' }],
      [fetchBlueGreenView(aws, 'no-such-deployment'), { kind: 'blue-green', id: 'no-such-deployment', region: 'us-east-1' }],
    ];
    for (const [read, expected] of cases) {
      const error = await read.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResourceNotFoundError);
      expect(error).toMatchObject(expected);
    }
    const byName = await fetchBlueGreenView(aws, 'no-such-deployment').catch((e: unknown) => e);
    expect((byName as Error).message).toBe('blue/green deployment no-such-deployment not found in us-east-1');
  });

  it('AWS failing is not "not found": reconciliation cannot tell, rather than calling a deployment deleted', async () => {
    const call = (operation: string, input: Record<string, unknown>) => ({
      blockIndex: 0,
      service: 'rds' as const,
      operation,
      input,
      sentAt: new Date().toISOString(),
    });
    const deleted = call('DeleteBlueGreenDeployment', { BlueGreenDeploymentIdentifier: 'bgd-nope' });
    const created = call('CreateBlueGreenDeployment', { BlueGreenDeploymentName: 'no-such-deployment' });
    expect((await reconcile(aws, deleted)).verdict).toBe('applied');
    expect((await reconcile(aws, created)).verdict).toBe('not-applied');

    sim.control.injectFault({ type: 'region-outage', region: 'us-east-1' });
    try {
      const error = await fetchBlueGreenView(aws, 'bgd-nope').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AwsCallError);
      expect(error).toMatchObject({ code: 'ServiceUnavailable', notApplied: false, retryable: true });
      expect(await reconcile(aws, deleted)).toMatchObject({ verdict: 'unknown', evidence: expect.stringContaining('ServiceUnavailable') });
      expect((await reconcile(aws, created)).verdict).toBe('unknown');
    } finally {
      sim.control.injectFault({ type: 'region-outage', region: 'us-east-1', end: true });
    }
  });
});

it('cost discovery reads every page of instances: each green has all its instances', async () => {
  const sim = await startSimulator({ port: 0, fleet: 120 });
  const aws = new SdkAwsGateway({ region: 'us-east-1', endpoint: sim.url });
  try {
    const now = Date.now();
    const [envs, fleet] = await Promise.all([fetchParallelEnvironments(aws, now), fetchFleet(aws, { now })]);
    const greens = envs.filter((e) => e.kind === 'green');
    expect(greens).toHaveLength(30);
    const members = new Map(fleet.clusters.map((c) => [c.clusterId, c.instances]));
    for (const green of greens) expect(green.instances.length).toBe(members.get(green.clusterId));
    // More than 100 instances: RDS answers in pages of at most 100.
    expect(sim.control.requests().filter((r) => r.operation === 'DescribeDBInstances').length).toBeGreaterThan(1);
  } finally {
    aws.destroy();
    await sim.stop();
  }
});
