import type { RunStatus } from './run-model';

/** A control that does not apply to the run's current state (e.g. approve a run that waits for nothing). */
export class InvalidTransitionError extends Error {
  constructor(
    readonly control: string,
    readonly status: RunStatus,
    hint: string,
  ) {
    super(`cannot ${control} a run that is ${status}: ${hint}`);
    this.name = 'InvalidTransitionError';
  }
}

/** An approval the rules refuse (four eyes, approver list). */
export class ApprovalRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApprovalRefusedError';
  }
}

/** Another run already holds a resource this run would mutate. */
export class LockConflictError extends Error {
  constructor(
    readonly resource: string,
    readonly heldBy: string,
  ) {
    super(`${resource} is locked by run ${heldBy}; wait for it to end or abort it (switchyard runs) before starting another mutating run`);
    this.name = 'LockConflictError';
  }
}

export class RunNotFoundError extends Error {
  constructor(readonly runId: string) {
    super(`no run with id ${runId}; list runs with \`switchyard runs\``);
    this.name = 'RunNotFoundError';
  }
}

/** Params or runbook rejected before any step runs. */
export class RunRejectedError extends Error {
  constructor(readonly problems: string[]) {
    super(`run not started:\n  ${problems.join('\n  ')}`);
    this.name = 'RunRejectedError';
  }
}
