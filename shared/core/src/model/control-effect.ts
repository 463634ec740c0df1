/**
 * What a control does to the database a run works on, in the words every front end shows before
 * sending it: the Backstage run card (an MUI dialog), the shared run view (an inline form) and the
 * VS Code panel (a modal) ask "are you sure?" with these facts, derived from the run itself (its
 * database, the changes it made, the step it is on, a call already at AWS). One rule, here.
 */
import { CONTROL_RULES, type RunAction } from './controls';
import { currentStep, type Run, type StepRun } from './run';
import { runDatabase } from './run-subject';
import { isEnded } from './statuses';

/** The controls that change or stop what happens to the database: each is confirmed before it is sent. */
export const DESTRUCTIVE_ACTIONS = ['abort', 'rollback', 'skip', 'reject'] as const satisfies readonly RunAction[];
export type DestructiveAction = (typeof DESTRUCTIVE_ACTIONS)[number];

export const isDestructive = (action: RunAction): action is DestructiveAction =>
  (DESTRUCTIVE_ACTIONS as readonly RunAction[]).includes(action);

export interface ControlEffect {
  action: RunAction;
  /** The dialog's title, e.g. `Roll back "Fail over prod-app" on prod-app?` */
  title: string;
  /** What it does to the database, one fact a line (a dialog lists them; a tooltip joins them). */
  effects: string[];
  /** The confirm button's words, named after the action (`Abort run`, `Roll back`), never "OK". */
  confirmLabel: string;
  /** Skip and reject must say why (parseRunControl refuses them without a reason). */
  reasonRequired: boolean;
}

export interface ControlEffectOptions {
  /**
   * The names of the steps a rollback will run, when the host can plan them (it needs the parsed
   * runbook, which is not browser-safe: the VS Code extension plans them, engine/step-plan.ts).
   */
  plannedRollback?: string[];
}

const quoted = (names: string[]) => names.map((n) => `"${n}"`).join(', ');

/** Forward steps that changed something on AWS and finished: what a rollback undoes, newest first. */
function completedChanges(run: Run): StepRun[] {
  return run.steps.filter((s) => s.mutating && s.status === 'succeeded').reverse();
}

/** A mutating call recorded as sent (or a step running its blocks): stopping the run does not recall it. */
function sentCall(step: StepRun | undefined): string[] {
  if (step?.inFlight)
    return [`A ${step.inFlight.operation} call of "${step.name}" may already be at AWS: stopping the run does not recall it.`];
  if (step?.status === 'running' && step.mutating) return [`An AWS call already sent for "${step.name}" is not recalled.`];
  return [];
}

/** What `action` does to this run's database, for the confirmation dialog (and the button's tooltip). */
export function controlEffect(run: Run, action: RunAction, options: ControlEffectOptions = {}): ControlEffect {
  const db = runDatabase(run) ?? 'the database';
  const step = currentStep(run);
  const stepName = step?.name ?? 'the current step';
  const label = CONTROL_RULES[action].label;
  const title = `${label} "${run.runbook.title}" on ${db}?`;
  const reasonRequired = CONTROL_RULES[action].reasonRequired;
  const base = { action, title, reasonRequired };
  const changes = completedChanges(run);
  switch (action) {
    case 'abort':
      return {
        ...base,
        confirmLabel: 'Abort run',
        effects: [
          `Stops the run for good at "${stepName}"; no later step runs, and its locks are released.`,
          ...sentCall(step),
          changes.length
            ? `Nothing is undone: what it already changed on ${db} stays as it is (${quoted(changes.map((s) => s.name))}); Roll back undoes it.`
            : `Nothing is undone, and it has not changed ${db} yet.`,
        ],
      };
    case 'rollback': {
      const planned = options.plannedRollback ?? [];
      if (run.phase === 'rollback') {
        return {
          ...base,
          confirmLabel: 'Retry rollback',
          effects: [
            `Runs the failed rollback step "${stepName}" again on ${db}, then the rest of the rollback.`,
            ...(planned.length ? [`Runs, in order: ${planned.join(' → ')}.`] : []),
          ],
        };
      }
      return {
        ...base,
        confirmLabel: 'Roll back',
        effects: [
          ...(isEnded(run.status) ? [] : [`Stops the run going forward at "${stepName}".`]),
          options.plannedRollback && !planned.length
            ? `The runbook has no undo steps for what ran and no Rollback steps: nothing on ${db} is changed back${changes.length ? ` (${quoted(changes.map((s) => s.name))} stays as it is)` : ''}.`
            : changes.length
              ? `Undoes what the run changed on ${db}, newest first (${quoted(changes.map((s) => s.name))}), then runs the runbook's Rollback steps.`
              : `Nothing has been changed on ${db} yet: runs the runbook's Rollback steps.`,
          ...(planned.length ? [`Runs, in order: ${planned.join(' → ')}.`] : []),
          ...sentCall(step),
          `Connections may drop while ${db} changes back.`,
        ],
      };
    }
    case 'skip': {
      const next = run.phase === 'forward' ? run.steps[run.current + 1]?.name : run.rollbackSteps[run.current + 1]?.name;
      return {
        ...base,
        confirmLabel: 'Skip step',
        effects: [
          `"${stepName}" is marked skipped and ${next ? `the run goes on with "${next}"` : 'the run ends'}.`,
          `Whatever "${stepName}" should have done to ${db} is not done.`,
        ],
      };
    }
    case 'reject':
      return {
        ...base,
        confirmLabel: 'Reject',
        effects: [`"${stepName}" fails; ${db} is not changed by it.`, 'The starter may then retry, roll back or abort.'],
      };
    case 'retry':
      return { ...base, confirmLabel: 'Retry', effects: [`Runs "${stepName}" again on ${db} from the block that failed.`] };
    case 'approve':
      return { ...base, confirmLabel: 'Approve', effects: [`The run goes on past "${stepName}" and changes ${db} as the runbook says.`] };
  }
}
