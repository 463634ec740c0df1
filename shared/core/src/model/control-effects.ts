/**
 * What a control does to the database the run works on, in the words every front end shows in its
 * confirmation dialog: the Backstage run card and the VS Code webview ask "are you sure?" with the
 * same sentence, derived from the run itself (its database, the changes it made, the step it is on).
 */
import { CONTROL_RULES, type RunAction } from './controls';
import { currentStep, type Run, type StepRun } from './run';
import { runDatabase } from './run-subject';
import { isEnded } from './statuses';

/** The controls that change or stop what happens to the database: each is confirmed before it is sent. */
export const DESTRUCTIVE_ACTIONS: readonly RunAction[] = ['abort', 'rollback', 'skip', 'reject'];

export const isDestructive = (action: RunAction): boolean => DESTRUCTIVE_ACTIONS.includes(action);

export interface ControlEffect {
  action: RunAction;
  /** The dialog's title, e.g. `Roll back "Fail over prod-app" on prod-app?` */
  title: string;
  /** What it does to the database, in one or two sentences. */
  effect: string;
  /** The confirm button's words. */
  confirmLabel: string;
  /** Skip and reject must say why (parseRunControl refuses them without a reason). */
  reasonRequired: boolean;
}

const quoted = (names: string[]) => names.map((n) => `"${n}"`).join(', ');

/** Forward steps that changed something on AWS and finished: what a rollback undoes, newest first. */
function completedChanges(run: Run): StepRun[] {
  return run.steps.filter((s) => s.mutating && s.status === 'succeeded').reverse();
}

/** What `action` does to this run's database, for the confirmation dialog (and the button's tooltip). */
export function controlEffect(run: Run, action: RunAction): ControlEffect {
  const db = runDatabase(run) ?? 'the database';
  const step = currentStep(run);
  const stepName = step?.name ?? 'the current step';
  const label = CONTROL_RULES[action].label;
  const title = `${label} "${run.runbook.title}" on ${db}?`;
  const reasonRequired = CONTROL_RULES[action].reasonRequired;
  const base = { action, title, reasonRequired };
  const changes = completedChanges(run);
  switch (action) {
    case 'abort': {
      const kept = changes.length
        ? `What it already changed on ${db} stays as it is (${quoted(changes.map((s) => s.name))}); roll back to undo it.`
        : `It has not changed ${db} yet.`;
      const inFlight = step?.status === 'running' ? ` An AWS call already sent for "${stepName}" is not recalled.` : '';
      return {
        ...base,
        confirmLabel: 'Abort run',
        effect: `Stops the run for good at "${stepName}" and releases its locks. ${kept}${inFlight}`,
      };
    }
    case 'rollback': {
      if (run.phase === 'rollback') {
        return {
          ...base,
          confirmLabel: 'Retry rollback',
          effect: `Runs the failed rollback step "${stepName}" again on ${db}, then the rest of the rollback.`,
        };
      }
      const undo = changes.length
        ? `Undoes what the run changed on ${db}, newest first (${quoted(changes.map((s) => s.name))}), then runs the runbook's Rollback steps.`
        : `Nothing has been changed on ${db} yet: runs the runbook's Rollback steps.`;
      const stop = isEnded(run.status) ? '' : ' The run stops going forward.';
      return { ...base, confirmLabel: 'Roll back', effect: `${undo}${stop} Connections may drop while ${db} changes back.` };
    }
    case 'skip': {
      const next = run.phase === 'forward' ? run.steps[run.current + 1]?.name : run.rollbackSteps[run.current + 1]?.name;
      const then = next ? `the run goes on with "${next}"` : 'the run ends';
      return {
        ...base,
        confirmLabel: 'Skip step',
        effect: `"${stepName}" is marked skipped and ${then}; whatever "${stepName}" should have done to ${db} is not done.`,
      };
    }
    case 'reject':
      return {
        ...base,
        confirmLabel: 'Reject',
        effect: `"${stepName}" fails; ${db} is not changed by it. The starter may then retry, roll back or abort.`,
      };
    case 'retry':
      return { ...base, confirmLabel: 'Retry', effect: `Runs "${stepName}" again on ${db} from the block that failed.` };
    case 'approve':
      return { ...base, confirmLabel: 'Approve', effect: `The run goes on past "${stepName}" and changes ${db} as the runbook says.` };
  }
}
