import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type {
  EntityPermissions,
  FleetResponse,
  Run,
  RunbookDetail,
  RunbookSummary,
  Topology,
} from '@switchyard/backstage-plugin-switchyard-common';
import request from 'supertest';
import { eventually, getAs, startFullBackend, tokenOf, waitForEntity, type TestBackend } from './testing/test-backend';
import { readEvents } from './testing/sse-client';

const PROD_APP = 'resource:default/prod-app';
const SHELL_RUNBOOK = `---
title: Drain connections with a script
params:
  cluster: { type: rds-cluster, required: true }
locks: ["rds-cluster:{{ cluster }}"]
---

## Drain {#drain}

\`\`\`sh
echo draining {{ cluster }}
\`\`\`
`;

/** A writing sql block: refused where SQL writes are off, unless its `when:` requires them (then skipped). */
const sqlRunbook = (when: string) => `---
title: Mark the cluster in the database
params:
  cluster: { type: rds-cluster, required: true }
locks: ["rds-cluster:{{ cluster }}"]
---

## Mark {#mark}

\`\`\`sql${when}
connection: blue
query: insert into marks (cluster) values ({{ cluster }})
write: true
\`\`\`
`;

let backend: TestBackend;
let extraRunbooks: string;

beforeAll(async () => {
  extraRunbooks = mkdtempSync(path.join(tmpdir(), 'switchyard-runbooks-'));
  writeFileSync(path.join(extraRunbooks, 'drain.md'), SHELL_RUNBOOK);
  writeFileSync(path.join(extraRunbooks, 'mark.md'), sqlRunbook(''));
  writeFileSync(path.join(extraRunbooks, 'mark-if-allowed.md'), sqlRunbook(' when: run.sqlWrites'));
  backend = await startFullBackend({ runbookDirs: [path.resolve(__dirname, '../../../runbooks'), extraRunbooks] });
  await waitForEntity(backend, PROD_APP);
}, 120_000);

afterAll(async () => {
  await backend?.stop();
  rmSync(extraRunbooks, { recursive: true, force: true });
});

const post = (path: string, user: string, body: unknown) =>
  request(backend.server)
    .post(path)
    .set('Authorization', tokenOf(user))
    .send(body as object);

it('lists the shipped runbooks with their params and shows one with its source', async () => {
  const runbooks = await getAs<RunbookSummary[]>(backend, 'carol', '/api/switchyard/runbooks');
  expect(runbooks.map((r) => r.id)).toEqual(expect.arrayContaining(['failover.md', 'promote-global.md', 'detect.md', 'drain.md']));
  const failover = runbooks.find((r) => r.id === 'failover.md')!;
  expect(failover).toMatchObject({ mutating: true, appliesTo: ['cluster'] });
  expect(failover.params).toEqual([
    expect.objectContaining({ name: 'cluster', type: 'rds-cluster', required: true }),
    expect.objectContaining({ name: 'target', type: 'rds-instance', of: 'cluster', required: false, default: '' }),
  ]);
  const detail = await getAs<RunbookDetail>(backend, 'carol', '/api/switchyard/runbooks/failover.md');
  expect(detail.source).toContain('aws rds failover-db-cluster');
  const missing = await request(backend.server).get('/api/switchyard/runbooks/nope.md').set('Authorization', tokenOf('carol'));
  expect(missing.status).toBe(404);
  expect(missing.body.error).toMatchObject({ name: 'NotFoundError', message: expect.stringContaining('nope.md') });
});

it("reads prod-app's topology from the entity's ARN: writer, readers by AZ, tiers", async () => {
  const topology = await getAs<Topology>(backend, 'carol', `/api/switchyard/topology?entityRef=${PROD_APP}`);
  expect(topology.cluster.id).toBe('prod-app');
  expect(topology.instances.find((i) => i.role === 'writer')).toMatchObject({ id: 'prod-app-0', tier: 0 });
  expect(topology.instances.filter((i) => i.role === 'reader').map((i) => [i.id, i.tier])).toEqual(
    expect.arrayContaining([
      ['prod-app-1', 1],
      ['prod-app-2', 1],
      ['prod-app-analytics', 15],
    ]),
  );
  expect(topology.global?.id).toBe('prod-app-global');
  const bad = await request(backend.server).get('/api/switchyard/topology').set('Authorization', tokenOf('carol'));
  expect(bad.status).toBe(400);
});

