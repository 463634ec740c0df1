/**
 * Rollouts through the REST API on the full stack (catalog, permission backend with the default
 * policy, the simulator): plan previews per cluster, permissions per entity (the plan refused whole,
 * naming the clusters), hostile selections and bodies, and a rollout driven by the backend through
 * its waves, paused and resumed, with every control audited in the rollout.
 *
 * The demo catalog: alice and bob (payments) own prod-app, prod-app-eu and billing-db; carol
 * (analytics) owns analytics-db.
 */
import { rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { RolloutList, RolloutPlanResponse, RolloutView, Run } from '@switchyard/backstage-plugin-switchyard-common';
import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { startSimulator, type RunningSimulator } from '@switchyard/simulator';
import request from 'supertest';
import { tagGo, testRunbookDir } from './testing/fixtures';
import { eventually, getAs, startFullBackend, tokenOf, waitForEntity, type TestBackend } from './testing/test-backend';

const ARN = (id: string) => `arn:aws:rds:us-east-1:123456789012:cluster:${id}`;
let sim: RunningSimulator;
let backend: TestBackend;
let runbooks: string;

/** An http block whose host each cluster's params give: the plan checks it as each run's start would. */
const DRAIN = `---
title: Drain
params:
  cluster: { type: rds-cluster, required: true }
  maintenance_url: { type: string, required: true }
locks: ["rds-cluster:{{ cluster }}"]
---
## Drain {#drain}

\`\`\`http
method: POST
url: "{{ maintenance_url }}/drain"
\`\`\`
`;

/** Every auditor event the plugin records, with how it ended. */
const audited: Array<{ eventId: string; meta: Record<string, unknown>; outcome?: 'success' | 'fail' }> = [];
const capturingAuditor = createServiceFactory({
  service: coreServices.auditor,
  deps: {},
  factory: () => ({
    async createEvent(options: { eventId: string; meta?: Record<string, unknown> }) {
      const event: (typeof audited)[number] = { eventId: options.eventId, meta: { ...options.meta } };
      audited.push(event);
      return {
        async success(o?: { meta?: Record<string, unknown> }) {
          Object.assign(event.meta, o?.meta);
          event.outcome = 'success';
        },
        async fail() {
          event.outcome = 'fail';
        },
      };
    },
  }),
});

beforeAll(async () => {
  sim = await startSimulator({ fleet: 'demo', timeScale: 20 });
  runbooks = testRunbookDir();
  writeFileSync(path.join(runbooks, 'drain.md'), DRAIN);
  backend = await startFullBackend(
    {
      simulator: { url: sim.url, timeScale: 20, catalog: true },
      runbookDirs: [path.resolve(__dirname, '../../../runbooks'), runbooks],
      http: { allowedHosts: ['maint.internal'], secrets: {} },
    },
    { features: [capturingAuditor] },
  );
  for (const name of ['prod-app', 'billing-db', 'analytics-db']) await waitForEntity(backend, `resource:default/${name}`);
}, 120_000);

afterAll(async () => {
  await backend?.stop();
  await sim?.stop();
  rmSync(runbooks, { recursive: true, force: true });
});

const post = (path: string, user: string, body: unknown) =>
  request(backend.server)
    .post(path)
    .set('Authorization', tokenOf(user))
    .send(body as object);

const PLAN = { runbook: 'wait-for-go.md', waves: '1,rest', maxFailures: '1' };

describe('plan: a dry run with each cluster resolved', () => {
  it("previews each cluster's wave, params, entity and AWS target, and records nothing", async () => {
    const res = await post('/api/switchyard/rollouts/plan', 'alice', { ...PLAN, selection: 'prod-app,billing-db' });
    expect(res.status).toBe(200);
    const plan = res.body as RolloutPlanResponse;
    expect(plan.waves).toEqual([1, 1]);
    expect(plan.clusters.map((c) => [c.id, c.wave, c.params, c.entityRef, c.target])).toEqual([
      ['prod-app', 0, { cluster: 'prod-app' }, 'resource:default/prod-app', '123456789012:us-east-1'],
      ['billing-db', 1, { cluster: 'billing-db' }, 'resource:default/billing-db', '123456789012:us-east-1'],
    ]);
    expect(plan.budget).toEqual({ failures: 1, guardStops: 1 });
    expect(await getAs<RolloutList>(backend, 'alice', '/api/switchyard/rollouts')).toEqual({ rollouts: [] });
  });

  it("resolves params from the cluster's own facts and fills what its database's topology gives", async () => {
    const res = await post('/api/switchyard/rollouts/plan', 'alice', {
      runbook: 'failover.md',
      selection: 'team=checkout|billing,region=us-east-1',
      waves: 'rest',
      maxFailures: '1',
    });
    expect(res.status).toBe(200);
    expect((res.body as RolloutPlanResponse).clusters.map((c) => [c.id, c.params.cluster])).toEqual([
      ['billing-db', 'billing-db'],
      ['prod-app', 'prod-app'],
    ]);
  });
});

describe('permissions per entity and hostile input', () => {
  it('refuses the whole plan when one cluster is not the user’s to run on, naming only that cluster', async () => {
    const res = await post('/api/switchyard/rollouts/plan', 'alice', { ...PLAN, selection: 'prod-app,analytics-db' });
    expect(res.status).toBe(403);
    expect(res.body.error.name).toBe('NotAllowedError');
    expect(res.body.error.message).toMatch(
      /user:default\/alice may not start runbooks on 1 of the 2 cluster\(s\): analytics-db \(resource:default\/analytics-db\)/,
    );
    expect(res.body.error.message).not.toMatch(/prod-app/);
    // Nor may it be started.
    const start = await post('/api/switchyard/rollouts', 'alice', { ...PLAN, selection: 'prod-app,analytics-db' });
    expect(start.status).toBe(403);
    expect(await getAs<RolloutList>(backend, 'alice', '/api/switchyard/rollouts')).toEqual({ rollouts: [] });
  });

  it('is refused however the forbidden cluster is spelled: upper case, its ARN, a tag that selects it, or *', async () => {
    for (const selection of ['ANALYTICS-DB', ARN('analytics-db'), 'prod-app, Analytics-Db', 'team=data', '*']) {
      const res = await post('/api/switchyard/rollouts/plan', 'alice', { ...PLAN, selection });
      expect([selection, res.status]).toEqual([selection, 403]);
      expect(res.body.error.message).toContain('analytics-db (resource:default/analytics-db)');
    }
    // carol owns analytics-db and nothing of payments: the same selections the other way round.
    const carol = await post('/api/switchyard/rollouts/plan', 'carol', { ...PLAN, selection: `analytics-db,${ARN('PROD-APP')}` });
    expect(carol.status).toBe(403);
    expect(carol.body.error.message).toContain('prod-app (resource:default/prod-app)');
    expect((await post('/api/switchyard/rollouts/plan', 'carol', { ...PLAN, selection: 'ANALYTICS-db' })).status).toBe(200);
  });

  it('one cluster named three ways is one cluster', async () => {
    const res = await post('/api/switchyard/rollouts/plan', 'alice', { ...PLAN, selection: `prod-app,PROD-APP,${ARN('prod-app')}` });
    expect(res.status).toBe(200);
    const plan = res.body as RolloutPlanResponse;
    expect(plan.clusters.map((c) => c.id)).toEqual(['prod-app']);
    expect(plan.notes.join(' ')).toMatch(/named more than once, kept once: PROD-APP/);
  });

  it('names unknown clusters, a namesake in another account, and bad waves all at once (400, nothing planned)', async () => {
    const res = await post('/api/switchyard/rollouts/plan', 'alice', {
      ...PLAN,
      selection: `prod-app,nope,arn:aws:rds:us-east-1:999999999999:cluster:billing-db`,
      waves: 'rest,1',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toContain('cluster "nope" is not in the fleet');
    expect(res.body.error.message).toContain('cluster "arn:aws:rds:us-east-1:999999999999:cluster:billing-db" is not in the fleet');
    expect(res.body.error.message).toContain('"rest" can only be the last wave');
  });

  it("refuses a params template that points a cluster's run at another database, or that looks like a flag", async () => {
    const other = await post('/api/switchyard/rollouts/plan', 'alice', {
      runbook: 'failover.md',
      selection: 'prod-app',
      params: { target: 'analytics-db-1' },
      waves: 'rest',
      maxFailures: '1',
    });
    expect(other.status).toBe(400);
    expect(other.body.error.message).toMatch(/prod-app: param target=analytics-db-1 is not part of resource:default\/prod-app/);
    const flag = await post('/api/switchyard/rollouts/plan', 'alice', {
      ...PLAN,
      selection: 'prod-app',
      params: { cluster: '--skip-final-snapshot' },
    });
    expect(flag.status).toBe(400);
    expect(flag.body.error.message).toContain('is not an Aurora cluster identifier');
  });

  it('refuses every cluster whose run’s http block would go off the allow-list, with the params as resolved for it; nothing is started', async () => {
    // prod-app's URL is on the list; billing-db's is the same name spelled with a trailing dot, then with userinfo.
    for (const [other, why] of [
      ['maint.internal.', /leave the dot out/],
      ['maint.internal@evil.example', /without credentials/],
    ] as const) {
      const body = {
        runbook: 'drain.md',
        selection: 'prod-app,billing-db',
        params: { maintenance_url: `https://{{ cluster.id == "prod-app" ? "MAINT.internal" : "${other}" }}` },
        waves: '1,rest',
        maxFailures: '1',
      };
      for (const route of ['/rollouts/plan', '/rollouts']) {
        const res = await post(`/api/switchyard${route}`, 'alice', body);
        expect({ route, status: res.status }).toEqual({ route, status: 400 });
        const lines = (res.body.error.message as string).split('\n').slice(1);
        expect(lines).toEqual([
          expect.stringMatching(/^ {2}billing-db: drain\.md:\d+: the http block \(POST \{\{ maintenance_url \}\}\/drain\)/),
        ]);
        expect(lines[0]).toMatch(why);
      }
    }
    const allowed = await post('/api/switchyard/rollouts/plan', 'alice', {
      runbook: 'drain.md',
      selection: 'prod-app,billing-db',
      params: { maintenance_url: 'https://maint.internal' },
      waves: '1,rest',
      maxFailures: '1',
    });
    expect(allowed.status).toBe(200);
    expect(await getAs<RolloutList>(backend, 'alice', '/api/switchyard/rollouts')).toEqual({ rollouts: [] });
  });

  it('refuses bodies that are not a plan: unknown fields, wrong types, a newline in a value', async () => {
    for (const body of [
      { ...PLAN, selection: 'prod-app', sneaky: true },
      { ...PLAN, selection: 'prod-app', maxConcurrency: '3' },
      { ...PLAN, selection: 'prod-app', gate: { kind: 'pause', seconds: -1 } },
      { ...PLAN, selection: '' },
      { ...PLAN, selection: 'prod-app', params: { cluster: ['prod-app'] } },
    ]) {
      const res = await post('/api/switchyard/rollouts/plan', 'alice', body);
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
      expect(res.body.error.name).toBe('InputError');
    }
    const newline = await post('/api/switchyard/rollouts/plan', 'alice', {
      ...PLAN,
      selection: 'prod-app',
      params: { cluster: 'prod-app\n--x' },
    });
    expect(newline.status).toBe(400);
    // A guest owns nothing: a plan of anything is refused.
    expect((await post('/api/switchyard/rollouts/plan', 'guest', { ...PLAN, selection: 'prod-app' })).status).toBe(403);
  });

  it('a rollout id that does not exist is a 404 in Backstage JSON', async () => {
    const res = await request(backend.server)
      .get('/api/switchyard/rollouts/ro-20261205000000-abcdef')
      .set('Authorization', tokenOf('alice'));
    expect(res.status).toBe(404);
    expect(res.body.error.name).toBe('NotFoundError');
  });
});

describe('a rollout driven by the backend', () => {
  it('starts wave 1, pauses, lets the run in progress finish, resumes into wave 2 and succeeds; every control audited', async () => {
    const created = await post('/api/switchyard/rollouts', 'alice', { ...PLAN, selection: 'prod-app,billing-db', title: 'Go tags' });
    expect(created.status).toBe(201);
    const id = (created.body as RolloutView).rollout.id;
    expect((created.body as RolloutView).rollout).toMatchObject({ title: 'Go tags', startedBy: 'user:default/alice', status: 'running' });
    const view = (user = 'alice') => getAs<RolloutView>(backend, user, `/api/switchyard/rollouts/${id}`);

    const wave1 = await eventually('prod-app to run, from its entity', async () => {
      const v = await view();
      return v.rollout.clusters[0].status === 'running' && v.rollout.clusters[0].runId ? v : undefined;
    });
    expect(wave1.rollout.clusters[1].status).toBe('pending');
    const run = await getAs<Run>(backend, 'alice', `/api/switchyard/runs/${wave1.rollout.clusters[0].runId}`);
    expect(run).toMatchObject({
      entityRef: 'resource:default/prod-app',
      rollout: { id, cluster: 'prod-app' },
      startedBy: 'user:default/alice',
    });
    expect(wave1.controls.map((c) => c.label)).toEqual(['Pause rollout', 'Abort rollout', 'Abort rollout and its runs']);

    // carol may read it but not control it: refused, naming the clusters.
    const carol = await post(`/api/switchyard/rollouts/${id}/actions`, 'carol', { action: 'pause', reason: 'mine now' });
    expect(carol.status).toBe(403);
    expect(carol.body.error.message).toMatch(
      /may not retry, skip, abort or roll back runs on 2 of the 2 cluster\(s\): prod-app .*billing-db/,
    );

    // However the cluster is spelled, a control on it is checked against its entity.
    for (const body of [
      { action: 'skip', cluster: 'PROD-APP', reason: 'not mine' },
      { action: 'retry', clusters: ['Prod-App'] },
    ]) {
      const res = await post(`/api/switchyard/rollouts/${id}/actions`, 'carol', body);
      expect([body.action, res.status]).toEqual([body.action, 403]);
      expect(res.body.error.message).toContain('prod-app (resource:default/prod-app)');
    }
    const paused = await post(`/api/switchyard/rollouts/${id}/actions`, 'bob', { action: 'pause', reason: 'look at wave 1 first' });
    expect(paused.status).toBe(200);
    expect((paused.body as RolloutView).rollout.status).toBe('paused');
    expect((paused.body as RolloutView).controls.map((c) => c.label)).toContain('Resume rollout');
    // A control the state does not allow is a 409 with the core's words.
    const again = await post(`/api/switchyard/rollouts/${id}/actions`, 'bob', { action: 'pause' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/cannot pause rollout .*: it is paused/);

    await tagGo(sim.url, ARN('prod-app'));
    const waveDone = await eventually('prod-app to succeed while paused', async () => {
      const v = await view();
      return v.rollout.clusters[0].status === 'succeeded' ? v : undefined;
    });
    expect(waveDone.rollout.clusters[1].status).toBe('pending');
    expect(waveDone.progress.waves.map((w) => w.done)).toEqual([true, false]);

    const resumed = await post(`/api/switchyard/rollouts/${id}/actions`, 'alice', { action: 'resume' });
    expect(resumed.status).toBe(200);
    await eventually('billing-db to run', async () => ((await view()).rollout.clusters[1].status === 'running' ? true : undefined));
    await tagGo(sim.url, ARN('billing-db'));
    const done = await eventually('the rollout to succeed', async () => {
      const v = await view();
      return v.rollout.status === 'succeeded' ? v : undefined;
    });
    expect(done.progress.counts).toMatchObject({ succeeded: 2, failed: 0, 'guard-stopped': 0 });
    expect(done.switchover.count).toBe(2);
    expect(done.controls).toEqual([]);
    expect(done.rollout.audit.map((a) => [a.actor, a.action])).toEqual(
      expect.arrayContaining([
        ['user:default/alice', 'rollout started'],
        ['user:default/bob', 'rollout pause'],
        ['user:default/alice', 'rollout resume'],
      ]),
    );
    expect(done.rollout.audit.find((a) => a.action === 'rollout pause')?.detail).toContain('look at wave 1 first');
    // And in Backstage's auditor: the start and every control, refused ones too.
    const mine = audited.filter((e) => e.meta.rolloutId === id || e.meta.clusters === 'prod-app,billing-db');
    expect(mine.map((e) => [e.eventId, e.meta.actor, e.meta.action ?? null, e.outcome])).toEqual([
      ['rollout-start', 'user:default/alice', null, 'success'],
      ['rollout-action', 'user:default/carol', 'pause', 'fail'],
      ['rollout-action', 'user:default/carol', 'skip', 'fail'],
      ['rollout-action', 'user:default/carol', 'retry', 'fail'],
      ['rollout-action', 'user:default/bob', 'pause', 'success'],
      ['rollout-action', 'user:default/bob', 'pause', 'fail'],
      ['rollout-action', 'user:default/alice', 'resume', 'success'],
    ]);
    expect(mine.find((e) => e.meta.action === 'pause' && e.outcome === 'success')?.meta.reason).toBe('look at wave 1 first');
    // One run per cluster, each started once.
    const list = await getAs<RolloutList>(backend, 'carol', '/api/switchyard/rollouts');
    expect(list.rollouts.map((r) => [r.id, r.status, r.runbook.file])).toEqual([[id, 'succeeded', PLAN.runbook]]);
    const cost = await request(backend.server).get(`/api/switchyard/rollouts/${id}/cost`).set('Authorization', tokenOf('alice'));
    expect(cost.status).toBe(200);
    // prod-app's Blue/Green green (the demo's deployment to 16.4) runs beside it: it is the rollout's parallel environment.
    expect(cost.body.environments.map((e: { clusterId: string }) => e.clusterId)).toEqual([expect.stringMatching(/^prod-app-green-/)]);
    expect(cost.body.fleet.costSoFar).toBeGreaterThan(0);
    expect(cost.body.fleet.burnPerDay).toBeGreaterThan(0);
  }, 120_000);

  it('lists a page at a time; a limit or cursor that cannot be is a 400 naming it, and nothing is listed', async () => {
    for (const query of [
      'limit=0',
      'limit=501',
      'limit=1e2',
      'limit=-1',
      'limit=1&limit=2',
      "cursor=x' OR 1=1 --",
      'cursor=--limit',
      'cursor=%0A',
    ]) {
      const res = await request(backend.server).get(`/api/switchyard/rollouts?${query}`).set('Authorization', tokenOf('alice'));
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.body.error.message).toMatch(/cannot list rollouts: (limit|cursor|give limit once)/);
    }
    const page = await getAs<RolloutList>(backend, 'alice', '/api/switchyard/rollouts?limit=1');
    expect(page.rollouts.length).toBeLessThanOrEqual(1);
  });

  it("a wave behind an approval gate waits; approving it needs the approve permission on that wave's clusters", async () => {
    // Both clusters carry go=yes from the first rollout: their runs finish as soon as they start.
    const created = await post('/api/switchyard/rollouts', 'alice', {
      ...PLAN,
      selection: 'prod-app,billing-db',
      gate: { kind: 'approval' },
    });
    expect(created.status).toBe(201);
    const id = (created.body as RolloutView).rollout.id;
    const gated = await eventually('wave 1 to finish and wave 2 to wait at its gate', async () => {
      const v = await getAs<RolloutView>(backend, 'alice', `/api/switchyard/rollouts/${id}`);
      return v.rollout.clusters[0].status === 'succeeded' && v.controls.some((c) => c.control.action === 'approve') ? v : undefined;
    });
    expect(gated.rollout.clusters[1].status).toBe('pending');
    expect(gated.controls.find((c) => c.control.action === 'approve')?.label).toBe('Approve wave 2');
    const carol = await post(`/api/switchyard/rollouts/${id}/actions`, 'carol', { action: 'approve' });
    expect(carol.status).toBe(403);
    expect(carol.body.error.message).toMatch(
      /may not approve or reject runs on 1 of the 1 cluster\(s\): billing-db \(resource:default\/billing-db\)/,
    );
    const bob = await post(`/api/switchyard/rollouts/${id}/actions`, 'bob', { action: 'approve', reason: 'wave 1 looks fine' });
    expect(bob.status).toBe(200);
    const done = await eventually('the rollout to succeed', async () => {
      const v = await getAs<RolloutView>(backend, 'alice', `/api/switchyard/rollouts/${id}`);
      return v.rollout.status === 'succeeded' ? v : undefined;
    });
    expect(done.rollout.audit.find((a) => a.action === 'rollout approve')).toMatchObject({
      actor: 'user:default/bob',
      detail: 'wave 2 approved; wave 1 looks fine',
    });
  }, 120_000);

  it('skip needs a reason and a cluster of the rollout; the shape is checked before the state', async () => {
    const created = await post('/api/switchyard/rollouts', 'alice', { ...PLAN, selection: 'prod-app-eu,billing-db', waves: '1,rest' });
    expect(created.status).toBe(201);
    const id = (created.body as RolloutView).rollout.id;
    await eventually('prod-app-eu to run', async () => {
      const v = await getAs<RolloutView>(backend, 'alice', `/api/switchyard/rollouts/${id}`);
      return v.rollout.clusters[0].status === 'running' ? v : undefined;
    });
    const noReason = await post(`/api/switchyard/rollouts/${id}/actions`, 'alice', { action: 'skip', cluster: 'billing-db', reason: '  ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toContain('a skip needs a reason');
    const unknown = await post(`/api/switchyard/rollouts/${id}/actions`, 'alice', { action: 'skip', cluster: 'analytics-db', reason: 'x' });
    expect(unknown.status).toBe(409);
    expect(unknown.body.error.message).toContain('no cluster analytics-db in it');
    const skipped = await post(`/api/switchyard/rollouts/${id}/actions`, 'alice', {
      action: 'skip',
      cluster: 'BILLING-DB',
      reason: 'billing freeze',
    });
    expect(skipped.status).toBe(200);
    expect((skipped.body as RolloutView).rollout.clusters[1]).toMatchObject({ status: 'skipped', reason: 'billing freeze' });
    const aborted = await post(`/api/switchyard/rollouts/${id}/actions`, 'alice', {
      action: 'abort',
      abortRuns: true,
      reason: 'done testing',
    });
    expect(aborted.status).toBe(200);
    await eventually('the eu run to be aborted by the driver', async () => {
      const v = await getAs<RolloutView>(backend, 'alice', `/api/switchyard/rollouts/${id}`);
      return v.rollout.clusters[0].status === 'aborted' ? v : undefined;
    });
  }, 120_000);
});
