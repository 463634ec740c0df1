/**
 * Which controls a person is offered on a run: the control table's states, the host's permissions,
 * and the approval rule. Front ends show exactly these; the engine checks again on arrival (a page
 * can be one event behind).
 */
import { approvalRefusal, describeApprovalRefusal, type Actor } from './approval-rule';
import { controlRefusal, RUN_ACTIONS, type RunAction } from './controls';
import { currentStep, type Run } from './run';

/** The person looking at the run, with what the host lets them do on its database. */
export interface Viewer extends Actor {
  /** May approve runs here (Backstage: the approve permission on the entity). */
  mayApprove: boolean;
  /** May retry, skip, abort and roll back runs here. */
  mayControl: boolean;
}

export interface AllowedControls {
  actions: Record<RunAction, boolean>;
  /** Why Approve/Reject are not offered while a step waits for approval (shown to the viewer). */
  approvalBlocked?: string;
}

export function allowedControls(run: Run, viewer: Viewer): AllowedControls {
  const applies = (action: RunAction) => controlRefusal(run, action) === undefined;
  const approval = currentStep(run)?.approval;
  const refusal = approvalRefusal(run, viewer);
  let approvalBlocked: string | undefined;
  let mayAnswer = applies('approve') && Boolean(approval);
  if (mayAnswer && !viewer.mayApprove) {
    mayAnswer = false;
    approvalBlocked = `${viewer.name} may not approve runs on this database`;
  } else if (mayAnswer && refusal) {
    mayAnswer = false;
    approvalBlocked = describeApprovalRefusal(refusal, 'to');
  }
  const actions = Object.fromEntries(RUN_ACTIONS.map((a) => [a, viewer.mayControl && applies(a)])) as Record<RunAction, boolean>;
  actions.approve = mayAnswer;
  actions.reject = mayAnswer;
  // Skipping a step with an approval gate (pending, or rejected and failed) lets the run past it: only for someone who may pass it.
  if (refusal) actions.skip = false;
  return { actions, approvalBlocked };
}