it('lists the database entities on the fleet page, joined with their clusters', async () => {
  const fleet = await getAs<FleetResponse>(backend, 'carol', '/api/switchyard/fleet');
  const byRef = new Map(fleet.entities.map((e) => [e.entityRef, e]));
  expect(byRef.get(PROD_APP)).toMatchObject({ owner: 'group:default/payments', cluster: { clusterId: 'prod-app', writer: 'prod-app-0' } });
  expect(byRef.get('resource:default/analytics-db')).toMatchObject({ owner: 'group:default/analytics', cluster: { status: 'available' } });
  expect(fleet.entities.every((e) => e.cluster && !e.error)).toBe(true);
});

it("says what the caller may do: owners everything, others nothing; a non-owner's run is refused with 403", async () => {
  expect(await getAs<EntityPermissions>(backend, 'alice', `/api/switchyard/permissions?entityRef=${PROD_APP}`)).toEqual({
    createRun: true,
    approve: true,
    control: true,
    user: 'user:default/alice',
  });
  expect(await getAs<EntityPermissions>(backend, 'carol', `/api/switchyard/permissions?entityRef=${PROD_APP}`)).toMatchObject({
    createRun: false,
    approve: false,
    control: false,
  });
  const refused = await post('/api/switchyard/runs', 'carol', { runbook: 'failover.md', entityRef: PROD_APP, params: {} });
  expect(refused.status).toBe(403);
  expect(refused.body.error).toMatchObject({
    name: 'NotAllowedError',
    message: expect.stringContaining('user:default/carol may not start runbooks'),
  });
});

it('refuses runbooks with sh blocks, params outside the entity, and malformed bodies', async () => {
  const shell = await post('/api/switchyard/runs', 'alice', { runbook: 'drain.md', entityRef: PROD_APP, params: {} });
  expect(shell.status).toBe(403);
  expect(shell.body.error.message).toMatch(/sh blocks.*switchyard\.allowShell/);
  const writing = await post('/api/switchyard/runs', 'alice', { runbook: 'mark.md', entityRef: PROD_APP, params: { cluster: 'prod-app' } });
  expect(writing.status).toBe(403);
  expect(writing.body.error.message).toMatch(/sql blocks that write.*switchyard\.allowSqlWrites/);
  const elsewhere = await post('/api/switchyard/runs', 'alice', {
    runbook: 'failover.md',
    entityRef: PROD_APP,
    params: { cluster: 'analytics-db' },
  });
  expect(elsewhere.status).toBe(400);
  expect(elsewhere.body.error.message).toContain('cluster=analytics-db is not part of resource:default/prod-app');
  const malformed = await post('/api/switchyard/runs', 'alice', { runbook: 'failover.md', params: {} });
  expect(malformed.status).toBe(400);
  expect(malformed.body.error).toMatchObject({ name: 'InputError', message: expect.stringContaining('entityRef') });
});

it('starts a runbook whose writing sql block requires run.sqlWrites, and skips that block, visibly', async () => {
  const created = await post('/api/switchyard/runs', 'alice', { runbook: 'mark-if-allowed.md', entityRef: PROD_APP, params: {} });
  expect(created.status).toBe(201);
  const done = await eventually('the run to end', async () => {
    const r = await getAs<Run>(backend, 'carol', `/api/switchyard/runs/${(created.body as Run).id}`);
    return r.status === 'succeeded' || r.status === 'failed' ? r : undefined;
  });
  expect(done.status).toBe('succeeded');
  expect(done.steps.map((step) => [step.id, step.status])).toEqual([['mark', 'skipped']]);
});

