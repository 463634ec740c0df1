/**
 * Who may let a run past the approval it waits for (approve it, or skip past it): the four-eyes
 * rule and the step's approver list, written once. The state machine enforces it; the front ends
 * ask it to decide which buttons to show.
 */
import { currentStep, type ApprovalGate, type Run } from './run';

/** The person acting on a run, as the host vouches for them. */
export interface Actor {
  /** User name (CLI `--as`, VS Code `switchyard.user`) or Backstage user entity ref. */
  name: string;
  /**
   * Groups the person belongs to, for runbook `approvers:` lists. The engine treats a missing list
   * as no groups; a front end that does not know them leaves it out and lets the engine decide.
   */
  groups?: readonly string[];
  /**
   * How this host reads an `approvers:` entry before comparing it with `name` and `groups`
   * (Backstage: `sre-leads` → `group:default/sre-leads`); an entry it cannot read (undefined)
   * admits nobody. Without it entries are compared as written (the CLI, VS Code).
   */
  approverRef?: (entry: string) => string | undefined;
}

export type ApprovalRefusal =
  { rule: 'four-eyes'; actor: string; startedBy: string } | { rule: 'approvers'; actor: string; approvers: readonly string[] };

/**
 * Why `actor` may not pass the step the run is on — approve its pending approval, or skip it in
 * any state (failed after a rejection included) — given the approval it waits for and every
 * approval gate the step's blocks hold; undefined when they may. Rejecting is never refused here.
 */
export function approvalRefusal(run: Run, actor: Actor): ApprovalRefusal | undefined {
  const step = currentStep(run);
  const gates: ApprovalGate[] = [...(step?.approval ? [step.approval] : []), ...(step?.gates ?? [])];
  for (const gate of gates) {
    if (gate.fourEyes && actor.name === run.startedBy) return { rule: 'four-eyes', actor: actor.name, startedBy: run.startedBy };
    const groups = actor.groups;
    if (gate.approvers.length && groups && !gate.approvers.some((entry) => names(entry, actor, groups))) {
      return { rule: 'approvers', actor: actor.name, approvers: gate.approvers };
    }
  }
  return undefined;
}

/** Whether an `approvers:` entry, as the host reads it, names the actor or one of their groups. */
function names(entry: string, actor: Actor, groups: readonly string[]): boolean {
  const ref = actor.approverRef ? actor.approverRef(entry) : entry;
  return ref !== undefined && (ref === actor.name || groups.includes(ref));
}

/** The refusal in words for the person refused (`you` when the front end speaks to them). */
export function describeApprovalRefusal(refusal: ApprovalRefusal, speaking: 'about' | 'to' = 'about'): string {
  const who = speaking === 'to' ? 'You' : refusal.actor;
  if (refusal.rule === 'four-eyes') {
    return `${who} started this run and this step needs a second person (four eyes): ask a colleague to approve it`;
  }
  return `${who} may not approve this step; allowed approvers: ${refusal.approvers.join(', ')}`;
}
