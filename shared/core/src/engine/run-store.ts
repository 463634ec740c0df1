import type { Run, RunStatus, RunSummary } from '../model/run';

export interface RunFilter {
  status?: RunStatus[];
  /**
   * Runs about this resource: an id (any account and region, case-insensitive) or an ARN (that
   * account and region), matched against the run's params and locks (model/lock-keys.ts runConcerns).
   */
  resource?: string;
  limit?: number;
}

/**
 * Where runs and locks live. Small and transactional so a database-backed store (Backstage) is a
 * thin layer: every write is compare-and-set on `version`, and a run's locks (`run.locks`) are
 * taken and released in the same atomic write as the run itself — a lock never outlives its run,
 * whatever crash or full disk comes between two writes.
 */
export interface RunStore {
  /**
   * Records a new run and takes all its locks, in one write. Throws LockConflictError (nothing
   * written) when another open run holds one of them.
   */
  create(run: Run): Promise<void>;
  get(runId: string): Promise<Run | undefined>;
  /**
   * Atomically replaces the run if its stored version still equals `run.version - 1`, and in the same
   * write releases its locks when it ends, or takes them again when an ended run opens again (a
   * rollback) — throwing LockConflictError, nothing written, if another open run holds one by then.
   * Returns false when another writer got there first (the caller re-reads and decides).
   */
  put(run: Run): Promise<boolean>;
  list(filter?: RunFilter): Promise<RunSummary[]>;
  /** Who holds which key now: the locks of the open runs. */
  locks(): Promise<Array<{ key: string; runId: string }>>;
  /**
   * Lease to drive a run: true if `owner` now holds it for `ttlMs` (renewing its own lease is allowed).
   * Two processes never drive one run at once.
   */
  claim(runId: string, owner: string, ttlMs: number): Promise<boolean>;
  release(runId: string, owner: string): Promise<void>;
}
