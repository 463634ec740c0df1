import type { Rollout } from './rollout';
import type { RolloutList, RolloutListQuery } from './rollout-list';

/**
 * Where rollouts live, beside the runs (FileRunStore and the Backstage KnexRunStore keep both).
 * Like runs: every write is compare-and-set on `version`, and one process at a time drives a
 * rollout, under a lease (the run store's own `claim`/`release`, keyed by the rollout id).
 */
export interface RolloutStore {
  /** Records a new rollout; throws when one with that id exists. */
  createRollout(rollout: Rollout): Promise<void>;
  getRollout(id: string): Promise<Rollout | undefined>;
  /** Replaces the rollout if its stored version still equals `rollout.version - 1`; false when another writer got there first. */
  putRollout(rollout: Rollout): Promise<boolean>;
  /**
   * One page of summaries, newest first (rollout-list.ts: the order, the cursor, the limits). Reads
   * the summaries only, never every rollout's whole record. A bad limit or cursor throws
   * RolloutListQueryError before anything is read.
   */
  listRollouts(query?: RolloutListQuery): Promise<RolloutList>;
  claim(id: string, owner: string, ttlMs: number): Promise<boolean>;
  release(id: string, owner: string): Promise<void>;
}
