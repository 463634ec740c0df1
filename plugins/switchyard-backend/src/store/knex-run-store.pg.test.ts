/**
 * Two backend replicas on one real PostgreSQL (Debian's postgresql, started for this test): their
 * stores race for the same locks, leases and writes, and their engines for the same runs.
 */
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import {
  LockConflictError,
  loadRunbook,
  planRollout,
  RolloutDriver,
  RolloutLeaseHeldError,
  rolloutFromPlan,
  type Run,
} from '@switchyard/core';
import { startPgServer, type PgServer } from '@switchyard/core/testing/pg-server';
import { startSimulator, type RunningSimulator } from '@switchyard/simulator';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { SimulatorAwsAccess } from '../aws/aws-access';
import { readSwitchyardSettings } from '../config';
import { RunbookLibrary } from '../runbooks/runbook-library';
import { RolloutsService } from '../service/rollouts-service';
import { RunsService } from '../service/runs-service';
import { eventually } from '../testing/eventually';
import { tagGo, WAIT_FOR_GO } from '../testing/fixtures';
import { KnexRunStore } from './knex-run-store';
import { migrateRunStore, TABLES } from './migrations';
import { runStoreBehaviours, testRun } from '@switchyard/core/testing/run-store-behaviours';
import { rolloutStoreBehaviours } from '@switchyard/core/testing/rollout-store-behaviours';

const TARGET = '123456789012:us-east-1';
const ARN = 'arn:aws:rds:us-east-1:123456789012:cluster:prod-app';
const FAILOVER = readFileSync(path.resolve(__dirname, '../../../../runbooks/failover.md'), 'utf8');

let pg: PgServer;
let dbA: Knex;
let dbB: Knex;
let storeA: KnexRunStore;
let storeB: KnexRunStore;

const connect = () =>
  knexFactory({
    client: 'pg',
    connection: { host: '127.0.0.1', port: pg.port, user: 'postgres', database: 'app' },
    pool: { min: 0, max: 10 },
  });

beforeAll(async () => {
  pg = await startPgServer('switchyard-backstage');
  dbA = connect();
  dbB = connect();
  // Both replicas migrate at once at startup: knex's migration lock lets one do it.
  await Promise.all([migrateRunStore(dbA), migrateRunStore(dbB)]);
  storeA = new KnexRunStore(dbA);
  storeB = new KnexRunStore(dbB);
}, 120_000);

afterAll(async () => {
  await Promise.all([dbA?.destroy(), dbB?.destroy()]);
  await pg?.stop();
});

beforeEach(async () => {
  for (const table of [TABLES.leases, TABLES.locks, TABLES.resources, TABLES.runs, TABLES.rollouts]) await dbA(table).delete();
});

describe('store behaviours across two replicas', () => {
  runStoreBehaviours(
    () => storeA,
    () => storeB,
  );
});

describe('rollout store behaviours across two replicas', () => {
  rolloutStoreBehaviours(
    () => storeA,
    () => storeB,
  );
});

const racers = (n: number) => Array.from({ length: n }, (_, i) => (i % 2 ? storeB : storeA));

/** Creates a run holding `keys`; resolves to its id, or to the LockConflictError that refused it. */
const createHolding = (store: KnexRunStore, id: string, keys: string[]) =>
  store.create(testRun(id, 1, { locks: keys })).then(
    () => id,
    (error: unknown) => {
      if (error instanceof LockConflictError) return error;
      throw error;
    },
  );

it('concurrent runs on one cluster: exactly one is recorded with its locks, the rest are told who holds it', async () => {
  for (let round = 0; round < 15; round++) {
    const key = `rds-cluster:race-${round}`;
    const results = await Promise.all(racers(8).map((store, i) => createHolding(store, `run-${round}-${i}`, [key, `extra:${round}-${i}`])));
    const winners = results.filter((r): r is string => typeof r === 'string');
    expect(winners).toHaveLength(1);
    for (const r of results) if (typeof r !== 'string') expect(r).toMatchObject({ resource: key, heldBy: winners[0] });
    // All or nothing: a loser kept none of its keys, and no run record.
    const held = (await storeA.locks()).filter((l) => l.key.includes(`${round}-`) || l.key === key);
    expect(new Set(held.map((l) => l.runId))).toEqual(new Set(winners));
    expect((await storeB.list()).filter((r) => r.id.startsWith(`run-${round}-`)).map((r) => r.id)).toEqual(winners);
  }
});

