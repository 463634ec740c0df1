import { activeSteps, type Run } from '@switchyard/core';

export interface RunStatusText {
  text: string;
  tooltip: string;
  /** Needs the operator: waiting for an approval, or failed and waiting for retry/skip/abort. */
  needsAttention: boolean;
}

/** The status bar item's text for the active run, e.g. `$(sync~spin) Failover 3/5: Fail over`. */
export function runStatusText(run: Run): RunStatusText {
  const steps = activeSteps(run);
  const step = steps[run.current];
  const position = step ? ` ${Math.min(run.current + 1, steps.length)}/${steps.length}` : '';
  const phase = run.phase === 'rollback' ? 'rolling back ' : '';
  const icon =
    run.status === 'waiting-approval'
      ? '$(bell)'
      : run.status === 'failed'
        ? '$(error)'
        : run.status === 'succeeded'
          ? '$(check)'
          : '$(sync~spin)';
  const what =
    run.status === 'waiting-approval'
      ? `waits for approval: ${step?.name ?? ''}`
      : run.status === 'failed'
        ? `failed at ${step?.name ?? 'a step'}`
        : step
          ? step.name
          : run.status;
  return {
    text: `${icon} ${phase}${shortTitle(run.runbook.title)}${position}: ${what}`,
    tooltip: `Switchyard run ${run.id} (${run.status}${run.dryRun ? ', dry run' : ''}) — ${run.runbook.title}. Click to open it.`,
    needsAttention: run.status === 'waiting-approval' || run.status === 'failed',
  };
}

function shortTitle(title: string): string {
  return title.length > 32 ? `${title.slice(0, 31)}…` : title;
}
