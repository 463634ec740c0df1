import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { RolloutView, Run } from '@switchyard/backstage-plugin-switchyard-common';
import { startSimulator, type RunningSimulator } from '@switchyard/simulator';
import request from 'supertest';
import { switchyardPlugin } from './plugin';
import { closingDatabaseServiceFactory } from './testing/closing-database';
import { tagGo, testRunbookDir } from './testing/fixtures';
import { eventually, getAs, tokenOf, type TestBackend } from './testing/test-backend';

const ARN = 'arn:aws:rds:us-east-1:123456789012:cluster:prod-app';
const PROD_APP = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'prod-app', annotations: { 'aws.amazon.com/rds-cluster-arn': ARN } },
  spec: { type: 'database', owner: 'group:default/payments' },
};

let sim: RunningSimulator;
let dbDir: string;
let runbooks: string;
beforeAll(async () => {
  sim = await startSimulator({ fleet: 'demo', timeScale: 20 });
  dbDir = mkdtempSync(path.join(tmpdir(), 'switchyard-backstage-db-'));
  runbooks = testRunbookDir();
});
afterAll(async () => {
  await sim?.stop();
  rmSync(dbDir, { recursive: true, force: true });
  rmSync(runbooks, { recursive: true, force: true });
});

/** The plugin alone on a SQLite file (runs survive the backend), the simulator outside it (AWS survives too). */
function startBackend(): Promise<TestBackend> {
  return startTestBackend({
    features: [
      switchyardPlugin,
      catalogServiceMock.factory({ entities: [PROD_APP] }),
      closingDatabaseServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          backend: { database: { client: 'better-sqlite3', connection: { directory: dbDir } } },
          switchyard: { simulator: { url: sim.url, timeScale: 20 }, runbookDirs: [runbooks] },
        },
      }),
    ],
  });
}

it('a run that was waiting when the backend stopped is resumed by the next backend and finishes', async () => {
  const first = await startBackend();
  const created = await request(first.server)
    .post('/api/switchyard/runs')
    .set('Authorization', tokenOf('alice'))
    .send({ runbook: 'wait-for-go.md', entityRef: 'resource:default/prod-app', params: {} });
  expect(created.status).toBe(201);
  const id = (created.body as Run).id;
  await eventually('the run to wait for the tag', async () => {
    const run = await getAs<Run>(first, 'alice', `/api/switchyard/runs/${id}`);
    const step = run.steps[run.current];
    return run.status === 'waiting' && step?.id === 'wait_go' && step.waitStartedAt ? run : undefined;
  });
  await first.stop();

  await tagGo(sim.url, ARN);
  const second = await startBackend();
  try {
    const done = await eventually('the resumed run to succeed', async () => {
      const run = await getAs<Run>(second, 'alice', `/api/switchyard/runs/${id}`);
      if (run.status === 'failed') throw new Error(`the run failed: ${run.error ?? run.steps.map((s) => s.error).join('; ')}`);
      return run.status === 'succeeded' ? run : undefined;
    });
    expect(done.steps.map((s) => s.status)).toEqual(['succeeded', 'succeeded']);
    expect(done.startedBy).toBe('user:default/alice');
  } finally {
    await second.stop();
  }
}, 120_000);

it('a rollout whose run was waiting when the backend stopped is driven on by the next backend: no cluster started twice', async () => {
  const first = await startBackend();
  const created = await request(first.server)
    .post('/api/switchyard/rollouts')
    .set('Authorization', tokenOf('alice'))
    .send({ runbook: 'wait-for-go.md', selection: 'prod-app', waves: 'rest', maxFailures: '1' });
  expect(created.status).toBe(201);
  const id = (created.body as RolloutView).rollout.id;
  const running = await eventually('the rollout run to wait for the tag', async () => {
    const view = await getAs<RolloutView>(first, 'alice', `/api/switchyard/rollouts/${id}`);
    return view.rollout.clusters[0].status === 'running' ? view : undefined;
  });
  await first.stop();

  await tagGo(sim.url, ARN);
  const second = await startBackend();
  try {
    const done = await eventually('the rollout to succeed on the next backend', async () => {
      const view = await getAs<RolloutView>(second, 'alice', `/api/switchyard/rollouts/${id}`);
      return view.rollout.status === 'succeeded' ? view : undefined;
    });
    expect(done.rollout.clusters[0].runId).toBe(running.rollout.clusters[0].runId);
    const runs = await getAs<Array<{ id: string; rollout?: { id: string } }>>(
      second,
      'alice',
      '/api/switchyard/runs?entityRef=resource:default/prod-app',
    );
    expect(runs.filter((r) => r.rollout?.id === id)).toHaveLength(1);
  } finally {
    await second.stop();
  }
}, 120_000);
