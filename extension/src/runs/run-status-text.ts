import { activeSteps, type Run } from '@switchyard/core';
import type { PendingConfirmation } from '../aws/confirmations';

export interface RunStatusText {
  text: string;
  tooltip: string;
  /** Needs the operator: waiting for an approval, or failed and waiting for retry/skip/abort. */
  needsAttention: boolean;
}

/**
 * The status bar item's text for the active run, e.g. `$(sync~spin) Failover 3/5: Fail over`. A
 * mutating call of its target waiting on the operator comes first: the run is not "in flight" then.
 */
export function runStatusText(run: Run, confirmation?: PendingConfirmation): RunStatusText {
  const steps = activeSteps(run);
  const step = steps[run.current];
  const position = step ? ` ${Math.min(run.current + 1, steps.length)}/${steps.length}` : '';
  const phase = run.phase === 'rollback' && run.status !== 'rolled-back' ? 'rolling back ' : '';
  const icon =
    run.status === 'waiting-approval'
      ? '$(bell)'
      : run.status === 'failed'
        ? '$(error)'
        : run.status === 'succeeded'
          ? '$(check)'
          : run.status === 'aborted'
            ? '$(circle-slash)'
            : run.status === 'rolled-back'
              ? '$(discard)'
              : '$(sync~spin)';
  const what =
    run.status === 'waiting-approval'
      ? `waits for approval: ${step?.name ?? ''}`
      : run.status === 'failed'
        ? `failed at ${step?.name ?? 'a step'}`
        : run.status === 'aborted'
          ? `aborted${step ? ` at ${step.name}` : ''}`
          : run.status === 'rolled-back'
            ? 'rolled back'
            : step
              ? step.name
              : run.status;
  if (confirmation && !['succeeded', 'failed', 'aborted', 'rolled-back'].includes(run.status)) {
    const asking = confirmation.phase === 'asking';
    return {
      text: `${asking ? '$(shield)' : '$(debug-pause)'} ${phase}${shortTitle(run.runbook.title)}${position}: ${
        asking ? `awaiting your confirmation: ${confirmation.action}` : `paused, you declined ${confirmation.action}`
      }`,
      tooltip: `Switchyard run ${run.id}: ${confirmation.action} (${confirmation.where}) ${
        asking
          ? 'waits for your answer in the dialog; nothing is sent until you confirm'
          : 'was not sent; the step waits. Click to open the run and ask again or abort'
      }.`,
      needsAttention: true,
    };
  }
  return {
    text: `${icon} ${phase}${shortTitle(run.runbook.title)}${position}: ${what}`,
    tooltip: `Switchyard run ${run.id} (${run.status}${run.dryRun ? ', dry run' : ''}) — ${run.runbook.title}.${waitTooltip(run)} Click to open it.`,
    needsAttention: run.status === 'waiting-approval' || run.status === 'failed',
  };
}

/** A polling wait in words, for the tooltip: what it waits for, what it saw last, when it gives up. */
function waitTooltip(run: Run): string {
  const progress = run.status === 'waiting' ? activeSteps(run)[run.current]?.waitProgress : undefined;
  if (!progress) return '';
  const seen = progress.observed.length ? ` Latest: ${progress.observed.join(', ')}.` : '';
  return ` Waiting until ${progress.condition}.${seen} Gives up at ${progress.deadline.slice(11, 19)} UTC.`;
}

function shortTitle(title: string): string {
  return title.length > 32 ? `${title.slice(0, 31)}…` : title;
}

/** The target the window works on, shown while no run is: SANDBOX, or the real AWS account (warning colour). */
export function targetStatusText(
  target: { kind: 'sandbox' | 'aws'; label: string; region: string } | undefined,
  account?: string,
): RunStatusText | undefined {
  if (!target) return undefined;
  if (target.kind === 'sandbox') {
    return {
      text: '$(beaker) SANDBOX',
      tooltip: `Switchyard works on the sandbox (local simulator, ${target.region}): nothing real changes.`,
      needsAttention: false,
    };
  }
  return {
    text: `$(cloud) AWS ${account ?? target.label.replace(/^AWS /, '')} · ${target.region}`,
    tooltip: `Switchyard works on REAL AWS: ${target.label}${account ? `, account ${account}` : ''}, ${target.region}. Mutating calls ask you to type the resource name.`,
    needsAttention: true,
  };
}
