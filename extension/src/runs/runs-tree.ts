import * as vscode from 'vscode';
import type { RunHost, RunSummary } from '@switchyard/core';

const ICONS: Record<RunSummary['status'], string> = {
  pending: 'clock',
  running: 'sync~spin',
  waiting: 'watch',
  'waiting-approval': 'bell',
  succeeded: 'pass',
  failed: 'error',
  aborted: 'circle-slash',
  'rolled-back': 'discard',
};

/** Run history, newest first: click to open a run, right-click to export it as markdown. */
export class RunsTreeProvider implements vscode.TreeDataProvider<RunSummary> {
  private readonly changed = new vscode.EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly runs: Pick<RunHost, 'list'>) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(run: RunSummary): vscode.TreeItem {
    const item = new vscode.TreeItem(run.title, vscode.TreeItemCollapsibleState.None);
    const target = Object.values(run.params).find((v) => typeof v === 'string' && v) ?? '';
    item.id = run.id;
    item.description = [run.status, target, new Date(run.createdAt).toLocaleString()].filter(Boolean).join(' · ');
    item.tooltip = `${run.id}\n${run.title}\nstarted by ${run.startedBy} at ${run.createdAt}${run.currentStep ? `\nstep: ${run.currentStep}` : ''}`;
    item.iconPath = new vscode.ThemeIcon(ICONS[run.status]);
    item.contextValue = 'run';
    item.command = { command: 'switchyard.openRun', title: 'Show run', arguments: [run.id] };
    return item;
  }

  async getChildren(element?: RunSummary): Promise<RunSummary[]> {
    if (element) return [];
    const runs = await this.runs.list();
    return runs.sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, 100);
  }
}
