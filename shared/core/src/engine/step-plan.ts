/**
 * The step runs a run is planned with: its forward steps, and on rollback the undo blocks of the
 * steps that completed (newest first) then the `## Rollback` section. Each records the approval
 * gates its blocks hold, so passing the step — approving it, or skipping it in any state — is
 * allowed only to someone every gate admits (model/approval-rule.ts).
 */
import type { ApprovalGate, Run, StepRun } from '../model/run';
import type { Block, Runbook, Step } from '../runbook/model';

/** How a host plans approval gates: `requireFourEyes` makes every `approve` gate four-eyes. */
export interface GatePolicy {
  requireFourEyes?: boolean;
}

/** The blocks a step run executes. */
export function blocksOf(runbook: Runbook, step: Pick<StepRun, 'origin'>): Block[] {
  switch (step.origin.kind) {
    case 'step':
      return runbook.steps[step.origin.index].blocks;
    case 'undo':
      return runbook.steps[step.origin.index].rollbackBlocks;
    case 'rollback-section':
      return runbook.rollback[step.origin.index].blocks;
  }
}

/** The approval gates of a step's blocks, with the host's policy applied. */
export function gatesOf(blocks: readonly Block[], policy: GatePolicy = {}): ApprovalGate[] {
  return blocks.flatMap((b) =>
    b.kind === 'approve' ? [{ fourEyes: b.fourEyes || Boolean(policy.requireFourEyes), approvers: [...b.approvers] }] : [],
  );
}

export function newStepRun(
  runbook: Runbook,
  step: Step,
  origin: StepRun['origin'],
  policy: GatePolicy,
  id = step.id,
  name = step.name,
): StepRun {
  const gates = gatesOf(blocksOf(runbook, { origin }), policy);
  return {
    id,
    name,
    origin,
    status: 'pending',
    attempts: 0,
    blockIndex: 0,
    blockOutputs: [],
    log: [],
    mutating: step.mutating,
    ...(gates.length ? { gates } : {}),
  };
}

/** The forward steps; those before `from` are recorded skipped with `reason` ("Run from here"). */
export function forwardStepRuns(runbook: Runbook, policy: GatePolicy, from: { index: number; reason: string }, at: string): StepRun[] {
  return runbook.steps.map((step, index) => {
    const planned = newStepRun(runbook, step, { kind: 'step', index }, policy);
    return index < from.index ? { ...planned, status: 'skipped', skipReason: from.reason, endedAt: at } : planned;
  });
}

/** Undo blocks of the steps that completed, newest first, then the `## Rollback` section. */
export function rollbackStepRuns(run: Run, runbook: Runbook, policy: GatePolicy = {}): StepRun[] {
  const undo = run.steps
    .filter((s) => s.status === 'succeeded' && s.origin.kind === 'step')
    .reverse()
    .flatMap((s) => {
      const step = runbook.steps[s.origin.index];
      return step.rollbackBlocks.length
        ? [newStepRun(runbook, step, { kind: 'undo', index: s.origin.index }, policy, `undo_${step.id}`, `Undo: ${step.name}`)]
        : [];
    });
  const section = runbook.rollback.map((step, index) => newStepRun(runbook, step, { kind: 'rollback-section', index }, policy));
  return [...undo, ...section];
}
