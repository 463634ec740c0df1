/**
 * Which run controls the current user is offered. Mirrors the engine's CONTROL_STATES
 * (shared/core/src/engine/transitions.ts) so a button is shown only when the engine would accept
 * it; the engine still checks again (the UI can be stale by one event).
 */
import type { Run, RunStatus, StepRun } from '@switchyard/core';
import type { RunAction, RunPermissions } from './api-types';

const CONTROL_STATES: Record<RunAction, readonly RunStatus[]> = {
  approve: ['waiting-approval'],
  reject: ['waiting-approval'],
  retry: ['failed'],
  skip: ['failed', 'waiting-approval', 'waiting'],
  abort: ['pending', 'running', 'waiting', 'waiting-approval', 'failed'],
  rollback: ['running', 'waiting', 'waiting-approval', 'failed', 'aborted', 'succeeded'],
};

export interface ActionAvailability {
  actions: Record<RunAction, boolean>;
  /** Why Approve/Reject are not offered while a step waits for approval (shown to the user). */
  approvalBlocked?: string;
}

/** The step the run is on (forward or rollback phase); a local copy, as core is imported for types only. */
export function currentStep(run: Run): StepRun | undefined {
  return (run.phase === 'forward' ? run.steps : run.rollbackSteps)[run.current];
}

function allowedByState(run: Run, action: RunAction): boolean {
  if (!CONTROL_STATES[action].includes(run.status)) return false;
  // While rolling back, "Roll back" only re-enters a failed rollback step.
  return !(action === 'rollback' && run.phase === 'rollback' && run.status !== 'failed');
}

export function availableActions(run: Run, permissions: RunPermissions): ActionAvailability {
  const control = (a: RunAction) => permissions.control && allowedByState(run, a);
  const approval = currentStep(run)?.approval;
  let approvalBlocked: string | undefined;
  let mayApprove = allowedByState(run, 'approve') && !!approval;
  if (mayApprove && !permissions.approve) {
    mayApprove = false;
    approvalBlocked = `${permissions.user} may not approve runs on this database`;
  } else if (mayApprove && approval?.fourEyes && run.startedBy === permissions.user) {
    mayApprove = false;
    approvalBlocked = `You started this run and this step needs a second person (four eyes): ask a colleague to approve it`;
  }
  // A named approvers list may hold groups the UI cannot resolve: the buttons stay, the engine decides.
  // Skipping a four-eyes approval would let its starter past the second person: not offered to them.
  const fourEyesStarter = run.status === 'waiting-approval' && !!approval?.fourEyes && run.startedBy === permissions.user;
  return {
    actions: {
      approve: mayApprove,
      reject: mayApprove,
      retry: control('retry'),
      skip: control('skip') && !fourEyesStarter,
      abort: control('abort'),
      rollback: control('rollback'),
    },
    approvalBlocked,
  };
}
