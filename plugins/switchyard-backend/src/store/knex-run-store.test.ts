import knexFactory, { type Knex } from 'knex';
import { KnexRunStore, resourcesOf } from './knex-run-store';
import { migrateRunStore } from './migrations';
import { runStoreBehaviours, testRun } from './testing/run-store-behaviours';

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

  it('migrates idempotently', async () => {
    await migrateRunStore(db);
    await store.create(testRun('r1'));
    expect(await store.get('r1')).toEqual(testRun('r1'));
  });

  it('records the scope of the engine that created a run', async () => {
    await store.withScope('123456789012:us-east-1').create(testRun('r1'));
    await store.withScope('123456789012:eu-west-1').create({ ...testRun('r2'), status: 'succeeded' });
    expect(await store.scopes(['running'])).toEqual([{ id: 'r1', scope: '123456789012:us-east-1' }]);
  });

  it('reports the live lease holder only', async () => {
    expect(await store.leaseHolder('r1')).toBeUndefined();
    await store.claim('r1', 'me', 60_000);
    expect(await store.leaseHolder('r1')).toBe('me');
  });
});

it('indexes the resources a run is about as the file store matches them', () => {
  const run = testRun('r', 1, { params: { cluster: 'prod-app', n: 3, empty: '' }, locks: ['global-cluster:g1', 'blue-green:a:b'] });
  expect(resourcesOf(run).sort()).toEqual(['a:b', 'b', 'g1', 'prod-app']);
});
