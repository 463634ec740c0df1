/**
 * The core's RunStore on the Backstage database (knex): SQLite by default, PostgreSQL in
 * production, where several backend replicas share one database.
 *
 * - put: `UPDATE … WHERE id = ? AND version = ?` — compare-and-set in one statement.
 * - acquireLocks: one transaction inserting a row per key; the primary key on `key` makes a second
 *   holder impossible, and a conflict rolls back every key of the attempt (all or nothing).
 * - claim: a conditional UPDATE (own lease, or expired) else an INSERT; concurrent claimers of
 *   one run meet on the row lock / primary key, so exactly one gets it.
 * Leases use this host's clock: replicas' clocks must agree to well within the lease (NTP does).
 */
import { hostname } from 'node:os';
import type { Knex } from 'knex';
import { summarize, type Run, type RunFilter, type RunStatus, type RunStore, type RunSummary } from '@switchyard/core';
import { TABLES } from './migrations';
import { isUniqueViolation } from './unique-violation';

export interface KnexRunStoreOptions {
  /** Clock for leases (ms); default Date.now. */
  now?: () => number;
}

/** Longest resource value indexed for `list({ resource })` (longer param values are SQL, prose…). */
const MAX_RESOURCE = 512;

export class KnexRunStore implements RunStore {
  private readonly now: () => number;

  constructor(
    private readonly db: Knex,
    private readonly options: KnexRunStoreOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  async create(run: Run): Promise<void> {
    try {
      await this.db.transaction(async (tx) => {
        // The run's target and entity are in its first write: a run never exists without them.
        await tx(TABLES.runs).insert({
          ...columns(run),
          id: run.id,
          target_key: run.target.key ?? '',
          entity_ref: run.entityRef ?? null,
          created_at: run.createdAt,
        });
        const resources = resourcesOf(run);
        if (resources.length) await tx(TABLES.resources).insert(resources.map((resource) => ({ run_id: run.id, resource })));
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new Error(`run ${run.id} already exists`);
      throw error;
    }
  }

  async get(runId: string): Promise<Run | undefined> {
    const row: (RunRow & { body: string }) | undefined = await this.db(TABLES.runs)
      .where({ id: runId })
      .first('body', 'target_key', 'entity_ref');
    return row ? recorded<Run>(row.body, row) : undefined;
  }

  async put(run: Run): Promise<boolean> {
    const changed = await this.db(TABLES.runs)
      .where({ id: run.id, version: run.version - 1 })
      .update(columns(run));
    return changed === 1;
  }

  async list(filter: RunFilter = {}): Promise<RunSummary[]> {
    const query = this.db(TABLES.runs)
      .select('summary', 'target_key', 'entity_ref')
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    if (filter.status) query.whereIn('status', filter.status);
    if (filter.resource !== undefined) {
      query.whereIn('id', this.db(TABLES.resources).select('run_id').where({ resource: filter.resource }));
    }
    if (filter.limit !== undefined) query.limit(filter.limit);
    const rows: Array<RunRow & { summary: string }> = await query;
    return rows.map((r) => recorded<RunSummary>(r.summary, r));
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

  /** Whole runs (newest first), e.g. for the switchover history. */
  async runs(filter: { status?: readonly RunStatus[]; resources?: string[]; limit?: number } = {}): Promise<Run[]> {
    const query = this.db(TABLES.runs)
      .select('body', 'target_key', 'entity_ref')
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    if (filter.status) query.whereIn('status', filter.status);
    if (filter.resources) query.whereIn('id', this.db(TABLES.resources).select('run_id').whereIn('resource', filter.resources));
    if (filter.limit !== undefined) query.limit(filter.limit);
    const rows: Array<RunRow & { body: string }> = await query;
    return rows.map((r) => recorded<Run>(r.body, r));
  }

  async acquireLocks(runId: string, keys: string[]): Promise<{ ok: true } | { ok: false; key: string; heldBy: string }> {
    // Sorted, so two transactions inserting overlapping keys wait on each other instead of deadlocking.
    const wanted = [...new Set(keys)].sort();
    for (let attempt = 0; attempt < 20; attempt++) {
      try {
        const conflict = await this.db.transaction(async (tx) => {
          const held: Array<{ key: string; run_id: string }> = await tx(TABLES.locks).whereIn('key', wanted).select('key', 'run_id');
          const other = firstHeldByOther(held, wanted, runId);
          if (other) return other;
          const mine = new Set(held.map((h) => h.key));
          const missing = wanted.filter((k) => !mine.has(k));
          const at = this.now();
          for (const key of missing) await tx(TABLES.locks).insert({ key, run_id: runId, acquired_at: at });
          return undefined;
        });
        return conflict ?? { ok: true };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // Another run inserted one of the keys first; our whole attempt was rolled back. Who holds it?
        const held: Array<{ key: string; run_id: string }> = await this.db(TABLES.locks).whereIn('key', wanted).select('key', 'run_id');
        const other = firstHeldByOther(held, wanted, runId);
        if (other) return other;
        // It was released in between: try again.
      }
    }
    throw new Error(`could not take the locks ${wanted.join(', ')} for run ${runId}: they keep changing hands; try again`);
  }

  async releaseLocks(runId: string): Promise<void> {
    await this.db(TABLES.locks).where({ run_id: runId }).delete();
  }

  async locks(): Promise<Array<{ key: string; runId: string }>> {
    const rows: Array<{ key: string; run_id: string }> = await this.db(TABLES.locks).select('key', 'run_id').orderBy('key');
    return rows.map((r) => ({ key: r.key, runId: r.run_id }));
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

  /** Who drives the run now, if anyone (an expired lease counts as nobody). */
  async leaseHolder(runId: string): Promise<string | undefined> {
    const row = await this.db(TABLES.leases).where({ run_id: runId }).first('owner', 'expires_at');
    return row && Number(row.expires_at) > this.now() ? row.owner : undefined;
  }
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

function columns(run: Run) {
  return {
    version: run.version,
    status: run.status,
    updated_at: run.updatedAt,
    summary: JSON.stringify(summarize(run)),
    body: JSON.stringify(run),
  };
}

function firstHeldByOther(held: Array<{ key: string; run_id: string }>, wanted: string[], runId: string) {
  const holders = new Map(held.map((h) => [h.key, h.run_id]));
  const key = wanted.find((k) => holders.has(k) && holders.get(k) !== runId);
  return key ? { ok: false as const, key, heldBy: holders.get(key)! } : undefined;
}

/** What `list({ resource })` matches, exactly as the file store: a string param value, or a lock key's suffix after a `:`. */
export function resourcesOf(run: Run): string[] {
  const values = new Set<string>();
  for (const v of Object.values(run.params)) if (typeof v === 'string' && v) values.add(v);
  for (const key of run.locks) {
    for (let i = key.indexOf(':'); i >= 0; i = key.indexOf(':', i + 1)) values.add(key.slice(i + 1));
  }
  return [...values].filter((v) => v.length > 0 && v.length <= MAX_RESOURCE);
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
