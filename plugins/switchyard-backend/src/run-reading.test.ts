/**
 * Reading a run is reading its database: under a policy where databases are visible to their
 * owners only, someone who cannot see prod-app cannot read, follow, act on or count its runs, and
 * cannot even tell that they exist. A run started outside Backstage (no entity) is for services.
 */
import * as path from 'node:path';
import { mockCredentials } from '@backstage/backend-test-utils';
import type { Run, SwitchoverHistory } from '@switchyard/backstage-plugin-switchyard-common';
import { testRun } from '@switchyard/core/testing/run-store-behaviours';
import type { Knex } from 'knex';
import request from 'supertest';
import { KnexRunStore } from './store/knex-run-store';
import { ownersSeeTheirDatabasesPolicy, switchyardDatabase } from './testing/reading-policy';
import { readEvents } from './testing/sse-client';
import { eventually, startFullBackend, tokenOf, waitForEntity, type TestBackend } from './testing/test-backend';

const PROD_APP = 'resource:default/prod-app';
const SERVICE = `Bearer ${mockCredentials.service.token()}`;

let backend: TestBackend;
let db: Knex;
beforeAll(async () => {
  backend = await startFullBackend(
    { runbookDirs: [path.resolve(__dirname, '../../../runbooks')] },
    { policy: ownersSeeTheirDatabasesPolicy, features: [switchyardDatabase((client) => (db = client))] },
  );
  await waitForEntity(backend, PROD_APP);
}, 120_000);
afterAll(() => backend?.stop());

const get = (url: string, authorization: string) => request(backend.server).get(url).set('Authorization', authorization);
const act = (id: string, user: string, body: object) =>
  request(backend.server).post(`/api/switchyard/runs/${id}/actions`).set('Authorization', tokenOf(user)).send(body);

/** What anyone is told about a run id that does not exist, for `id`. */
async function noSuchRun(id: string) {
  const missing = await get('/api/switchyard/runs/no-such-run', tokenOf('carol'));
  expect(missing.status).toBe(404);
  return { ...missing.body.error, message: missing.body.error.message.replace('no-such-run', id) };
}

it('someone who may not see prod-app is told its run does not exist: reading, following, approving, counting it', async () => {
  const created = await request(backend.server)
    .post('/api/switchyard/runs')
    .set('Authorization', tokenOf('alice'))
    .send({ runbook: 'failover.md', entityRef: PROD_APP, params: {} });
  expect(created.status).toBe(201);
  const id = (created.body as Run).id;
  await eventually('the approval step', async () => {
    const run = (await get(`/api/switchyard/runs/${id}`, tokenOf('alice'))).body as Run;
    return run.status === 'waiting-approval' ? run : undefined;
  });

  // carol (analytics) may not see prod-app: the run is as absent as one that never existed.
  const absent = await noSuchRun(id);
  for (const url of [`/api/switchyard/runs/${id}`, `/api/switchyard/runs/${id}/events`]) {
    const res = await get(url, tokenOf('carol'));
    expect([url, res.status, res.body.error]).toEqual([url, 404, absent]);
    expect(JSON.stringify(res.body)).not.toContain('prod-app');
  }
  for (const body of [{ action: 'approve' }, { action: 'abort' }]) {
    const res = await act(id, 'carol', body);
    expect([body.action, res.status, res.body.error]).toEqual([body.action, 404, absent]);
  }
  expect((await get(`/api/switchyard/runs?entityRef=${PROD_APP}`, tokenOf('carol'))).status).toBe(404);

  // bob (payments) sees prod-app, so he reads the run; a service reads it too.
  expect((await get(`/api/switchyard/runs/${id}`, tokenOf('bob'))).body).toMatchObject({ id, entityRef: PROD_APP });
  expect((await get(`/api/switchyard/runs/${id}`, SERVICE)).status).toBe(200);

  const aborted = await act(id, 'alice', { action: 'abort', reason: 'test over' });
  expect(aborted.status).toBe(200);
  const events = await readEvents(backend.server, `/api/switchyard/runs/${id}/events`, tokenOf('bob'));
  expect(events.map((e) => e.event)).toContain('run');

  // The fleet's switchover history counts the aborted failover for those who see prod-app only.
  const pointsOf = async (user: string) =>
    ((await get('/api/switchyard/history', tokenOf(user))).body as SwitchoverHistory).points.map((p) => p.runId);
  expect(await pointsOf('alice')).toContain(id);
  expect(await pointsOf('carol')).not.toContain(id);
}, 120_000);

it('a run started outside Backstage (no entity) is read by services only', async () => {
  const cli: Run = testRun('cli-run', 1, {
    status: 'succeeded',
    params: { cluster: 'prod-app' },
    target: { key: 'http://127.0.0.1:4566@us-east-1', endpoint: 'http://127.0.0.1:4566', region: 'us-east-1' },
  });
  await new KnexRunStore(db).create(cli);

  const absent = await noSuchRun('cli-run');
  for (const url of ['/api/switchyard/runs/cli-run', '/api/switchyard/runs/cli-run/events']) {
    const res = await get(url, tokenOf('alice'));
    expect([url, res.status, res.body.error]).toEqual([url, 404, absent]);
  }
  const approve = await act('cli-run', 'alice', { action: 'retry' });
  expect([approve.status, approve.body.error]).toEqual([404, absent]);

  expect((await get('/api/switchyard/runs/cli-run', SERVICE)).body).toMatchObject({ id: 'cli-run', startedBy: 'alice' });
  const events = await readEvents(backend.server, '/api/switchyard/runs/cli-run/events', SERVICE);
  expect(events.map((e) => [e.event, (JSON.parse(e.data) as Run).id])).toEqual([['run', 'cli-run']]);
}, 60_000);
