/**
 * The run state machine as pure functions: (run, input, time) → next run. No I/O here; the engine
 * persists what these return. Which control applies in which state, and who may pass an approval,
 * are the model's rules (model/controls.ts, model/approval-rule.ts), enforced here.
 */
import { approvalRefusal, type Actor } from '../model/approval-rule';
import { controlRefusal, type RunAction } from '../model/controls';
import { ApprovalRefusedError, InvalidTransitionError } from '../model/errors';
import type { ApprovalRequest, AuditEntry, LogLine, Run, RunStatus, StepRun, WaitProgress } from '../model/run';
import { activeSteps, currentStep } from '../model/run';
import { isStepEnded, isStepLive } from '../model/statuses';

export function assertControl(run: Run, action: RunAction): void {
  const refusal = controlRefusal(run, action);
  if (refusal) throw new InvalidTransitionError(action, run.status, refusal);
}

function touch(run: Run, now: Date, audit?: Omit<AuditEntry, 'at'>): Run {
  const at = now.toISOString();
  return {
    ...run,
    version: run.version + 1,
    updatedAt: at,
    audit: audit ? [...run.audit, { at, ...audit }] : run.audit,
  };
}

function withStep(run: Run, update: (step: StepRun) => StepRun): Run {
  const list = activeSteps(run).slice();
  list[run.current] = update(list[run.current]);
  return run.phase === 'forward' ? { ...run, steps: list } : { ...run, rollbackSteps: list };
}

export function setRunStatus(run: Run, status: RunStatus, now: Date, actor: string, detail?: string): Run {
  const ended = status === 'succeeded' || status === 'aborted' || status === 'rolled-back';
  return {
    ...touch(run, now, { actor, action: `run ${status}`, detail }),
    status,
    endedAt: ended ? now.toISOString() : undefined,
  };
}

export function startStep(run: Run, now: Date): Run {
  const at = now.toISOString();
  const step = currentStep(run);
  if (!step) return run;
  const next = withStep(run, (s) => ({
    ...s,
    status: 'running',
    attempts: s.attempts + 1,
    startedAt: s.startedAt ?? at,
    endedAt: undefined,
    error: undefined,
  }));
  return { ...touch(next, now, { actor: 'engine', action: 'step started', stepId: step.id }), status: 'running' };
}

export function appendLog(run: Run, now: Date, level: LogLine['level'], text: string): Run {
  return touch(
    withStep(run, (s) => ({ ...s, log: [...s.log, { at: now.toISOString(), level, text }] })),
    now,
  );
}

export function recordInFlight(run: Run, now: Date, inFlight: StepRun['inFlight']): Run {
  return touch(
    withStep(run, (s) => ({ ...s, inFlight })),
    now,
  );
}

export function completeBlock(run: Run, now: Date, output: unknown): Run {
  return touch(
    withStep(run, (s) => {
      const blockOutputs = s.blockOutputs.slice();
      blockOutputs[s.blockIndex] = output;
      return {
        ...s,
        blockIndex: s.blockIndex + 1,
        blockOutputs,
        output: output === undefined ? s.output : output,
        inFlight: undefined,
        approval: undefined,
        waitStartedAt: undefined,
        waitProgress: undefined,
        status: 'running',
      };
    }),
    now,
  );
}

/** A block whose `when:` is false: counted, so a step none of whose blocks applied ends `skipped`. */
export function skipBlock(run: Run, now: Date): Run {
  const next = completeBlock(run, now, undefined);
  return withStep(next, (s) => ({ ...s, blocksSkipped: (s.blocksSkipped ?? 0) + 1 }));
}

/** Ends the current step as skipped by the runbook's own conditions (no operator, no reason needed). */
export function skipByCondition(run: Run, now: Date, reason: string): Run {
  const step = currentStep(run);
  const next = withStep(run, (s) => ({ ...s, status: 'skipped', skipReason: reason, endedAt: now.toISOString() }));
  return {
    ...touch(next, now, { actor: 'engine', action: 'step skipped', stepId: step?.id, detail: reason }),
    current: run.current + 1,
    status: 'running',
  };
}

export function beginWait(run: Run, now: Date): Run {
  const next = withStep(run, (s) => ({ ...s, status: 'waiting', waitStartedAt: s.waitStartedAt ?? now.toISOString() }));
  return { ...touch(next, now), status: 'waiting' };
}

/** A wait block's latest poll; not audited (it is progress, not an event) and not a new status. */
export function recordWaitProgress(run: Run, now: Date, progress: WaitProgress): Run {
  return touch(
    withStep(run, (s) => ({ ...s, waitProgress: progress })),
    now,
  );
}

export function succeedStep(run: Run, now: Date): Run {
  const step = currentStep(run);
  const next = withStep(run, (s) => ({ ...s, status: 'succeeded', endedAt: now.toISOString() }));
  return {
    ...touch(next, now, { actor: 'engine', action: 'step succeeded', stepId: step?.id }),
    current: run.current + 1,
    status: 'running',
  };
}

export function failStep(run: Run, now: Date, error: string, actor = 'engine'): Run {
  const step = currentStep(run);
  const at = now.toISOString();
  const next = withStep(run, (s) => ({
    ...s,
    status: 'failed',
    endedAt: at,
    error,
    log: [...s.log, { at, level: 'error', text: error }],
  }));
  return { ...touch(next, now, { actor, action: 'step failed', stepId: step?.id, detail: error }), status: 'failed', error };
}

