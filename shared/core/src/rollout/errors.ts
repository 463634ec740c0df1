/**
 * Rollout errors as typed values with fields: `problems` lists every issue at once (an operator
 * fixes a plan in one go, not one error per attempt), `hint` says what to do.
 */

/** The selection, waves, budget or params template cannot make a plan: nothing was started. */
export class RolloutPlanError extends Error {
  constructor(
    readonly problems: string[],
    readonly hint: string,
  ) {
    super(`rollout not planned:\n  ${problems.join('\n  ')}\n  hint: ${hint}`);
    this.name = 'RolloutPlanError';
  }
}

/** A control the rollout's state refuses (resume a rollout that ended, skip a cluster that succeeded). */
export class RolloutControlError extends Error {
  constructor(
    readonly control: string,
    readonly rolloutId: string,
    readonly reason: string,
    readonly hint: string,
  ) {
    super(`cannot ${control} rollout ${rolloutId}: ${reason}; ${hint}`);
    this.name = 'RolloutControlError';
  }
}

export class RolloutNotFoundError extends Error {
  constructor(readonly rolloutId: string) {
    super(`no rollout with id ${rolloutId}`);
    this.name = 'RolloutNotFoundError';
  }
}

/** Another process drives the rollout now (it holds the rollout's lease). */
export class RolloutLeaseHeldError extends Error {
  constructor(readonly rolloutId: string) {
    super(
      `rollout ${rolloutId} is being driven by another process; its controls still apply (that process picks them up), or stop it and resume here`,
    );
    this.name = 'RolloutLeaseHeldError';
  }
}

/** A rollout list was asked for with a limit or cursor that cannot be: nothing was read. */
export class RolloutListQueryError extends Error {
  constructor(
    readonly field: 'limit' | 'cursor',
    readonly value: string,
    readonly hint: string,
  ) {
    super(`cannot list rollouts: ${field} ${JSON.stringify(value)} is not valid; ${hint}`);
    this.name = 'RolloutListQueryError';
  }
}
