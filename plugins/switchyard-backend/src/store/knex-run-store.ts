/**
 * The core's RunStore on the Backstage database (knex): SQLite by default, PostgreSQL in
 * production, where several backend replicas share one database.
 *
 * - put: `UPDATE … WHERE id = ? AND version = ?` — compare-and-set — in a transaction that also
 *   deletes the run's lock rows when it ends, or inserts them again when an ended run reopens.
 * - create: one transaction inserting the run, its resources and a lock row per key; the primary key
 *   on `key` makes a second holder impossible, and a conflict rolls the whole run back (all or nothing).
 *   A lock row whose run has ended or is gone (left by a version that wrote locks apart) is cleared
 *   in the same transaction, so nothing stale blocks a run.
 * - claim: a conditional UPDATE (own lease, or expired) else an INSERT; concurrent claimers of
 *   one run meet on the row lock / primary key, so exactly one gets it.
 * Leases use this host's clock: replicas' clocks must agree to well within the lease (NTP does).
 */
import { hostname } from 'node:os';
import type { Knex } from 'knex';
import {
  isEnded,
  LockConflictError,
  resourceRef,
  resourceRefsOf,
  runConcerns,
  summarize,
  rolloutCursor,
  rolloutListPage,
  summarizeRollout,
  type Rollout,
  type RolloutList,
  type RolloutListQuery,
  type RolloutStore,
  type RolloutSummary,
  type Run,
  type RunFilter,
  type RunStatus,
  type RunStore,
  type RunSummary,
} from '@switchyard/core';
import { rolloutAccess, TABLES, type RolloutAccess } from './migrations';
import { isUniqueViolation } from './unique-violation';

export interface KnexRunStoreOptions {
  /** Clock for leases (ms); default Date.now. */
  now?: () => number;
}

export class KnexRunStore implements RunStore, RolloutStore {
  private readonly now: () => number;

