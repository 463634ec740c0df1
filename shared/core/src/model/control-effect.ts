/**
 * What a destructive control (Abort, Roll back) will do to a run, in words for the confirmation a
 * front end shows before sending it: every front end asks with the same words.
 */
import { CONTROL_RULES } from './controls';
import { currentStep, type Run } from './run';

export type DestructiveAction = 'abort' | 'rollback';

export interface DestructiveControlEffect {
  /** The question, naming the run's resource: `Roll back "Fail over prod-app"?`. */
  title: string;
  /** What happens, one fact a line. */
  effects: string[];
  /** The confirming button's words: `Roll back`, `Abort run`. */
  confirmLabel: string;
}

export function isDestructiveAction(action: string): action is DestructiveAction {
  return action === 'abort' || action === 'rollback';
}

/** The param values a run is about (its clusters, instances…), for the title. */
function subject(run: Pick<Run, 'params'>): string {
  const values = Object.values(run.params).filter((v): v is string => typeof v === 'string' && v.length > 0 && v.length <= 64);
  return values.length ? ` on ${values.slice(0, 2).join(', ')}` : '';
}

/**
 * The effect of `action` on `run`. For a rollback, `plannedSteps` are the names of the steps it
 * will run (the host plans them from the runbook: undo blocks of completed steps, newest first,
 * then the `## Rollback` section).
 */
export function describeControlEffect(run: Run, action: DestructiveAction, plannedSteps: string[] = []): DestructiveControlEffect {
  const step = currentStep(run);
  const title = `${CONTROL_RULES[action].label} "${run.runbook.title}"${subject(run)}?`;
  const inFlight = step?.inFlight
    ? [`A mutating call (${step.inFlight.operation}) of "${step.name}" may already be at AWS: stopping the run does not undo it.`]
    : [];
  if (action === 'abort') {
    return {
      title,
      confirmLabel: 'Abort run',
      effects: [
        step ? `Stops at "${step.name}"; no later step runs.` : 'No later step runs.',
        ...inFlight,
        'Nothing is undone: what earlier steps changed stays changed (Roll back undoes it).',
        'Ends the run as aborted and releases its locks.',
      ],
    };
  }
  const done = run.steps.filter((s) => s.status === 'succeeded').length;
  return {
    title,
    confirmLabel: 'Roll back',
    effects: [
      run.phase === 'rollback'
        ? `Re-enters the rollback at its failed step "${step?.name ?? ''}".`
        : `Stops the forward run${step ? ` at "${step.name}"` : ''}; ${done} completed step(s) are undone where the runbook says how.`,
      plannedSteps.length
        ? `Runs, in order: ${plannedSteps.join(' → ')}.`
        : 'The runbook has no undo steps for what ran: nothing is changed back.',
      ...inFlight,
      'Rollback steps change AWS like any other step: each mutating call is confirmed again.',
    ],
  };
}
