import knexFactory, { type Knex } from 'knex';
import { KnexRunStore } from './knex-run-store';
import { migrateRunStore, migrationSource, MIGRATIONS_TABLE, TABLES } from './migrations';
import { runStoreBehaviours, testRun } from '@switchyard/core/testing/run-store-behaviours';
import { rolloutStoreBehaviours, testRolloutRecord } from '@switchyard/core/testing/rollout-store-behaviours';
import { summarizeRollout } from '@switchyard/core';

describe('KnexRunStore on SQLite (better-sqlite3, in memory)', () => {
  let db: Knex;
  let store: KnexRunStore;
  beforeEach(async () => {
    db = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
    await migrateRunStore(db);
    store = new KnexRunStore(db);
  });
  afterEach(() => db.destroy());

  runStoreBehaviours(() => store);
  describe('rollouts', () => rolloutStoreBehaviours(() => store));

  it('migrates idempotently', async () => {
    await migrateRunStore(db);
    await store.create(testRun('r1'));
    expect(await store.get('r1')).toEqual(testRun('r1'));
  });

  it("records the target key and entity ref in the run's first write, and finds the entity's runs by them", async () => {
    const run = {
      ...testRun('r1'),
      target: { key: '123456789012:us-east-1', endpoint: 'aws', region: 'us-east-1' },
      entityRef: 'resource:default/prod-app',
    };
    await store.create(run);
    expect(await store.get('r1')).toEqual(run);
    expect((await store.listForEntity('resource:default/prod-app', 'nothing')).map((r) => [r.id, r.target.key, r.entityRef])).toEqual([
      ['r1', '123456789012:us-east-1', 'resource:default/prod-app'],
    ]);
    expect(await db(TABLES.runs).where({ id: 'r1' }).first('target_key', 'entity_ref')).toEqual({
      target_key: '123456789012:us-east-1',
      entity_ref: 'resource:default/prod-app',
    });
  });

  it('reports the live lease holder only', async () => {
    expect(await store.leaseHolder('r1')).toBeUndefined();
    await store.claim('r1', 'me', 60_000);
    expect(await store.leaseHolder('r1')).toBe('me');
  });
});

it('upgrades runs recorded before the target key: the column is filled from scope, bodies get key and entity from their columns', async () => {
  const db = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
  try {
    await db.migrate.up({ migrationSource, tableName: MIGRATIONS_TABLE }); // only the first migration: the old schema
    const old = testRun('old'); // its body has no target.key and no entityRef
    delete old.target.key;
    await db(TABLES.runs).insert({
      id: old.id,
      version: old.version,
      status: old.status,
      scope: '123456789012:eu-west-1',
      entity_ref: 'resource:default/billing-db',
      created_at: old.createdAt,
      updated_at: old.updatedAt,
      summary: JSON.stringify({ id: old.id, status: old.status, target: old.target }),
      body: JSON.stringify(old),
    });
    await migrateRunStore(db);
    const store = new KnexRunStore(db);
    const run = await store.get('old');
    expect([run?.target.key, run?.entityRef]).toEqual(['123456789012:eu-west-1', 'resource:default/billing-db']);
    expect((await store.list()).map((r) => [r.target.key, r.entityRef])).toEqual([
      ['123456789012:eu-west-1', 'resource:default/billing-db'],
    ]);
  } finally {
    await db.destroy();
  }
});

it('indexes the resources a run is about in its account and region: a same-named cluster elsewhere is another resource', async () => {
  const db = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
  try {
    await migrateRunStore(db);
    const store = new KnexRunStore(db);
    const place = (account: string, region: string) => ({ key: `${account}:${region}`, endpoint: 'aws', region, account });
    await store.create(testRun('here', 1, { params: { cluster: 'PROD-APP' }, locks: [], target: place('111111111111', 'us-east-1') }));
    await store.create(
      testRun('other-account', 2, { params: { cluster: 'prod-app' }, locks: [], target: place('222222222222', 'us-east-1') }),
    );
    await store.create(
      testRun('other-region', 3, { params: { cluster: 'prod-app' }, locks: [], target: place('111111111111', 'eu-west-1') }),
    );
    const arn = 'arn:aws:rds:us-east-1:111111111111:cluster:prod-app';
    await store.create(testRun('by-arn', 4, { params: { cluster: arn }, locks: [], target: place('222222222222', 'eu-west-1') }));
    const about = async (ref: string) => (await store.listForEntity('resource:default/none', ref)).map((r) => r.id).sort();
    expect(await about('prod-app@111111111111/us-east-1')).toEqual(['by-arn', 'here']);
    expect(await about('prod-app@222222222222/us-east-1')).toEqual(['other-account']);
    expect((await store.runs({ resources: ['prod-app@111111111111/eu-west-1'] })).map((r) => r.id)).toEqual(['other-region']);
    // A run started from an entity counts for it even when nothing it names is the entity's any more
    // (a Blue/Green run names a deployment, deleted at cleanup); either matches, neither widens the other.
    await store.create(
      testRun('from-entity', 5, {
        params: { deployment: 'gone' },
        locks: [],
        target: place('111111111111', 'us-east-1'),
        entityRef: 'resource:default/prod-app',
      }),
    );
    const ids = async (filter: Parameters<typeof store.runs>[0]) => (await store.runs(filter)).map((r) => r.id).sort();
    expect(await ids({ resources: ['prod-app@111111111111/eu-west-1'], entityRefs: ['resource:default/prod-app'] })).toEqual([
      'from-entity',
      'other-region',
    ]);
    expect(await ids({ entityRefs: ['resource:default/prod-app'] })).toEqual(['from-entity']);
    expect(await ids({ entityRefs: ['resource:default/other'] })).toEqual([]);
  } finally {
    await db.destroy();
  }
});

it('upgrades rollouts recorded before the list read only summaries: their summary gains the runbook, their access is filled from the body', async () => {
  const db = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
  try {
    // Every migration up to the rollouts table: the schema of the version before.
    for (let i = 0; i < 3; i++) await db.migrate.up({ migrationSource, tableName: MIGRATIONS_TABLE });
    const ids = Array.from({ length: 230 }, (_, i) => `ro-20261205${String(100000 + i).slice(0, 6)}-${String(i).padStart(6, '0')}`);
    for (const [i, id] of ids.entries()) {
      const r = testRolloutRecord(id, 1, `2026-12-05T00:00:${String(i % 60).padStart(2, '0')}.${String(i).padStart(3, '0')}Z`);
      r.clusters[0].entityRef = 'resource:default/pay-1';
      if (i % 2) r.clusters[1].entityRef = 'resource:default/pay-2';
      const { runbook: _runbook, ...oldSummary } = summarizeRollout(r);
      await db(TABLES.rollouts).insert({
        id,
        version: 1,
        status: r.status,
        created_at: r.createdAt,
        updated_at: r.updatedAt,
        summary: JSON.stringify(oldSummary),
        body: JSON.stringify(r),
      });
    }
    await migrateRunStore(db);
    const store = new KnexRunStore(db);
    const all = (await store.listRollouts({ limit: 500 })).rollouts;
    expect(all).toHaveLength(230);
    expect(all.every((s) => s.runbook.file === 'f.md')).toBe(true);
    const access = await store.rolloutAccess([ids[0], ids[1]]);
    expect(access.get(ids[0])).toEqual({ entityRefs: ['resource:default/pay-1'], withoutEntity: true });
    expect(access.get(ids[1])).toEqual({ entityRefs: ['resource:default/pay-1', 'resource:default/pay-2'], withoutEntity: false });
  } finally {
    await db.destroy();
  }
});
