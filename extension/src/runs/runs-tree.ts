import * as vscode from 'vscode';
import type { RunHost, RunSummary } from '@switchyard/core';
import type { RolloutEntry } from '../rollouts/rollout-source';
import { rolloutItem } from '../rollouts/rollout-item';

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

export type RunsTreeElement = RunSummary | RolloutEntry;
const isRollout = (e: RunsTreeElement): e is RolloutEntry => 'summary' in e && 'storeDir' in e;

/**
 * Rollouts first (from the stores the CLI writes: rollouts/rollout-source.ts), click to open the
 * board; then run history, newest first: click to open a run, right-click to export it as markdown.
 */
export class RunsTreeProvider implements vscode.TreeDataProvider<RunsTreeElement> {
  private readonly changed = new vscode.EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private poll?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly runs: Pick<RunHost, 'list'>,
    private readonly rollouts?: { list(): Promise<{ rollouts: RolloutEntry[]; problems: string[] }> },
    private readonly log?: (line: string) => void,
    /** While a listed rollout is running, the view reads the stores again this often (another process, the CLI, drives it). */
    private readonly pollMs = 3000,
  ) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  dispose(): void {
    if (this.poll) clearTimeout(this.poll);
    this.poll = undefined;
  }

  getTreeItem(element: RunsTreeElement): vscode.TreeItem {
    if (isRollout(element)) {
      const shown = rolloutItem(element);
      const item = new vscode.TreeItem(shown.label, vscode.TreeItemCollapsibleState.None);
      item.id = `rollout:${element.storeDir}:${element.summary.id}`;
      item.description = shown.description;
      item.tooltip = shown.tooltip;
      item.iconPath = new vscode.ThemeIcon(shown.icon);
      item.contextValue = 'rollout';
      item.command = { command: 'switchyard.openRollout', title: 'Show rollout', arguments: [element.storeDir, element.summary.id] };
      return item;
    }
    const run = element;
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

  async getChildren(element?: RunsTreeElement): Promise<RunsTreeElement[]> {
    if (element) return [];
    const [runs, rollouts] = await Promise.all([
      this.runs.list(),
      this.rollouts?.list().catch((error: unknown) => ({ rollouts: [], problems: [String(error)] })) ?? { rollouts: [], problems: [] },
    ]);
    for (const p of rollouts.problems) this.log?.(`rollouts not listed: ${p}`);
    if (rollouts.rollouts.some((r) => r.summary.status === 'running'))
      this.poll ??= setTimeout(() => {
        this.poll = undefined;
        this.refresh();
      }, this.pollMs);
    return [...rollouts.rollouts.slice(0, 50), ...runs.sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, 100)];
  }
}
