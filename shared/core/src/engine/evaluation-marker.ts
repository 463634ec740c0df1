import { currentStep, type EvaluationMarker, type Run, type StepRun } from '../model/run';
import { appendLog, failStep } from './transitions';

/**
 * A CEL evaluation that takes the process down (an expression that exhausts memory despite the
 * limits, a regular expression that never ends and is killed by a supervisor) would be repeated
 * by every resume and every host restart. So the engine marks the current step before it
 * evaluates a block's expressions and templates, and clears the mark once they are evaluated:
 * a resume that finds the mark still open knows the last process stopped inside the evaluation.
 *
 * The first such stop is noted and the evaluation tried once more (a process killed for any
 * other reason in the instant between the two writes must not fail a step); a second stop in a
 * row fails the step with a message saying so, and the loop ends there.
 */
export const STOPS_BEFORE_FAILING = 2;

/** Marks the current step's block as being evaluated (keeping the count of stops before this try). */
export function openEvaluation(run: Run, now: Date, seq = 0): Run {
  return withCurrentStep(run, (step) => {
    const previous = markerOf(step);
    return {
      ...step,
      evaluating: {
        attempt: step.attempts,
        blockIndex: step.blockIndex,
        since: now.toISOString(),
        open: true,
        stops: previous?.stops ?? 0,
        seq,
        ...(previous?.stoppedSeq !== undefined ? { stoppedSeq: previous.stoppedSeq } : {}),
      },
    };
  });
}

/**
 * The evaluation finished (with a value or a CEL error). The mark goes, with its count of stops —
 * unless a process stopped in a later evaluation of this block, which has not been reached yet:
 * the count holds until that one completes.
 */
export function closeEvaluation(run: Run): Run {
  const step = currentStep(run);
  const marker = step?.evaluating;
  if (!marker) return run;
  if (marker.stops > 0 && marker.stoppedSeq !== undefined && (marker.seq ?? 0) < marker.stoppedSeq) {
    return withCurrentStep(run, (s) => ({ ...s, evaluating: { ...marker, open: false } }));
  }
  return withCurrentStep(run, ({ evaluating: _done, ...rest }) => rest);
}

/** The open mark of the current step's attempt and block: the process that wrote it stopped while evaluating. */
export function unfinishedEvaluation(step: StepRun): EvaluationMarker | undefined {
  const marker = markerOf(step);
  return marker?.open ? marker : undefined;
}

/** Records that a process stopped during the evaluation: tried once more after the first stop, the step fails after the second. */
export function evaluationStopped(run: Run, now: Date, what: string): Run {
  const step = currentStep(run);
  const marker = step && unfinishedEvaluation(step);
  if (!marker) return run;
  const stops = marker.stops + 1;
  if (stops >= STOPS_BEFORE_FAILING) {
    const failed = failStep(
      run,
      now,
      `the Switchyard process stopped ${stops === 2 ? 'twice' : `${stops} times`} in a row while evaluating the CEL expressions and templates of ${what} ` +
        `(last at ${marker.since}), so they are not evaluated again: an expression that exhausts memory or never ends stops every resume the same way. ` +
        `Check that block's expressions (the CEL limits are in docs/runbook-format.md), then retry this step, or skip it with a reason`,
    );
    return closeEvaluation(failed);
  }
  const noted = appendLog(
    run,
    now,
    'warn',
    `the previous process stopped while evaluating the CEL expressions and templates of ${what} (at ${marker.since}); ` +
      `evaluating them once more — if the process stops there again, the step fails instead`,
  );
  return withCurrentStep(noted, (s) => ({ ...s, evaluating: { ...marker, open: false, stops, stoppedSeq: marker.seq ?? 0 } }));
}

function markerOf(step: StepRun): EvaluationMarker | undefined {
  const marker = step.evaluating;
  return marker && marker.attempt === step.attempts && marker.blockIndex === step.blockIndex ? marker : undefined;
}

function withCurrentStep(run: Run, update: (step: StepRun) => StepRun): Run {
  const forward = run.phase === 'forward';
  const list = (forward ? run.steps : run.rollbackSteps).slice();
  if (!list[run.current]) return run;
  list[run.current] = update(list[run.current]);
  return forward ? { ...run, steps: list } : { ...run, rollbackSteps: list };
}
