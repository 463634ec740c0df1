/**
 * The shared observer through the real SDK on the simulator:
 * - its batched views are the views one-at-a-time reads give (clusters, blue/green by id and by
 *   name, global databases, metrics), and a missing resource is a not-found for that key only;
 * - one GetMetricData answers many metric observations;
 * - 20 concurrent failover runs on one engine make far fewer Describe calls than 20 × one run.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  Engine,
  FileRunStore,
  Observer,
  ResourceNotFoundError,
  SdkAwsGateway,
  fetchBlueGreenView,
  fetchClusterView,
  fetchGlobalClusterView,
  fetchMetricView,
  observerFor,
  type Run,
} from '@switchyard/core';
import { generatedFleet, startSimulator, type RunningSimulator } from '@switchyard/simulator';
import { REPO } from './support/cli';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
jest.setTimeout(120_000);

const TIME_SCALE = 100;

describe('the observer on the demo fleet', () => {
  let sim: RunningSimulator;
  let aws: SdkAwsGateway;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, fleet: 'demo', timeScale: TIME_SCALE });
    aws = new SdkAwsGateway({ region: 'us-east-1', endpoint: sim.url, maxAttempts: 1 });
  });
  afterAll(async () => {
    aws.destroy();
    await sim.stop();
  });
  beforeEach(() => sim.control.clearRequests());
  const calls = (operation: string) => sim.control.requests().filter((r) => r.operation === operation);

  it('reads three clusters and a missing one in one DescribeDBClusters and one DescribeDBInstances, each view as read alone', async () => {
    const observer = new Observer(aws, 'us-east-1');
    const ids = ['prod-app', 'billing-db', 'analytics-db'];
    const [views, missing] = await Promise.all([
      Promise.all(ids.map((id) => observer.cluster(id, { maxAgeMs: 1000 }))),
      observer.cluster('no-such-cluster', { maxAgeMs: 1000 }).catch((e: unknown) => e),
    ]);
    expect(calls('DescribeDBClusters')).toHaveLength(1);
    expect(calls('DescribeDBInstances')).toHaveLength(1);
    expect(calls('DescribeDBClusters')[0].params).toMatchObject({
      Filters: [{ Name: 'db-cluster-id', Values: expect.arrayContaining([...ids, 'no-such-cluster']) }],
    });
    expect(missing).toBeInstanceOf(ResourceNotFoundError);
    expect(missing).toMatchObject({ kind: 'cluster', id: 'no-such-cluster', region: 'us-east-1' });
    for (const [i, id] of ids.entries()) expect(views[i]).toEqual(await fetchClusterView(aws, id));
  });

  it('a blue/green deployment by id and by name, and a global database, are the views read alone', async () => {
    const observer = new Observer(aws, 'us-east-1');
    const alone = await fetchBlueGreenView(aws, 'prod-app-pg16-upgrade');
    const [byName, byId, global] = await Promise.all([
      observer.deployment('prod-app-pg16-upgrade', { maxAgeMs: 1000 }),
      observer.deployment(alone.id, { maxAgeMs: 1000 }),
      observer.globalCluster('prod-app-global', { maxAgeMs: 1000 }),
    ]);
    expect(byName).toEqual(alone);
    expect(byId).toEqual(alone);
    expect(global).toEqual(await fetchGlobalClusterView(aws, 'prod-app-global'));
    await expect(observer.deployment('bgd-doesnotexist0000', { maxAgeMs: 1000 })).rejects.toBeInstanceOf(ResourceNotFoundError);
  });

  it('one GetMetricData answers every metric due (here 3 queries, 2 windows: 2 requests), each as read alone', async () => {
    const now = new Date();
    const observer = new Observer(aws, 'us-east-1', { date: () => now });
    const metric = (name: string, cluster: string, windowSeconds: number) => ({
      name,
      namespace: 'AWS/RDS',
      dimensions: { DBClusterIdentifier: cluster },
      stat: 'Maximum',
      periodSeconds: 60,
      windowSeconds,
    });
    const sources = [
      metric('AuroraReplicaLagMaximum', 'prod-app', 600),
      metric('CPUUtilization', 'prod-app', 600),
      metric('CPUUtilization', 'billing-db', 3600),
    ];
    const views = await Promise.all(sources.map((s) => observer.metric(s, { maxAgeMs: 1000 })));
    expect(calls('GetMetricData')).toHaveLength(2);
    for (const [i, s] of sources.entries()) {
      const alone = await fetchMetricView(aws, s, now);
      expect(views[i]).toEqual(alone);
      expect(alone.count).toBeGreaterThan(0);
    }
  });

  it('the gateway has one observer per region, which its runs share', () => {
    expect(observerFor(aws)).toBe(observerFor(aws, 'us-east-1'));
    expect(observerFor(aws, 'eu-west-1')).not.toBe(observerFor(aws));
    const unshared = new SdkAwsGateway({ region: 'us-east-1', endpoint: sim.url, shareObservations: false });
    expect(observerFor(unshared)).toBeUndefined();
    unshared.destroy();
  });
});

/** failover.md on each cluster at once on one engine; the simulator's request log counted. */
async function failovers(count: number, share: boolean) {
  // Time scale 2: the waits poll every second through a 15 s failover, an interval well above a
  // loaded machine's overhead per poll (at 100 a failover is over before the first poll).
  const timeScale = 2;
  const sim = await startSimulator({ port: 0, fleet: generatedFleet(20, 3, { timeScale }), timeScale });
  const dir = mkdtempSync(path.join(tmpdir(), 'switchyard-shared-observation-'));
  const aws = new SdkAwsGateway({ region: 'us-east-1', endpoint: sim.url, shareObservations: share, rateLimits: { rds: 0 } });
  const engine = new Engine({ store: new FileRunStore(dir), aws, timeScale });
  engine.subscribe((event) => {
    if (event.type === 'approval') void engine.control(event.runId, { action: 'approve' }, { name: 'bob' }).catch(() => undefined);
  });
  const source = readFileSync(path.join(REPO, 'runbooks/failover.md'), 'utf8');
  try {
    const clusters = sim.control
      .saveState()
      .clusters.filter((c) => c.region === 'us-east-1')
      .slice(0, count);
    expect(clusters).toHaveLength(count);
    const runs: Run[] = await Promise.all(
      clusters.map(async (c) => {
        const run = await engine.start({ file: 'failover.md', source, params: { cluster: c.id }, startedBy: 'alice' });
        for (;;) {
          const rested = await engine.settled(run.id);
          if (rested.status !== 'waiting-approval') return rested;
          await new Promise((r) => setTimeout(r, 5));
        }
      }),
    );
    const describes = sim.control.requests().filter((r) => r.operation.startsWith('Describe')).length;
    const failoversSent = sim.control.requests().filter((r) => r.operation === 'FailoverDBCluster').length;
    const clusterReads = sim.control.requests().filter((r) => r.operation === 'DescribeDBClusters').length;
    return { runs, describes, clusterReads, failoversSent };
  } finally {
    await engine.shutdown();
    aws.destroy();
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

it('20 concurrent failover runs on one engine make far fewer Describe calls than 20 × one run', async () => {
  const one = await failovers(1, true);
  const twenty = await failovers(20, true);
  expect(one.runs[0].status).toBe('succeeded');
  // Alone, a run reads at every poll of its wait: its own previous read (one interval old) never
  // passes as fresh, or it would see the new writer an interval late.
  const polls = (one.runs[0].steps.find((s) => s.id === 'new_writer')?.output as { polls: number }).polls;
  expect(polls).toBeGreaterThan(3);
  expect(one.clusterReads).toBeGreaterThanOrEqual(polls);
  expect(twenty.runs.map((r) => r.status)).toEqual(Array(20).fill('succeeded'));
  expect(twenty.failoversSent).toBe(20);
  // Each run's check, wait polls and verify read its cluster; shared, 20 runs cost a few times one.
  expect(twenty.describes).toBeLessThan((20 * one.describes) / 4);
});