  constructor(
    private readonly db: Knex,
    private readonly options: KnexRunStoreOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  async create(run: Run): Promise<void> {
    const locks = isEnded(run.status) ? [] : run.locks;
    await this.withLocks(run.id, locks, async (tx) => {
      if (await tx(TABLES.runs).where({ id: run.id }).first('id')) throw new Error(`run ${run.id} already exists`);
      // The run's target, entity and locks are in its first write: a run never exists without them.
      await tx(TABLES.runs).insert({
        ...columns(run),
        id: run.id,
        target_key: run.target.key ?? '',
        entity_ref: run.entityRef ?? null,
        created_at: run.createdAt,
      });
      const resources = resourceRefsOf(run);
      if (resources.length) await tx(TABLES.resources).insert(resources.map((resource) => ({ run_id: run.id, resource })));
    });
  }

  async get(runId: string): Promise<Run | undefined> {
    const row: (RunRow & { body: string }) | undefined = await this.db(TABLES.runs)
      .where({ id: runId })
      .first('body', 'target_key', 'entity_ref');
    return row ? recorded<Run>(row.body, row) : undefined;
  }

  async put(run: Run): Promise<boolean> {
    const stored: { status: RunStatus } | undefined = await this.db(TABLES.runs)
      .where({ id: run.id, version: run.version - 1 })
      .first('status');
    if (!stored) return false;
    const reopens = isEnded(stored.status) && !isEnded(run.status);
    let changed = 0;
    await this.withLocks(run.id, reopens ? run.locks : [], async (tx) => {
      changed = await tx(TABLES.runs)
        .where({ id: run.id, version: run.version - 1 })
        .update(columns(run));
      if (changed !== 1) throw new LostRace();
      // An ending run releases its locks in this same transaction.
      if (isEnded(run.status)) await tx(TABLES.locks).where({ run_id: run.id }).delete();
    }).catch((error: unknown) => {
      if (!(error instanceof LostRace)) throw error;
    });
    return changed === 1;
  }

  /**
   * Runs `work` in a transaction that also takes `keys` for the run: all of them or, with
   * LockConflictError naming a holder, none (and nothing `work` wrote). Keys sorted, so two
   * transactions inserting overlapping keys wait on each other instead of deadlocking.
   */
  private async withLocks(runId: string, keys: readonly string[], work: (tx: Knex.Transaction) => Promise<void>): Promise<void> {
    const wanted = [...new Set(keys)].sort();
    for (let attempt = 0; attempt < 20; attempt++) {
      try {
        await this.db.transaction(async (tx) => {
          if (wanted.length) {
            const held = await heldBy(tx, wanted);
            const other = held.find((h) => h.runId !== runId && h.holderOpen);
            if (other) throw new LockConflictError(other.key, other.runId);
            // Rows of ended or vanished runs hold nothing: clear them in this transaction.
            const stale = held.filter((h) => !h.holderOpen).map((h) => h.key);
            if (stale.length) await tx(TABLES.locks).whereIn('key', stale).delete();
            const mine = new Set(held.filter((h) => h.runId === runId && h.holderOpen).map((h) => h.key));
            const at = this.now();
            for (const key of wanted.filter((k) => !mine.has(k))) await tx(TABLES.locks).insert({ key, run_id: runId, acquired_at: at });
          }
          await work(tx);
        });
        return;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // Another run inserted one of the keys (or the run id) first; the whole attempt rolled back. Who holds it?
        const other = (await heldBy(this.db, wanted)).find((h) => h.runId !== runId && h.holderOpen);
        if (other) throw new LockConflictError(other.key, other.runId);
        if (!wanted.length) throw error;
        // It was released in between: try again.
      }
    }
    throw new Error(`could not take the locks ${wanted.join(', ')} for run ${runId}: they keep changing hands; try again`);
  }

  async list(filter: RunFilter = {}): Promise<RunSummary[]> {
    const query = this.db(TABLES.runs)
      .select('summary', 'target_key', 'entity_ref')
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    if (filter.status) query.whereIn('status', filter.status);
    const about = filter.resource === undefined ? undefined : resourceRef(filter.resource, { account: '', region: '' });
    if (filter.resource !== undefined) {
      // Candidates by id from the index (`id@account/region`), then the exact rule on each summary.
      const like = `${(about?.id ?? '').replace(/[\\%_]/g, (c) => `\\${c}`)}@%`;
      query.whereIn('id', this.db(TABLES.resources).select('run_id').whereRaw("resource like ? escape '\\'", [like]));
    } else if (filter.limit !== undefined) {
      query.limit(filter.limit);
    }
    const rows: Array<RunRow & { summary: string }> = await query;
    const summaries = rows.map((r) => recorded<RunSummary>(r.summary, r));
    if (filter.resource === undefined) return summaries;
    return summaries.filter((s) => runConcerns(s, filter.resource!)).slice(0, filter.limit ?? Infinity);
  }

  /** Newest first: the runs started from an entity, and those about its cluster (started elsewhere). */
  async listForEntity(
    entityRef: string,
    resource: string,
    filter: { status?: readonly RunStatus[]; limit?: number } = {},
  ): Promise<RunSummary[]> {
    const query = this.db(TABLES.runs)
      .select('summary', 'target_key', 'entity_ref')
      .where((q) => q.where({ entity_ref: entityRef }).orWhereIn('id', this.db(TABLES.resources).select('run_id').where({ resource })))
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    if (filter.status) query.whereIn('status', filter.status);
    if (filter.limit !== undefined) query.limit(filter.limit);
    const rows: Array<RunRow & { summary: string }> = await query;
    return rows.map((r) => recorded<RunSummary>(r.summary, r));
  }

  /**
   * Whole runs (newest first), e.g. for the switchover history: with `resources` and/or
   * `entityRefs`, the runs about one of the resources or started from one of the entities.
   */
  async runs(filter: { status?: readonly RunStatus[]; resources?: string[]; entityRefs?: string[]; limit?: number } = {}): Promise<Run[]> {
    const query = this.db(TABLES.runs)
      .select('body', 'target_key', 'entity_ref')
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    if (filter.status) query.whereIn('status', filter.status);
    const { resources, entityRefs } = filter;
    if (resources && entityRefs) {
      query.where((q) =>
        q.whereIn('entity_ref', entityRefs).orWhereIn('id', this.db(TABLES.resources).select('run_id').whereIn('resource', resources)),
      );
    } else if (resources) query.whereIn('id', this.db(TABLES.resources).select('run_id').whereIn('resource', resources));
    else if (entityRefs) query.whereIn('entity_ref', entityRefs);
    if (filter.limit !== undefined) query.limit(filter.limit);
    const rows: Array<RunRow & { body: string }> = await query;
    return rows.map((r) => recorded<Run>(r.body, r));
  }

  /** The locks of the open runs (a row left by an ended or missing run holds nothing). */
  async locks(): Promise<Array<{ key: string; runId: string }>> {
    const rows: Array<{ key: string; run_id: string; status: RunStatus | null }> = await this.db(TABLES.locks)
      .leftJoin(TABLES.runs, `${TABLES.locks}.run_id`, `${TABLES.runs}.id`)
      .select(`${TABLES.locks}.key as key`, `${TABLES.locks}.run_id as run_id`, `${TABLES.runs}.status as status`)
      .orderBy(`${TABLES.locks}.key`);
    return rows.filter((r) => r.status !== null && !isEnded(r.status)).map((r) => ({ key: r.key, runId: r.run_id }));
  }

  async claim(runId: string, owner: string, ttlMs: number): Promise<boolean> {
    const now = this.now();
    const lease = { owner, expires_at: now + ttlMs };
    // Renew our own lease or take an expired one; the row lock serialises concurrent claimers.
    const taken = await this.db(TABLES.leases)
      .where({ run_id: runId })
      .andWhere((q) => q.where({ owner }).orWhere('expires_at', '<=', now))
      .update(lease);
    if (taken === 1) return true;
    try {
      await this.db(TABLES.leases).insert({ run_id: runId, ...lease });
      return true;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    // Held and not expired. A holder that was a process on this host and has died holds nothing.
    const holder = await this.db(TABLES.leases).where({ run_id: runId }).first('owner');
    if (holder && ownerIsDeadHere(holder.owner)) {
      return (await this.db(TABLES.leases).where({ run_id: runId, owner: holder.owner }).update(lease)) === 1;
    }
    return false;
  }

  async release(runId: string, owner: string): Promise<void> {
    await this.db(TABLES.leases).where({ run_id: runId, owner }).delete();
  }

  async createRollout(rollout: Rollout): Promise<void> {
    try {
      await this.db(TABLES.rollouts).insert({ id: rollout.id, created_at: rollout.createdAt, ...rolloutColumns(rollout) });
    } catch (error) {
      if (isUniqueViolation(error)) throw new Error(`rollout ${rollout.id} already exists`);
      throw error;
    }
  }

  async getRollout(id: string): Promise<Rollout | undefined> {
    const row: { body: string } | undefined = await this.db(TABLES.rollouts).where({ id }).first('body');
    return row ? (JSON.parse(row.body) as Rollout) : undefined;
  }

  /** Compare-and-set: `UPDATE … WHERE id = ? AND version = ?`; two replicas writing one version, one wins. */
  async putRollout(rollout: Rollout): Promise<boolean> {
    const changed = await this.db(TABLES.rollouts)
      .where({ id: rollout.id, version: rollout.version - 1 })
      .update(rolloutColumns(rollout));
    return changed === 1;
  }

  /** A page of summaries: the summary column of `limit + 1` rows after the cursor (never the bodies). */
  async listRollouts(query?: RolloutListQuery): Promise<RolloutList> {
    const page = rolloutListPage(query);
    const q = this.db(TABLES.rollouts)
      .select('summary')
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(page.limit + 1);
    const after = page.after;
    if (after)
      q.where((w) =>
        w.where('created_at', '<', after.createdAt).orWhere((e) => e.where('created_at', after.createdAt).andWhere('id', '<', after.id)),
      );
    const rows: Array<{ summary: string }> = await q;
    const rollouts = rows.slice(0, page.limit).map((r) => JSON.parse(r.summary) as RolloutSummary);
    return rows.length > page.limit ? { rollouts, next: rolloutCursor(rollouts[rollouts.length - 1]) } : { rollouts };
  }

  /** What listing each of these rollouts checks (their clusters' entity refs), by id; no bodies read. */
  async rolloutAccess(ids: readonly string[]): Promise<Map<string, RolloutAccess>> {
    const out = new Map<string, RolloutAccess>();
    if (!ids.length) return out;
    const rows: Array<{ id: string; access: string | null; body?: string }> = await this.db(TABLES.rollouts)
      .whereIn('id', [...ids])
      .select('id', 'access');
    for (const row of rows) {
      if (row.access) out.set(row.id, JSON.parse(row.access) as RolloutAccess);
    }
    return out;
  }

  /** Who drives the run now, if anyone (an expired lease counts as nobody). */
  async leaseHolder(runId: string): Promise<string | undefined> {
    const row = await this.db(TABLES.leases).where({ run_id: runId }).first('owner', 'expires_at');
    return row && Number(row.expires_at) > this.now() ? row.owner : undefined;
  }
}

/** Another writer updated the run first (compare-and-set lost): nothing is written. */
class LostRace extends Error {}

/** Who holds each of `keys`, and whether the holder is an open run (a row of an ended or missing run holds nothing). */
async function heldBy(db: Knex | Knex.Transaction, keys: string[]): Promise<Array<{ key: string; runId: string; holderOpen: boolean }>> {
  if (!keys.length) return [];
  const rows: Array<{ key: string; run_id: string; status: RunStatus | null }> = await db(TABLES.locks)
    .leftJoin(TABLES.runs, `${TABLES.locks}.run_id`, `${TABLES.runs}.id`)
    .whereIn(`${TABLES.locks}.key`, keys)
    .select(`${TABLES.locks}.key as key`, `${TABLES.locks}.run_id as run_id`, `${TABLES.runs}.status as status`);
  return rows.map((r) => ({ key: r.key, runId: r.run_id, holderOpen: r.status !== null && !isEnded(r.status) }));
}

interface RunRow {
  target_key: string | null;
  entity_ref: string | null;
}

/**
 * A stored run or summary as the core knows it. Runs written before runs carried their target key
 * and entity ref (migration 20261204_01) get them from their columns.
 */
function recorded<T extends Pick<Run, 'target' | 'entityRef'>>(json: string, row: RunRow): T {
  const value = JSON.parse(json) as T;
  if (value.target && value.target.key === undefined && row.target_key) value.target = { ...value.target, key: row.target_key };
  if (value.entityRef === undefined && row.entity_ref) value.entityRef = row.entity_ref;
  return value;
}

function rolloutColumns(rollout: Rollout) {
  return {
    version: rollout.version,
    status: rollout.status,
    updated_at: rollout.updatedAt,
    summary: JSON.stringify(summarizeRollout(rollout)),
    access: JSON.stringify(rolloutAccess(rollout)),
    body: JSON.stringify(rollout),
  };
}

function columns(run: Run) {
  return {
    version: run.version,
    status: run.status,
    updated_at: run.updatedAt,
    summary: JSON.stringify(summarize(run)),
    body: JSON.stringify(run),
  };
}

/** Engine owner ids look like `host:pid:random`; a lease of a dead process on this host is void. */
function ownerIsDeadHere(owner: string): boolean {
  const [host, pid] = owner.split(':');
  if (host !== hostname() || !(Number(pid) > 0)) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'EPERM';
  }
}
