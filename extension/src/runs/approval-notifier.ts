import * as vscode from 'vscode';
import { ApprovalRefusedError, InvalidTransitionError, currentStep, isEnded, type Actor, type Run, type RunHost } from '@switchyard/core';
import { SANDBOX_ID } from '../targets/target-registry';
import { explainError } from './explain-error';

/** Who answered an approval request, and when, from the run's audit trail (or its end). */
export function answeredBy(run: Run, stepId: string, requestedAt: string): string {
  const entry = run.audit.find(
    (a) =>
      a.stepId === stepId &&
      a.at >= requestedAt &&
      /^(approved|confirmed|step failed|step skipped|aborted|rollback started)/.test(a.action),
  );
  const state = `the run is ${run.status}`;
  return entry ? `${entry.action} by ${entry.actor} at ${entry.at.slice(11, 16)} UTC; ${state}` : state;
}

/**
 * An approval request becomes a notification with Approve/Reject (Done/Reject for a manual step).
 * VS Code cannot close a notification from code, so a click on one whose request was answered
 * meanwhile (elsewhere, or the run ended) does nothing and says who answered it. Four eyes stays
 * enforced: the starter cannot approve such a step. In the sandbox, where one person rehearses
 * alone, the refusal offers to record a named second person instead — never on AWS.
 */
export class ApprovalNotifier {
  private readonly asked = new Set<string>();
  private readonly ended = new Set<string>();

  constructor(
    private readonly runs: Pick<RunHost, 'control' | 'targetKeyOf' | 'get'>,
    private readonly actor: () => Actor,
  ) {}

  /** A run this window drives ended, or failed and waits for retry, skip or abort: say so once, with the way to it. */
  async runEnded(run: Run): Promise<void> {
    const key = `${run.id}:${run.status}:${run.updatedAt}`;
    if ((!isEnded(run.status) && run.status !== 'failed') || this.ended.has(key)) return;
    this.ended.add(key);
    const how =
      run.status === 'succeeded'
        ? 'succeeded'
        : `${run.status}${run.error ? `: ${run.error}` : ''}${run.status === 'failed' ? ' — retry, skip or abort it in the run' : ''}`;
    const show = run.status === 'succeeded' ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
    const choice = await show(`Switchyard — ${run.runbook.title}: ${how}`, 'Open run');
    if (choice === 'Open run') await vscode.commands.executeCommand('switchyard.openRun', run.id);
  }

  async notify(run: Run): Promise<void> {
    const step = currentStep(run);
    const approval = step?.approval;
    if (run.status !== 'waiting-approval' || !step || !approval) return;
    const key = `${run.id}:${step.id}:${approval.requestedAt}`;
    if (this.asked.has(key)) return;
    this.asked.add(key);
    const yes = approval.kind === 'confirm' ? 'Done' : 'Approve';
    const fourEyes = approval.fourEyes ? ' (four eyes: someone other than the starter)' : '';
    const choice = await vscode.window.showInformationMessage(
      `Switchyard — ${run.runbook.title}: ${approval.message}${fourEyes}`,
      yes,
      'Reject',
      'Open run',
    );
    if (choice === yes || choice === 'Reject') {
      // The notification may have stayed up while the request was answered elsewhere or the run ended.
      const latest = await this.runs.get(run.id);
      const now = latest && currentStep(latest);
      if (!latest || latest.status !== 'waiting-approval' || now?.id !== step.id || now.approval?.requestedAt !== approval.requestedAt) {
        const why = latest ? answeredBy(latest, step.id, approval.requestedAt) : 'the run is gone';
        void vscode.window
          .showInformationMessage(`Switchyard: nothing done — "${step.name}" was already answered (${why}).`, 'Open run')
          .then((open) => open && vscode.commands.executeCommand('switchyard.openRun', run.id));
        return;
      }
    }
    try {
      if (choice === yes) await this.approve(run, this.actor());
      else if (choice === 'Reject') {
        const reason = await vscode.window.showInputBox({
          prompt: `Why reject "${step.name}"? (kept in the audit trail)`,
          ignoreFocusOut: true,
          validateInput: (v) => (v.trim() ? undefined : 'a reason is required to reject a step'),
        });
        if (reason?.trim()) await this.runs.control(run.id, { action: 'reject', reason }, this.actor());
      } else if (choice === 'Open run') await vscode.commands.executeCommand('switchyard.openRun', run.id);
      else this.asked.delete(key); // dismissed: ask again next time the run is looked at
    } catch (error) {
      if (error instanceof InvalidTransitionError) {
        void vscode.window.showInformationMessage(`Switchyard: "${step.name}" was already answered (${error.message}).`);
      } else {
        void vscode.window.showErrorMessage(`Switchyard: ${explainError(error)}`);
      }
    }
  }

  private async approve(run: Run, actor: Actor): Promise<void> {
    try {
      await this.runs.control(run.id, { action: 'approve', reason: 'approved in VS Code' }, actor);
    } catch (error) {
      const rehearsal = this.runs.targetKeyOf(run) === SANDBOX_ID;
      if (!(error instanceof ApprovalRefusedError) || error.refusal.rule !== 'four-eyes' || !rehearsal) throw error;
      const second = await vscode.window.showWarningMessage(
        `${error.message}. In the sandbox you can rehearse with a named second person.`,
        'Approve as a second person…',
      );
      if (!second) return;
      const name = await vscode.window.showInputBox({
        prompt: 'Name of the second person approving (recorded in the run’s audit trail)',
        ignoreFocusOut: true,
        validateInput: (v) =>
          v.trim() && v.trim() !== run.startedBy ? undefined : `a name other than ${run.startedBy}, who started the run`,
      });
      if (name) {
        const reason = `four-eyes approval recorded in the VS Code sandbox by ${actor.name}`;
        await this.runs.control(run.id, { action: 'approve', reason }, { name: name.trim() });
      }
    }
  }
}
