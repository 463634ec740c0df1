/**
 * The demo's flagship scenario through the backend (issue 13): prod-app's Blue/Green upgrade,
 * before and after the switchover. The simulator runs outside the backend so the test can switch
 * over through the AWS API as any other client would.
 */
import * as path from 'node:path';
import { DescribeBlueGreenDeploymentsCommand, RDSClient, SwitchoverBlueGreenDeploymentCommand } from '@aws-sdk/client-rds';
import type { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import type {
  CostReport,
  FleetResponse,
  Run,
  RunbookSummary,
  SwitchoverHistory,
  Topology,
} from '@switchyard/backstage-plugin-switchyard-common';
import { SIMULATOR_CREDENTIALS } from '@switchyard/core';
import { startSimulator, type RunningSimulator } from '@switchyard/simulator';
import request from 'supertest';
import { SimulatorEntityProvider } from './catalog/simulator-entity-provider';
import { eventually, getAs, startFullBackend, tokenOf, waitForEntity, type TestBackend } from './testing/test-backend';

const PROD_APP = 'resource:default/prod-app';
const DEPLOYMENT = 'prod-app-pg16-upgrade';

let sim: RunningSimulator;
let backend: TestBackend;
let rds: RDSClient;

beforeAll(async () => {
  sim = await startSimulator({ fleet: 'demo', timeScale: 20 });
  rds = new RDSClient({ region: 'us-east-1', endpoint: sim.url, credentials: SIMULATOR_CREDENTIALS, maxAttempts: 1 });
  backend = await startFullBackend({
    simulator: { url: sim.url, timeScale: 20, catalog: true },
    runbookDirs: [path.resolve(__dirname, '../../../runbooks')],
  });
  await waitForEntity(backend, PROD_APP);
}, 120_000);

afterAll(async () => {
  await backend?.stop();
  rds?.destroy();
  await sim?.stop();
});

/** The entities the simulator's catalog provider publishes now (what the catalog shows after its next refresh). */
async function publishedNames(): Promise<Array<{ name: string; arn?: string }>> {
  let names: Array<{ name: string; arn?: string }> = [];
  const connection = {
    applyMutation: async (mutation: {
      type: string;
      entities?: Array<{ entity: { kind: string; metadata: { name: string; annotations?: Record<string, string> } } }>;
    }) => {
      names = (mutation.entities ?? [])
        .filter((e) => e.entity.kind === 'Resource')
        .map((e) => ({ name: e.entity.metadata.name, arn: e.entity.metadata.annotations?.['aws.amazon.com/rds-cluster-arn'] }));
    },
    refresh: async () => undefined,
  } as unknown as EntityProviderConnection;
  const provider = new SimulatorEntityProvider(
    { get: async () => ({ url: sim.url, timeScale: 20, regions: async () => ['us-east-1', 'eu-west-1'] }) },
    { info: () => undefined, warn: () => undefined } as never,
  );
  await provider.connect(connection);
  return names;
}

it('follows prod-app through its Blue/Green upgrade: guard stop, switchover, rollback window', async () => {
  // Before: prod-app is blue; the switchover is offered (stage "before"), rollback and cleanup are for the watch window.
  const runbooks = await getAs<RunbookSummary[]>(backend, 'carol', '/api/switchyard/runbooks');
  expect(runbooks.find((r) => r.id === 'blue-green-switchover.md')?.stages).toEqual(['before']);
  expect(runbooks.find((r) => r.id === 'blue-green-rollback-and-cleanup.md')?.stages).toEqual(['watch-window']);
  const before = await getAs<Topology>(backend, 'carol', `/api/switchyard/topology?entityRef=${PROD_APP}`);
  expect(before.blueGreen.map((p) => [p.pageIs, p.lifecycle, p.labels.source, p.blue?.clusterId])).toEqual([
    ['source', 'before', 'Blue (current production)', 'prod-app'],
  ]);

  // The switchover run stops at the parameter-drift guard (work_mem differs) and holds its lock:
  // the fleet shows it on prod-app although it names the deployment, not the cluster.
  const created = await request(backend.server)
    .post('/api/switchyard/runs')
    .set('Authorization', tokenOf('alice'))
    .send({ runbook: 'blue-green-switchover.md', entityRef: PROD_APP, params: { deployment: DEPLOYMENT } });
  expect(created.status).toBe(201);
  const runId = (created.body as Run).id;
  const failed = await eventually('the drift guard to stop the run', async () => {
    const run = await getAs<Run>(backend, 'carol', `/api/switchyard/runs/${runId}`);
    return run.status === 'failed' ? run : undefined;
  });
  expect(failed.steps.find((s) => s.status === 'failed')?.id).toBe('drift');
  const fleet = await getAs<FleetResponse>(backend, 'carol', '/api/switchyard/fleet');
  expect(fleet.entities.find((e) => e.entityRef === PROD_APP)?.activeRuns.map((r) => r.id)).toEqual([runId]);
  // Stopped by a guard is not a failed switchover: no switchover was attempted yet.
  const stopped = await getAs<SwitchoverHistory>(backend, 'carol', '/api/switchyard/history');
  expect(stopped).toMatchObject({ count: 1, stoppedByGuard: 1, failed: 0, successRate: null, p50Seconds: null });
  const aborted = await request(backend.server)
    .post(`/api/switchyard/runs/${runId}/actions`)
    .set('Authorization', tokenOf('alice'))
    .send({ action: 'abort', reason: 'fix the drift first' });
  expect(aborted.status).toBe(200);

  // Switch over through the AWS API. RDS renames green to prod-app and blue to prod-app-old1.
  const { BlueGreenDeployments: found = [] } = await rds.send(
    new DescribeBlueGreenDeploymentsCommand({ Filters: [{ Name: 'blue-green-deployment-name', Values: [DEPLOYMENT] }] }),
  );
  const id = found[0].BlueGreenDeploymentIdentifier!;
  await rds.send(new SwitchoverBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: id, SwitchoverTimeout: 300 }));
  await eventually(
    'the switchover to complete',
    async () => {
      const { BlueGreenDeployments: now = [] } = await rds.send(
        new DescribeBlueGreenDeploymentsCommand({ BlueGreenDeploymentIdentifier: id }),
      );
      return now[0]?.Status === 'SWITCHOVER_COMPLETED' ? true : undefined;
    },
    60_000,
  );

  // prod-app stays in the catalog (the name applications connect to); the old environment is not an entity of its own.
  const names = await publishedNames();
  expect(names.map((n) => n.name)).toContain('prod-app');
  expect(names.map((n) => n.name)).not.toContain('prod-app-old1');
  expect(names.find((n) => n.name === 'prod-app')?.arn).toMatch(/:cluster:prod-app$/);

  // Its page shows the old environment as its rollback window; the deployment is in the watch window.
  const after = await getAs<Topology>(backend, 'carol', `/api/switchyard/topology?entityRef=${PROD_APP}`);
  expect(after.cluster.engineVersion).toBe('16.4');
  expect(after.blueGreen.map((p) => [p.pageIs, p.lifecycle, p.labels.source, p.blue?.clusterId, p.green?.clusterId])).toEqual([
    ['target', 'watch-window', 'Old environment (rollback window)', 'prod-app-old1', 'prod-app'],
  ]);
  // The old environment costs money and shows on prod-app's cost card.
  const cost = await getAs<CostReport>(backend, 'carol', `/api/switchyard/cost?entityRef=${PROD_APP}`);
  const old = cost.environments.find((e) => e.clusterId === 'prod-app-old1');
  expect(old?.kind).toBe('old-blue');
  expect(old?.burnPerDay).toBeGreaterThan(0);
  // The fleet still finds prod-app's cluster, with its deployment in the watch window.
  const fleetAfter = await getAs<FleetResponse>(backend, 'carol', '/api/switchyard/fleet');
  const row = fleetAfter.entities.find((e) => e.entityRef === PROD_APP);
  expect(row?.error).toBeUndefined();
  expect(row?.cluster?.blueGreen.map((d) => [d.name, d.stage])).toEqual([[DEPLOYMENT, 'switched over']]);
  // The aborted run is history: it still counts as stopped by a guard, and it is no longer active.
  expect(row?.activeRuns).toEqual([]);
  const history = await getAs<SwitchoverHistory>(backend, 'carol', `/api/switchyard/history?entityRef=${PROD_APP}`);
  expect(history).toMatchObject({ count: 1, stoppedByGuard: 1, failed: 0 });
}, 180_000);
