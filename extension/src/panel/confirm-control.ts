import * as vscode from 'vscode';
import { controlEffect, parseRunbook, rollbackStepRuns, type DestructiveAction, type Run, type RunControl } from '@switchyard/core';

/**
 * Abort, Roll back, Skip and Reject ask first, natively: a modal saying what the control does to
 * this run's database (the core's words, controlEffect: the same facts Backstage shows), then a
 * reason for the audit trail — optional for Abort and Roll back (Enter with nothing goes on without
 * one), required for Skip and Reject. The webview shows no confirmation of its own (RunView's
 * `confirmInHost`), so one click is confirmed once. Undefined when the operator cancels either.
 */
export async function confirmControl(run: Run, action: DestructiveAction, given?: string): Promise<RunControl | undefined> {
  const effect = controlEffect(run, action, { plannedRollback: action === 'rollback' ? plannedRollback(run) : undefined });
  const choice = await vscode.window.showWarningMessage(
    effect.title,
    { modal: true, detail: effect.effects.join('\n') },
    effect.confirmLabel,
  );
  if (choice !== effect.confirmLabel) return undefined;
  const reason = given?.trim()
    ? given.trim()
    : await vscode.window.showInputBox({
        title: effect.reasonRequired ? `${effect.confirmLabel}: why? (required)` : `${effect.confirmLabel}: why? (optional)`,
        prompt: effect.reasonRequired
          ? 'Kept in the run’s audit trail. Escape cancels; nothing is sent.'
          : 'Kept in the run’s audit trail. Enter with nothing to go on without a reason; Escape cancels.',
        ignoreFocusOut: true,
        validateInput: (value) =>
          effect.reasonRequired && !value.trim() ? `a reason is required to ${action} a step; it is kept in the audit trail` : undefined,
      });
  if (reason === undefined) return undefined;
  const text = reason.trim();
  if (action === 'skip' || action === 'reject') return text ? { action, reason: text } : undefined;
  return text ? { action, reason: text } : { action };
}

/** The steps a rollback will run: the rest of a rollback under way, or the plan from the runbook. */
function plannedRollback(run: Run): string[] {
  if (run.phase === 'rollback') return run.rollbackSteps.slice(run.current).map((s) => s.name);
  const { runbook } = parseRunbook(run.runbook.file, run.runbook.source);
  return runbook ? rollbackStepRuns(run, runbook).map((s) => s.name) : [];
}