it('fails prod-app over: alice starts, four eyes refuse her approval, bob approves, the stream follows it to the new writer', async () => {
  const created = await post('/api/switchyard/runs', 'alice', {
    runbook: 'failover.md',
    entityRef: PROD_APP,
    params: { target: 'prod-app-2' },
  });
  expect(created.status).toBe(201);
  const run = created.body as Run;
  expect(run).toMatchObject({ startedBy: 'user:default/alice', params: { cluster: 'prod-app', target: 'prod-app-2' } });
  const stream = readEvents(backend.server, `/api/switchyard/runs/${run.id}/events`, tokenOf('carol'));

  const waiting = await eventually('the approval step', async () => {
    const r = await getAs<Run>(backend, 'carol', `/api/switchyard/runs/${run.id}`);
    return r.status === 'waiting-approval' ? r : undefined;
  });
  expect(waiting.steps[waiting.current].approval).toMatchObject({ kind: 'approve', fourEyes: true });
  const second = await post('/api/switchyard/runs', 'bob', { runbook: 'failover.md', entityRef: PROD_APP, params: {} });
  expect(second.status).toBe(409);
  expect(second.body.error.message).toMatch(new RegExp(`rds-cluster:prod-app@\\d{12}/us-east-1 is locked by run ${run.id}`));

  const self = await post(`/api/switchyard/runs/${run.id}/actions`, 'alice', { action: 'approve' });
  expect(self.status).toBe(403);
  expect(self.body.error.message).toMatch(/user:default\/alice started this run and this step needs a second person \(four eyes\)/);
  const carol = await post(`/api/switchyard/runs/${run.id}/actions`, 'carol', { action: 'approve' });
  expect(carol.status).toBe(403);
  const approved = await post(`/api/switchyard/runs/${run.id}/actions`, 'bob', { action: 'approve', reason: 'go' });
  expect(approved.status).toBe(200);

  const done = await eventually('the run to succeed', async () => {
    const r = await getAs<Run>(backend, 'carol', `/api/switchyard/runs/${run.id}`);
    if (r.status === 'failed')
      throw new Error(`the run failed: ${r.error ?? JSON.stringify(r.steps.map((s) => [s.id, s.status, s.error]))}`);
    return r.status === 'succeeded' ? r : undefined;
  });
  expect(done.audit.map((a) => [a.actor, a.action])).toEqual(expect.arrayContaining([['user:default/bob', 'approved']]));
  const topology = await getAs<Topology>(backend, 'carol', `/api/switchyard/topology?entityRef=${PROD_APP}`);
  expect(topology.instances.find((i) => i.role === 'writer')?.id).toBe('prod-app-2');

  const events = await stream;
  const snapshots = events.filter((e) => e.event === 'run').map((e) => JSON.parse(e.data) as Run);
  expect(snapshots[0].id).toBe(run.id);
  expect(snapshots.map((s) => s.status)).toEqual(expect.arrayContaining(['waiting-approval', 'succeeded']));
  expect(snapshots[snapshots.length - 1].status).toBe('succeeded');
  expect(snapshots.map((s) => s.version)).toEqual([...snapshots.map((s) => s.version)].sort((a, b) => a - b));
  // Step changes arrive as they happen. (The approval request itself may precede the stream's
  // connection, which waits for a catalog read of the entity; the waiting-approval snapshot carries it.)
  expect(events.some((e) => e.event === 'log' && JSON.parse(e.data).type === 'step' && JSON.parse(e.data).status === 'succeeded')).toBe(
    true,
  );

  const runs = await getAs<Array<{ id: string }>>(backend, 'carol', `/api/switchyard/runs?entityRef=${PROD_APP}`);
  expect(runs[0].id).toBe(run.id);
  const history = await getAs<{ count: number; succeeded: number }>(backend, 'carol', `/api/switchyard/history?entityRef=${PROD_APP}`);
  expect(history).toMatchObject({ count: 1, succeeded: 1 });
}, 120_000);

it('guest, who anyone is before signing in, may look but not start, approve or control a run on prod-app', async () => {
  expect(await getAs<EntityPermissions>(backend, 'guest', `/api/switchyard/permissions?entityRef=${PROD_APP}`)).toEqual({
    createRun: false,
    approve: false,
    control: false,
    user: 'user:default/guest',
  });
  const started = await post('/api/switchyard/runs', 'guest', { runbook: 'failover.md', entityRef: PROD_APP, params: {} });
  expect(started.status).toBe(403);
  expect(started.body.error.message).toContain('user:default/guest may not start runbooks on resource:default/prod-app');

  // alice's run waits for a second pair of eyes: guest's are not.
  const created = await post('/api/switchyard/runs', 'alice', { runbook: 'failover.md', entityRef: PROD_APP, params: {} });
  expect(created.status).toBe(201);
  const id = (created.body as Run).id;
  await eventually('the approval step', async () => {
    const r = await getAs<Run>(backend, 'guest', `/api/switchyard/runs/${id}`);
    return r.status === 'waiting-approval' ? r : undefined;
  });
  for (const body of [{ action: 'approve' }, { action: 'skip', reason: 'lgtm' }, { action: 'retry' }, { action: 'abort' }]) {
    const refused = await post(`/api/switchyard/runs/${id}/actions`, 'guest', body);
    expect([body.action, refused.status]).toEqual([body.action, 403]);
  }
  expect((await getAs<Run>(backend, 'alice', `/api/switchyard/runs/${id}`)).status).toBe('waiting-approval');
  const aborted = await post(`/api/switchyard/runs/${id}/actions`, 'alice', { action: 'abort', reason: 'test over' });
  expect(aborted.status).toBe(200);
}, 120_000);
