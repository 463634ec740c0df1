import type { Rollout, RolloutSummary } from './rollout';

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
  /** Newest first. */
  listRollouts(): Promise<RolloutSummary[]>;
  claim(id: string, owner: string, ttlMs: number): Promise<boolean>;
  release(id: string, owner: string): Promise<void>;
}
