import * as vscode from 'vscode';
import type { Run } from '@switchyard/core';
import { runStatusText } from './run-status-text';

/** The active run in the status bar: its step and whether it needs you; click opens it. */
export class RunStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('switchyard.activeRun', vscode.StatusBarAlignment.Left, 50);
  private shownRunId?: string;
  private hideTimer?: ReturnType<typeof setTimeout>;

  constructor() {
    this.item.name = 'Switchyard run';
  }

  /** Shows the run; an ended run stays visible for a minute, then the item hides. */
  show(run: Run, ended: boolean): void {
    if (this.shownRunId && this.shownRunId !== run.id && ended) return; // another run is still the active one
    const { text, tooltip, needsAttention } = runStatusText(run);
    this.shownRunId = run.id;
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.backgroundColor = needsAttention ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.command = { command: 'switchyard.openRun', title: 'Show run', arguments: [run.id] };
    this.item.show();
    if (this.hideTimer) clearTimeout(this.hideTimer);
    this.hideTimer = ended
      ? setTimeout(() => {
          this.item.hide();
          this.shownRunId = undefined;
        }, 60_000)
      : undefined;
  }

  dispose(): void {
    if (this.hideTimer) clearTimeout(this.hideTimer);
    this.item.dispose();
  }
}
