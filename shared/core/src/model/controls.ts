/**
 * What an operator may do to a run, in one table: every front end offers, validates and sends
 * controls through these names, and the state machine (engine/transitions.ts) refuses through
 * `controlRefusal`, so a button is shown exactly when the engine would accept it.
 */
import { InvalidControlError } from './errors';
import type { Run, RunStatus } from './run';

export const RUN_ACTIONS = ['approve', 'reject', 'retry', 'skip', 'abort', 'rollback'] as const;
export type RunAction = (typeof RUN_ACTIONS)[number];

/**
 * One operator control. `reason` goes to the audit trail (for `approve` it is the approver's
 * comment); skipping and rejecting must say why.
 */
export type RunControl =
  { action: 'skip' | 'reject'; reason: string } | { action: 'approve' | 'retry' | 'abort' | 'rollback'; reason?: string };

export interface ControlRule {
  /** The run statuses the control applies to. */
  states: readonly RunStatus[];
  /** Skip and reject must give a reason; the others may. */
  reasonRequired: boolean;
  /** The button's words. */
  label: string;
  /** Why it does not apply, when the run is in another state. */
  notApplicable: string;
}

export const CONTROL_RULES: Record<RunAction, ControlRule> = {
  approve: {
    states: ['waiting-approval'],
    reasonRequired: false,
    label: 'Approve',
    notApplicable: 'only a step waiting for approval can be approved',
  },
  reject: {
    states: ['waiting-approval'],
    reasonRequired: true,
    label: 'Reject',
    notApplicable: 'only a step waiting for approval can be rejected',
  },
  retry: { states: ['failed'], reasonRequired: false, label: 'Retry', notApplicable: 'only a failed step can be retried' },
  skip: {
    states: ['failed', 'waiting-approval', 'waiting'],
    reasonRequired: true,
    label: 'Skip',
    notApplicable: 'only a failed, waiting or approval step can be skipped',
  },
  abort: {
    states: ['pending', 'running', 'waiting', 'waiting-approval', 'failed'],
    reasonRequired: false,
    label: 'Abort',
    notApplicable: 'the run has already ended',
  },
  rollback: {
    states: ['running', 'waiting', 'waiting-approval', 'failed', 'aborted', 'succeeded'],
    reasonRequired: false,
    label: 'Roll back',
    notApplicable: 'the run has already been rolled back, or is rolling back',
  },
};

export function isRunAction(value: unknown): value is RunAction {
  return typeof value === 'string' && (RUN_ACTIONS as readonly string[]).includes(value);
}

/**
 * A control from untyped input (a CLI word, a request body, a webview message): the action must be
 * known and skip/reject must carry a reason. Throws InvalidControlError naming the problem.
 */
export function parseRunControl(action: unknown, reason?: unknown): RunControl {
  if (!isRunAction(action)) throw new InvalidControlError(String(action), `the controls are ${RUN_ACTIONS.join(', ')}`);
  if (reason !== undefined && typeof reason !== 'string') throw new InvalidControlError(action, 'the reason must be text');
  const text = reason?.trim() ? reason : undefined;
  if (action === 'skip' || action === 'reject') {
    if (!text) throw new InvalidControlError(action, `a reason is required to ${action} a step; it is kept in the audit trail`);
    return { action, reason: text };
  }
  return text === undefined ? { action } : { action, reason: text };
}

/** Why `action` does not apply to the run in its current state; undefined when it does. */
export function controlRefusal(run: Pick<Run, 'status' | 'phase'>, action: RunAction): string | undefined {
  const rule = CONTROL_RULES[action];
  if (!rule.states.includes(run.status)) return rule.notApplicable;
  // While rolling back, "Roll back" only re-enters a failed rollback step.
  if (action === 'rollback' && run.phase === 'rollback' && run.status !== 'failed') return rule.notApplicable;
  return undefined;
}