/** An entry in the audit trail about the current step, from outside the engine (e.g. who confirmed a call). */
export function recordAudit(run: Run, now: Date, entry: { actor: string; action: string; detail?: string }): Run {
  return touch(run, now, { ...entry, stepId: currentStep(run)?.id });
}

export function requestApproval(run: Run, now: Date, approval: Omit<ApprovalRequest, 'requestedAt'>): Run {
  const step = currentStep(run);
  const next = withStep(run, (s) => ({ ...s, status: 'waiting-approval', approval: { ...approval, requestedAt: now.toISOString() } }));
  return {
    ...touch(next, now, { actor: 'engine', action: 'approval requested', stepId: step?.id, detail: approval.message }),
    status: 'waiting-approval',
  };
}

/** Refuses someone who may not pass the pending approval (four eyes, the step's approver list). */
export function checkApprover(run: Run, actor: Actor): void {
  const refusal = approvalRefusal(run, { ...actor, groups: actor.groups ?? [] });
  if (refusal) throw new ApprovalRefusedError(refusal);
}

export function approve(run: Run, now: Date, actor: Actor, comment?: string): Run {
  assertControl(run, 'approve');
  checkApprover(run, actor);
  const step = currentStep(run);
  const approved = touch(run, now, {
    actor: actor.name,
    action: step?.approval?.kind === 'confirm' ? 'confirmed' : 'approved',
    stepId: step?.id,
    detail: comment,
  });
  return {
    ...completeBlock(approved, now, { approvedBy: actor.name, comment: comment ?? null, at: now.toISOString() }),
    status: 'running',
  };
}

export function reject(run: Run, now: Date, actor: Actor, reason: string): Run {
  assertControl(run, 'reject');
  return failStep(run, now, `rejected by ${actor.name}${reason ? `: ${reason}` : ''}`, actor.name);
}

/**
 * Reopens the failed step. With `kept` (engine/retry-plan.ts) it starts again from its first block:
 * the blocks listed keep their output and are passed over, every other block runs again with its
 * old output dropped. Without it, the step goes on from the block that failed.
 */
export function retry(run: Run, now: Date, actor: Actor, reason?: string, kept?: readonly number[]): Run {
  assertControl(run, 'retry');
  const step = currentStep(run);
  const next = withStep(run, (s) => ({
    ...s,
    status: 'pending',
    error: undefined,
    waitStartedAt: undefined,
    waitProgress: undefined,
    ...(kept ? restartFrom(s, kept) : {}),
  }));
  return {
    ...touch(next, now, { actor: actor.name, action: 'retry', stepId: step?.id, detail: reason }),
    status: 'running',
    error: undefined,
  };
}

function restartFrom(step: StepRun, kept: readonly number[]): Partial<StepRun> {
  const blockOutputs = step.blockOutputs.map((o, i) => (kept.includes(i) ? o : undefined));
  const last = kept.length ? blockOutputs[Math.max(...kept)] : undefined;
  return { blockIndex: 0, blockOutputs, blocksSkipped: 0, keptBlocks: [...kept], output: last };
}

/** Passes over a block a retry kept (retry-plan.ts): its recorded output stands, nothing runs. */
export function passKeptBlock(run: Run, now: Date): Run {
  return touch(
    withStep(run, (s) => ({ ...s, blockIndex: s.blockIndex + 1 })),
    now,
  );
}

export function skip(run: Run, now: Date, actor: Actor, reason: string): Run {
  assertControl(run, 'skip');
  if (!reason.trim()) throw new InvalidTransitionError('skip', run.status, 'a reason is required to skip a step');
  // Skipping a step with an approval gate lets the run past it, in any state: only someone who could approve it may.
  checkApprover(run, actor);
  const step = currentStep(run);
  const next = withStep(run, (s) => ({
    ...s,
    status: 'skipped',
    skipReason: reason,
    endedAt: now.toISOString(),
    approval: undefined,
    inFlight: undefined,
  }));
  return {
    ...touch(next, now, { actor: actor.name, action: 'step skipped', stepId: step?.id, detail: reason }),
    current: run.current + 1,
    status: 'running',
    error: undefined,
  };
}

export function abort(run: Run, now: Date, actor: Actor, reason?: string): Run {
  assertControl(run, 'abort');
  const step = currentStep(run);
  const next =
    step && !isStepEnded(step.status)
      ? withStep(run, (s) => ({ ...s, status: s.status === 'pending' ? 'pending' : 'cancelled', endedAt: now.toISOString() }))
      : run;
  return setRunStatus(next, 'aborted', now, actor.name, reason);
}

/** Switches the run to its rollback phase: undo blocks of completed steps (newest first), then the Rollback section. */
export function beginRollback(run: Run, now: Date, actor: Actor, rollbackSteps: StepRun[], reason?: string, kept?: readonly number[]): Run {
  assertControl(run, 'rollback');
  if (run.phase === 'rollback') {
    // A failed rollback step: the operator re-enters rollback → same as retry of that step.
    return retry(run, now, actor, reason, kept);
  }
  const step = currentStep(run);
  const forward = step && isStepLive(step.status) ? withStep(run, (s) => ({ ...s, status: 'cancelled', endedAt: now.toISOString() })) : run;
  return {
    ...touch(forward, now, { actor: actor.name, action: 'rollback started', detail: reason }),
    phase: 'rollback',
    rollbackSteps,
    current: 0,
    status: 'running',
    endedAt: undefined,
    error: undefined,
  };
}
