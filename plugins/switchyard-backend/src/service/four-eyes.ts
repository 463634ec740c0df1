/**
 * This backend's four-eyes rule (on by default, `switchyard.requireFourEyes`): every `approve`
 * step is approved by someone other than the user who started the run, whether or not the
 * runbook asks for it (the engine enforces the runbook's own `four-eyes: true` in any case).
 * Manual-step confirmations (`confirm`) stay with the starter. Runs are shown with the rule
 * applied, so front ends hide the approve button from the starter.
 */
import { NotAllowedError } from '@backstage/errors';
import type { Run, StepRun } from '@switchyard/core';

function pendingApproval(run: Run): StepRun | undefined {
  if (run.status !== 'waiting-approval') return undefined;
  const step = (run.phase === 'forward' ? run.steps : run.rollbackSteps)[run.current];
  return step?.status === 'waiting-approval' && step.approval?.kind === 'approve' ? step : undefined;
}

/** Refuses approving (or skipping past) a pending approval by the run's own starter. */
export function checkFourEyes(run: Run, actor: string, action: string): void {
  const step = pendingApproval(run);
  if (!step || actor !== run.startedBy || (action !== 'approve' && action !== 'skip')) return;
  throw new NotAllowedError(
    `four eyes: ${actor} started run ${run.id}, so someone else who may approve runs on this database must ${action === 'skip' ? 'decide on' : 'approve'} "${step.name}"`,
  );
}

/** The run as clients see it here: approvals carry `fourEyes: true` when this backend requires it. */
export function presentRun(run: Run, requireFourEyes: boolean): Run {
  if (!requireFourEyes) return run;
  const mark = (steps: StepRun[]) =>
    steps.map((s) => (s.approval?.kind === 'approve' && !s.approval.fourEyes ? { ...s, approval: { ...s.approval, fourEyes: true } } : s));
  return { ...run, steps: mark(run.steps), rollbackSteps: mark(run.rollbackSteps) };
}
