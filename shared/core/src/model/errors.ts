/**
 * The run errors every host sees, as typed values with fields. Messages say what happened in words
 * for whoever reads them (a terminal, a Backstage page, a VS Code toast); each host adds its own
 * way forward (a CLI command, a button) from the fields, never by parsing the message.
 */
import { describeApprovalRefusal, type ApprovalRefusal } from './approval-rule';
import type { RunStatus } from './run';

/** A control that does not apply to the run's current state (e.g. approve a run that waits for nothing). */
export class InvalidTransitionError extends Error {
  constructor(
    readonly control: string,
    readonly status: RunStatus,
    readonly hint: string,
  ) {
    super(`cannot ${control} a run that is ${status}: ${hint}`);
    this.name = 'InvalidTransitionError';
  }
}

/** A control that is not one (unknown action, or skip/reject without a reason): nothing was changed. */
export class InvalidControlError extends Error {
  constructor(
    readonly control: string,
    readonly hint: string,
  ) {
    super(`cannot ${control}: ${hint}`);
    this.name = 'InvalidControlError';
  }
}

/** An approval the rules refuse (four eyes, approver list). */
export class ApprovalRefusedError extends Error {
  constructor(readonly refusal: ApprovalRefusal) {
    super(describeApprovalRefusal(refusal));
    this.name = 'ApprovalRefusedError';
  }
}

/** Another run already holds a resource this run would mutate. */
export class LockConflictError extends Error {
  constructor(
    readonly resource: string,
    readonly heldBy: string,
  ) {
    super(`${resource} is locked by run ${heldBy}; wait for that run to end, or abort it, before starting another mutating run`);
    this.name = 'LockConflictError';
  }
}

export class RunNotFoundError extends Error {
  constructor(readonly runId: string) {
    super(`no run with id ${runId}`);
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

/**
 * The run's AWS target (its `target.key`) is not available in this host now: e.g. the VS Code
 * sandbox it ran on is stopped, or a Backstage backend no longer has that account configured.
 */
export class TargetUnavailableError extends Error {
  constructor(
    readonly runId: string,
    readonly target: string,
  ) {
    super(`run ${runId} runs on ${target || 'an AWS target this host does not know'}, which is not available here now`);
    this.name = 'TargetUnavailableError';
  }
}
