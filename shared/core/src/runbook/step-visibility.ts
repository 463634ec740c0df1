import type { StepDraft } from './step-outline';

/** The step ids an expression may read where it runs; `has` is O(1), whatever the runbook's size. */
export interface VisibleSteps {
  has(id: string): boolean;
  /** Every visible id, in order, for a "did you mean" hint (O(steps): call it on an error only). */
  ids(): string[];
  /**
   * The step whose blocks these are: they may read `steps.<own>.outputs` — the outputs of the blocks
   * above them in the same step (null for one skipped or not run yet), refreshed on a retry.
   */
  own?: string;
}

export const NO_STEPS: VisibleSteps = { has: () => false, ids: () => [] };

/** Which steps have run before a step's blocks (`forward`) and before its `rollback` blocks (`undo`). */
export interface StepVisibility {
  forward: VisibleSteps;
  undo: VisibleSteps;
}

/**
 * Visibility for each step of a runbook: a forward step sees the forward steps above it (its
 * `rollback` blocks also see the step itself); a rollback-section step sees every forward step
 * and the rollback steps above it. Either reads `steps.<own>.outputs`, the blocks above it in its
 * own step (the engine keeps `blockOutputs` for rollback steps as for forward ones). Each step gets a view on one shared index, not a copy of
 * the ids before it, so this is linear in the number of steps.
 */
export function stepVisibility(all: readonly StepDraft[]): (index: number) => StepVisibility {
  const firstForward = new Map<string, number>();
  const firstRollback = new Map<string, number>();
  all.forEach((step, i) => {
    const first = step.section === 'forward' ? firstForward : firstRollback;
    if (!first.has(step.id)) first.set(step.id, i);
  });
  const before = (first: Map<string, number>, index: number, id: string) => (first.get(id) ?? Infinity) < index;
  const idsWhere = (keep: (step: StepDraft, i: number) => boolean) => () => [...new Set(all.filter(keep).map((s) => s.id))];
  return (index) => {
    const self = all[index];
    if (self.section === 'rollback') {
      const seen: VisibleSteps = {
        has: (id) => firstForward.has(id) || before(firstRollback, index, id),
        ids: idsWhere((s, i) => s.section === 'forward' || i < index),
        own: self.id,
      };
      return { forward: seen, undo: seen };
    }
    return {
      forward: {
        has: (id) => before(firstForward, index, id),
        ids: idsWhere((s, i) => s.section === 'forward' && i < index),
        own: self.id,
      },
      undo: {
        has: (id) => id === self.id || before(firstForward, index, id),
        ids: idsWhere((s, i) => s.section === 'forward' && (i < index || i === index)),
      },
    };
  };
}
