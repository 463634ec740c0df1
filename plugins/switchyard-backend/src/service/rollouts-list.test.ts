/**
 * The backend's rollout list: a page of the rollouts whose every cluster the caller may see, read
 * from the knex store's summaries and access column (never the records), filled across store pages
 * when rollouts the caller may not see are left out. Real KnexRunStore on SQLite; the catalog
 * answers getEntitiesByRefs as Backstage's does (null where the caller may not see the entity).
 */
import type { BackstageCredentials, BackstageUserPrincipal } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { testRolloutRecord } from '@switchyard/core/testing/rollout-store-behaviours';
import knexFactory, { type Knex } from 'knex';
import { KnexRunStore } from '../store/knex-run-store';
import { migrateRunStore } from '../store/migrations';
import { RolloutsService, type RolloutsServiceOptions } from './rollouts-service';

let db: Knex;
let store: KnexRunStore;
let catalogCalls: string[][];
const visibleTo: Record<string, string[]> = {
  alice: ['resource:default/pay-1', 'resource:default/pay-2'],
  carol: ['resource:default/an-1'],
};

const userCredentials = (name: string) =>
  ({
    $$type: '@backstage/BackstageCredentials',
    principal: { type: 'user', userEntityRef: `user:default/${name}` },
  }) as BackstageCredentials<BackstageUserPrincipal>;

function service(): RolloutsService {
  const catalog = {
    async getEntitiesByRefs(request: { entityRefs: string[] }, options: { credentials: BackstageCredentials<BackstageUserPrincipal> }) {
      catalogCalls.push(request.entityRefs);
      const who = options.credentials.principal.userEntityRef.split('/')[1];
      return {
        items: request.entityRefs.map((ref) => (visibleTo[who]?.includes(ref) ? { kind: 'Resource', metadata: { name: ref } } : null)),
      };
    },
  } as unknown as CatalogService;
  return new RolloutsService({
    store,
    catalog,
    runs: { host: {}, subscribe: () => () => undefined },
    settings: { leaseMs: 60_000 },
  } as unknown as RolloutsServiceOptions);
}

/** A rollout at minute `m` over clusters of the given entities (undefined: a cluster of no entity). */
async function record(m: number, entities: Array<string | undefined>): Promise<string> {
  const id = `ro-202612050${String(Math.floor(m / 60)).padStart(1, '0')}${String(m % 60).padStart(2, '0')}00-${String(m).padStart(6, '0')}`;
  const r = testRolloutRecord(id, 1, `2026-12-05T0${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}:00.000Z`);
  r.clusters = entities.map((e, i) => ({ ...r.clusters[0], id: `c${i}`, entityRef: e }));
  await store.createRollout(r);
  return id;
}

beforeEach(async () => {
  db = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
  await migrateRunStore(db);
  store = new KnexRunStore(db);
  catalogCalls = [];
});
afterEach(() => db.destroy());

it('pages the rollouts a user may see, filling a page across store pages, without reading a body', async () => {
  const mine: string[] = [];
  const theirs: string[] = [];
  for (let m = 0; m < 12; m++) {
    if (m % 3 === 0) theirs.push(await record(m, ['resource:default/an-1']));
    else mine.push(await record(m, ['resource:default/pay-1', 'resource:default/pay-2']));
  }
  // One rollout mixing a cluster alice may see with one she may not: hers only in part, so not listed for her.
  theirs.push(await record(20, ['resource:default/pay-1', 'resource:default/an-1']));
  // One with a cluster of no entity: services only.
  theirs.push(await record(21, ['resource:default/pay-1', undefined]));
  const bodies: string[] = [];
  db.on('query', (q: { sql: string }) => {
    if (/"body"|`body`/.test(q.sql)) bodies.push(q.sql);
  });
  const svc = service();
  const seen: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await svc.list(userCredentials('alice'), { limit: 3, cursor });
    expect(page.rollouts.length).toBe(page.next ? 3 : page.rollouts.length);
    seen.push(...page.rollouts.map((r) => r.id));
    cursor = page.next;
    pages++;
  } while (cursor && pages < 10);
  expect(seen).toEqual([...mine].reverse());
  expect(pages).toBe(3);
  expect(bodies).toEqual([]);
  expect((await svc.list(userCredentials('carol'), { limit: 50 })).rollouts.map((r) => r.id)).toEqual([...theirs.slice(0, 4)].reverse());
  // A full page says there may be more; with only rollouts she may not see after it, that next page is empty.
  const last = await svc.list(userCredentials('alice'), { limit: 8 });
  expect(last.rollouts).toHaveLength(8);
  expect(last.next).toBeDefined();
  expect((await svc.list(userCredentials('alice'), { limit: 8, cursor: last.next })).rollouts).toEqual([]);
});
