import type { ApprovalRequest, LogLine, Phase, Run, RunStatus, StepRun, StepStatus, WaitProgress } from './run';
import { isStepEnded } from './statuses';

/** What front ends subscribe to: one event per visible change, derived by diffing two versions of a run. */
export type RunEvent =
  | { type: 'run'; runId: string; status: RunStatus; phase: Phase; at: string; error?: string }
  | {
      type: 'step';
      runId: string;
      stepId: string;
      name: string;
      phase: Phase;
      status: StepStatus;
      attempts: number;
      at: string;
      durationMs?: number;
      error?: string;
      /** Why a skipped step was skipped (operator's reason, or the conditions that did not apply). */
      reason?: string;
      output?: unknown;
    }
  | { type: 'log'; runId: string; stepId: string; line: LogLine }
  | { type: 'approval'; runId: string; stepId: string; request: ApprovalRequest; startedBy: string }
  /** A `wait` block polled: what it waits for, what it saw, when it gives up (the step stays `waiting`). */
  | { type: 'wait'; runId: string; stepId: string; progress: WaitProgress };

export type RunListener = (event: RunEvent, run: Run) => void;

export function diffRun(before: Run | undefined, after: Run): RunEvent[] {
  const events: RunEvent[] = [];
  const at = after.updatedAt;
  const stepsOf = (r: Run | undefined, phase: Phase): StepRun[] => (r ? (phase === 'forward' ? r.steps : r.rollbackSteps) : []);
  for (const phase of ['forward', 'rollback'] as const) {
    const old = new Map(stepsOf(before, phase).map((s) => [s.id, s]));
    for (const step of stepsOf(after, phase)) {
      const prev = old.get(step.id);
      for (const line of step.log.slice(prev?.log.length ?? 0)) events.push({ type: 'log', runId: after.id, stepId: step.id, line });
      if (step.waitProgress && step.waitProgress.checkedAt !== prev?.waitProgress?.checkedAt) {
        events.push({ type: 'wait', runId: after.id, stepId: step.id, progress: step.waitProgress });
      }
      if (!prev || prev.status !== step.status || prev.attempts !== step.attempts) {
        if (!prev && step.status === 'pending') continue;
        const ended = step.endedAt && step.startedAt ? Date.parse(step.endedAt) - Date.parse(step.startedAt) : undefined;
        events.push({
          type: 'step',
          runId: after.id,
          stepId: step.id,
          name: step.name,
          phase,
          status: step.status,
          attempts: step.attempts,
          at,
          durationMs: isStepEnded(step.status) ? ended : undefined,
          error: step.error,
          reason: step.status === 'skipped' ? step.skipReason : undefined,
          output: step.status === 'succeeded' ? step.output : undefined,
        });
        if (step.status === 'waiting-approval' && step.approval) {
          events.push({ type: 'approval', runId: after.id, stepId: step.id, request: step.approval, startedBy: after.startedBy });
        }
      }
    }
  }
  if (!before || before.status !== after.status || before.phase !== after.phase) {
    events.push({ type: 'run', runId: after.id, status: after.status, phase: after.phase, at, error: after.error });
  }
  return events;
}
