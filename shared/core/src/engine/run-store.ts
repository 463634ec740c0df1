import type { Run, RunStatus, RunSummary } from '../model/run';

export interface RunFilter {
  status?: RunStatus[];
  /** Runs whose params or locks mention this resource id (e.g. a cluster). */
  resource?: string;
  limit?: number;
}

/**
 * Where runs and locks live. Small and transactional so a database-backed store (Backstage) is a
 * thin layer: every write is compare-and-set on `version`, lock acquisition is all-or-nothing.
 */
export interface RunStore {
  create(run: Run): Promise<void>;
  get(runId: string): Promise<Run | undefined>;
  /**
   * Atomically replaces the run if its stored version still equals `run.version - 1`.
   * Returns false when another writer got there first (the caller re-reads and decides).
   */
  put(run: Run): Promise<boolean>;
  list(filter?: RunFilter): Promise<RunSummary[]>;
  /** Takes every key for the run, or none: returns the first key another run holds. */
  acquireLocks(runId: string, keys: string[]): Promise<{ ok: true } | { ok: false; key: string; heldBy: string }>;
  releaseLocks(runId: string): Promise<void>;
  /** Who holds which key now. */
  locks(): Promise<Array<{ key: string; runId: string }>>;
  /**
   * Lease to drive a run: true if `owner` now holds it for `ttlMs` (renewing its own lease is allowed).
   * Two processes never drive one run at once.
   */
  claim(runId: string, owner: string, ttlMs: number): Promise<boolean>;
  release(runId: string, owner: string): Promise<void>;
}
