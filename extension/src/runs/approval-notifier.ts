import * as vscode from 'vscode';
import { ApprovalRefusedError, InvalidTransitionError, currentStep, type Actor, type Run, type RunHost } from '@switchyard/core';
import { SANDBOX_ID } from '../targets/target-registry';
import { explainError } from './explain-error';

/**
 * An approval request becomes a notification with Approve/Reject (Done/Reject for a manual step).
 * Four eyes stays enforced: the starter cannot approve such a step. In the sandbox, where one person
 * rehearses alone, the refusal offers to record a named second person instead — never on AWS.
 */
export class ApprovalNotifier {
  private readonly asked = new Set<string>();

  constructor(
    private readonly runs: Pick<RunHost, 'control' | 'targetKeyOf'>,
    private readonly actor: () => Actor,
  ) {}

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
