import * as vscode from 'vscode';
import { describeControlEffect, parseRunbook, rollbackStepRuns, type Run, type RunControl } from '@switchyard/core';

/**
 * Abort and Roll back ask first: a modal saying what the control does to this run's database (the
 * core's words), then an optional reason for the audit trail. Undefined when the operator cancels
 * either (Escape on the reason cancels too; Enter with nothing sends without a reason).
 */
export async function confirmControl(run: Run, action: 'abort' | 'rollback', given?: string): Promise<RunControl | undefined> {
  const effect = describeControlEffect(run, action, action === 'rollback' ? plannedRollback(run) : []);
  const choice = await vscode.window.showWarningMessage(
    effect.title,
    { modal: true, detail: effect.effects.join('\n') },
    effect.confirmLabel,
  );
  if (choice !== effect.confirmLabel) return undefined;
  if (given) return { action, reason: given };
  const reason = await vscode.window.showInputBox({
    title: `${effect.confirmLabel}: why? (optional)`,
    prompt: 'Kept in the run’s audit trail. Enter with nothing to go on without a reason; Escape cancels.',
    ignoreFocusOut: true,
  });
  if (reason === undefined) return undefined;
  return reason.trim() ? { action, reason: reason.trim() } : { action };
}

/** The steps a rollback will run: the rest of a rollback under way, or the plan from the runbook. */
function plannedRollback(run: Run): string[] {
  if (run.phase === 'rollback') return run.rollbackSteps.slice(run.current).map((s) => s.name);
  const { runbook } = parseRunbook(run.runbook.file, run.runbook.source);
  return runbook ? rollbackStepRuns(run, runbook).map((s) => s.name) : [];
}