it('overlapping multi-key runs: the winners never share a key and losers hold nothing', async () => {
  for (let round = 0; round < 15; round++) {
    const k = (name: string) => `r${round}:${name}`;
    const wants = [[k('a'), k('b')], [k('b'), k('c')], [k('c'), k('a')], [k('d')]];
    const results = await Promise.all(wants.map((keys, i) => createHolding(racers(4)[i], `run-${round}-${i}`, keys)));
    const ok = results.map((r) => typeof r === 'string');
    const locks = await storeB.locks();
    const mine = locks.filter((l) => l.key.startsWith(`r${round}:`));
    expect(ok.filter((r, i) => r && i < 3)).toHaveLength(1);
    expect(ok[3]).toBe(true);
    const owners = new Set(mine.map((l) => l.runId));
    expect(owners.size).toBe(2);
    for (const [i, r] of ok.entries()) {
      expect(
        mine
          .filter((l) => l.runId === `run-${round}-${i}`)
          .map((l) => l.key)
          .sort(),
      ).toEqual(r ? [...wants[i]].sort() : []);
    }
  }
});

it('a lock row left by an ended or vanished run (an earlier version wrote locks apart) holds nothing: the next run takes it', async () => {
  await dbA(TABLES.locks).insert({ key: 'rds-cluster:stale', run_id: 'run-gone', acquired_at: Date.now() });
  expect(await storeA.locks()).toEqual([]);
  expect(await createHolding(storeB, 'run-next', ['rds-cluster:stale'])).toBe('run-next');
  expect(await storeA.locks()).toEqual([{ key: 'rds-cluster:stale', runId: 'run-next' }]);
});

it('concurrent claims of one run, fresh or expired: exactly one owner', async () => {
  for (let round = 0; round < 15; round++) {
    const fresh = await Promise.all(racers(8).map((store, i) => store.claim(`fresh-${round}`, `owner-${i}`, 60_000)));
    expect(fresh.filter(Boolean)).toHaveLength(1);
    await storeA.claim(`expired-${round}`, 'gone', 1);
    await new Promise((r) => setTimeout(r, 5));
    const taken = await Promise.all(racers(8).map((store, i) => store.claim(`expired-${round}`, `owner-${i}`, 60_000)));
    expect(taken.filter(Boolean)).toHaveLength(1);
    expect(await storeB.leaseHolder(`expired-${round}`)).toBe(`owner-${taken.indexOf(true)}`);
  }
});

