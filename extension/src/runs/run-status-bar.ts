import * as vscode from 'vscode';
import type { Run } from '@switchyard/core';
import type { PendingConfirmation } from '../aws/confirmations';
import { runStatusText, targetStatusText, type RunStatusText } from './run-status-text';

type TargetShown = Parameters<typeof targetStatusText>[0];

/**
 * Two items: the active run (its step, whether it needs you, a call awaiting your confirmation;
 * click opens it) and, while idle, the target the window works on — SANDBOX or the real account.
 */
export class RunStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('switchyard.activeRun', vscode.StatusBarAlignment.Left, 50);
  private readonly targetItem = vscode.window.createStatusBarItem('switchyard.target', vscode.StatusBarAlignment.Left, 51);
  private shownRun?: Run;
  private hideTimer?: ReturnType<typeof setTimeout>;
  private target?: TargetShown;
  private account?: string;

  constructor(
    /** The calls awaiting the operator on a target. */
    private readonly confirmations: (targetId: string) => PendingConfirmation[] = () => [],
    private readonly targetIdOf: (run: Run) => string = () => '',
  ) {
    this.item.name = 'Switchyard run';
    this.targetItem.name = 'Switchyard target';
  }

  /** Shows the run; an ended run stays visible for a minute, then the item hides. */
  show(run: Run, ended: boolean): void {
    if (this.shownRun && this.shownRun.id !== run.id && ended) return; // another run is still the active one
    this.shownRun = run;
    this.render();
    this.item.command = { command: 'switchyard.openRun', title: 'Show run', arguments: [run.id] };
    this.item.show();
    if (this.hideTimer) clearTimeout(this.hideTimer);
    this.hideTimer = ended
      ? setTimeout(() => {
          this.item.hide();
          this.shownRun = undefined;
          this.renderTarget();
        }, 60_000)
      : undefined;
    this.renderTarget();
  }

  /** A confirmation was asked, declined or answered: the run's words change. */
  confirmationsChanged(): void {
    if (this.shownRun) this.render();
  }

  /** The window's target (undefined: none) and, once STS said, its account. */
  setTarget(target: TargetShown, account?: string): void {
    this.target = target;
    this.account = account;
    this.renderTarget();
  }

  dispose(): void {
    if (this.hideTimer) clearTimeout(this.hideTimer);
    this.item.dispose();
    this.targetItem.dispose();
  }

  private render(): void {
    const run = this.shownRun!;
    const pending = this.confirmations(this.targetIdOf(run))[0];
    this.paint(this.item, runStatusText(run, pending));
  }

  private renderTarget(): void {
    const text = this.shownRun ? undefined : targetStatusText(this.target, this.account);
    if (!text) return this.targetItem.hide();
    this.paint(this.targetItem, text);
    this.targetItem.show();
  }

  private paint(item: vscode.StatusBarItem, { text, tooltip, needsAttention }: RunStatusText): void {
    item.text = text;
    item.tooltip = tooltip;
    item.backgroundColor = needsAttention ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }
}