describe('two replicas on one database (the plugin’s RunsService, a RunHost, per replica)', () => {
  let sim: RunningSimulator;
  let replicaA: RunsService;
  let replicaB: RunsService;
  const settings = readSwitchyardSettings(new ConfigReader({ switchyard: { leaseSeconds: 1.5 } }));
  const registry = (store: KnexRunStore) =>
    new RunsService({
      store,
      access: new SimulatorAwsAccess({ url: sim.url, timeScale: 20, regions: async () => ['us-east-1'] }),
      runbooks: new RunbookLibrary(settings.runbookDirs, mockServices.logger.mock()),
      settings,
      logger: mockServices.logger.mock(),
    });

  beforeEach(async () => {
    sim = await startSimulator({ fleet: 'demo', timeScale: 20 });
    replicaA = registry(storeA);
    replicaB = registry(storeB);
  });
  afterEach(async () => {
    await Promise.all([replicaA.shutdown(), replicaB.shutdown()]);
    await sim.stop();
  });

  it('start the failover on both at once: one run; both push it: one driver sends the failover once', async () => {
    const [a, b] = [replicaA.host, replicaB.host];
    const request = {
      file: 'failover.md',
      source: FAILOVER,
      params: { cluster: 'prod-app', target: 'prod-app-2' },
      startedBy: 'alice',
      target: TARGET,
    };
    const started = await Promise.allSettled([a.start(request), b.start(request)]);
    const runs = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    expect(runs).toHaveLength(1);
    expect(started.find((s) => s.status === 'rejected')).toMatchObject({ reason: expect.any(LockConflictError) });
    const id = runs[0].id;
    await eventually('the approval', async () => ((await storeA.get(id))?.status === 'waiting-approval' ? true : undefined));
    sim.control.clearRequests();

    await b.control(id, { action: 'approve' }, { name: 'bob' });
    // Both replicas keep trying to drive it, as their sweepers would.
    let done: Run | undefined;
    while (!done) {
      await Promise.all([a.resume(id), b.resume(id)]);
      const run = await storeB.get(id);
      if (run?.status === 'failed') throw new Error(`the run failed: ${run.steps.map((s) => s.error).join('; ')}`);
      done = run?.status === 'succeeded' ? run : undefined;
      await new Promise((r) => setTimeout(r, 20));
    }
    const failovers = sim.control.requests().filter((r) => r.operation === 'FailoverDBCluster');
    expect(failovers).toHaveLength(1);
    expect(done.steps.map((s) => [s.id, s.attempts])).toEqual(done.steps.map((s) => [s.id, 1]));
    expect(await storeA.locks()).toEqual([]);
  }, 90_000);

  it('a rollout both replicas drive at once: one driver, one run per cluster, each failover sent once', async () => {
    const clusters = ['prod-app', 'billing-db'].map((id) => ({
      id,
      arn: `arn:aws:rds:us-east-1:123456789012:cluster:${id}`,
      region: 'us-east-1',
      engine: 'aurora-postgresql',
      engineVersion: '15.4',
      status: 'available',
      tags: {},
    }));
    const plan = planRollout({
      runbook: loadRunbook('failover.md', FAILOVER),
      fleet: clusters,
      selection: '*',
      template: {},
      waves: '1,rest',
      gate: { kind: 'none' },
      maxFailures: '1',
    });
    const rollout = rolloutFromPlan({
      plan,
      runbook: { file: 'failover.md', title: 'Fail over', source: FAILOVER },
      selection: '*',
      target: TARGET,
      startedBy: 'alice',
      now: new Date(),
      suffix: 'a1b2c3',
    });
    await storeA.createRollout(rollout);
    sim.control.clearRequests();
    const driver = (service: RunsService, store: KnexRunStore) =>
      new RolloutDriver({ host: service.host, store, actor: { name: 'bob', groups: [] }, autoApprove: true, pollMs: 20 });
    const results = await Promise.allSettled([driver(replicaA, storeA).drive(rollout.id), driver(replicaB, storeB).drive(rollout.id)]);
    const driven = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(driven).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: expect.any(RolloutLeaseHeldError) });
    expect(driven[0].rollout.status).toBe('succeeded');
    const runs = (await storeB.list()).filter((r) => r.rollout?.id === rollout.id);
    expect(runs.map((r) => r.rollout?.cluster).sort()).toEqual(['billing-db', 'prod-app']);
    const failovers = sim.control.requests().filter((r) => r.operation === 'FailoverDBCluster');
    expect(failovers.map((f) => f.params.DBClusterIdentifier).sort()).toEqual(['billing-db', 'prod-app']);
  }, 90_000);

  it("the backends' rollout hosting: both replicas sweep for it, one drives; when that one shuts down the other drives it on, no cluster started twice", async () => {
    const clusters = ['prod-app', 'billing-db'].map((id) => ({
      id,
      arn: `arn:aws:rds:us-east-1:123456789012:cluster:${id}`,
      region: 'us-east-1',
      engine: 'aurora-postgresql',
      engineVersion: '15.4',
      status: 'available',
      tags: {},
    }));
    const plan = planRollout({
      runbook: loadRunbook('wait-for-go.md', WAIT_FOR_GO),
      fleet: clusters,
      selection: '*',
      template: {},
      waves: '1,rest',
      gate: { kind: 'none' },
      maxFailures: '1',
    });
    const rollout = rolloutFromPlan({
      plan: { ...plan, clusters: plan.clusters.map((c) => ({ ...c, target: TARGET, entityRef: `resource:default/${c.id}` })) },
      runbook: { file: 'wait-for-go.md', title: 'Wait for go', source: WAIT_FOR_GO },
      selection: '*',
      target: TARGET,
      startedBy: 'alice',
      now: new Date(),
      suffix: 'c0ffee',
    });
    await storeA.createRollout(rollout);
    // Driving reads neither the catalog nor permissions (the router checks those before a control reaches the service).
    const hosting = (runs: RunsService, store: KnexRunStore) =>
      new RolloutsService({
        store,
        runs,
        access: new SimulatorAwsAccess({ url: sim.url, timeScale: 20, regions: async () => ['us-east-1'] }),
        runbooks: new RunbookLibrary(settings.runbookDirs, mockServices.logger.mock()),
        catalog: undefined as never,
        permissions: undefined as never,
        settings,
        logger: mockServices.logger.mock(),
        pollMs: 50,
      });
    const [hostA, hostB] = [hosting(replicaA, storeA), hosting(replicaB, storeB)];
    try {
      hostA.startSweeper(100);
      await eventually('replica A to start wave 1', async () =>
        (await storeA.getRollout(rollout.id))?.clusters[0].status === 'running' ? true : undefined,
      );
      hostB.startSweeper(100);
      // B sweeps too while A drives: nothing changes hands, nothing starts twice.
      await new Promise((r) => setTimeout(r, 500));
      expect((await storeB.list()).filter((r) => r.rollout?.id === rollout.id)).toHaveLength(1);

      await hostA.shutdown();
      // Waves in the selection's order (region, then id): wave 1 is billing-db.
      await tagGo(sim.url, rollout.clusters[0].arn);
      await eventually('replica B to drive wave 2', async () =>
        (await storeB.getRollout(rollout.id))?.clusters[1].status === 'running' ? true : undefined,
      );
      await tagGo(sim.url, rollout.clusters[1].arn);
      const done = await eventually('the rollout to succeed on replica B', async () => {
        const r = await storeB.getRollout(rollout.id);
        return r?.status === 'succeeded' ? r : undefined;
      });
      expect(done.clusters.map((c) => c.status)).toEqual(['succeeded', 'succeeded']);
      const runs = (await storeB.list()).filter((r) => r.rollout?.id === rollout.id);
      expect(runs.map((r) => [r.rollout?.cluster, r.entityRef]).sort()).toEqual([
        ['billing-db', 'resource:default/billing-db'],
        ['prod-app', 'resource:default/prod-app'],
      ]);
    } finally {
      await Promise.all([hostA.shutdown(), hostB.shutdown()]);
    }
  }, 90_000);

  it('a run abandoned by a dead replica is resumed by the other once its lease expires', async () => {
    const deadDb = connect();
    const dead = registry(new KnexRunStore(deadDb));
    const run = await dead.host.start({
      file: 'wait-for-go.md',
      source: WAIT_FOR_GO,
      params: { cluster: 'prod-app' },
      startedBy: 'alice',
      target: TARGET,
    });
    await eventually('the run to wait', async () => ((await storeA.get(run.id))?.status === 'waiting' ? true : undefined));
    // The replica dies: its database connections go away mid-run; it never releases its lease.
    await deadDb.destroy();
    await dead.shutdown();
    expect((await storeB.get(run.id))?.status).toBe('waiting');

    await tagGo(sim.url, ARN);
    replicaB.startSweeper(100);
    const finished = await eventually('the survivor to finish the run', async () => {
      const r = await storeB.get(run.id);
      return r?.status === 'succeeded' ? r : undefined;
    });
    expect(finished.steps.map((s) => s.status)).toEqual(['succeeded', 'succeeded']);
  }, 90_000);

  it('a replica that lost its lease (it stalled, another took the run over) stops driving and leaves the run alone', async () => {
    const engine = replicaA.host;
    const run = await engine.start({
      file: 'wait-for-go.md',
      source: WAIT_FOR_GO,
      params: { cluster: 'prod-app' },
      startedBy: 'alice',
      target: TARGET,
    });
    await eventually('the run to wait', async () => ((await storeA.get(run.id))?.status === 'waiting' ? true : undefined));
    // As if replica A had been paused past its lease and B had claimed the run meanwhile.
    await dbB(TABLES.leases)
      .where({ run_id: run.id })
      .update({ owner: 'replica-b', expires_at: Date.now() + 600_000 });
    const settled = await engine.settled(run.id); // resolves only once A's driver has stopped
    expect(settled.status).toBe('waiting');
    expect(settled.steps[settled.current].error).toBeUndefined();
    expect(await storeB.leaseHolder(run.id)).toBe('replica-b');
  }, 90_000);
});
