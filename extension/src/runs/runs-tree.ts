import * as vscode from 'vscode';
import { ROLLOUT_PAGE_DEFAULT, type RunHost, type RunSummary } from '@switchyard/core';
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

/** The "More rollouts…" item of a store that has older rollouts than it shows. */
export interface MoreRollouts {
  moreRolloutsIn: string;
}
export type RunsTreeElement = RunSummary | RolloutEntry | MoreRollouts;
const isRollout = (e: RunsTreeElement): e is RolloutEntry => 'summary' in e && 'storeDir' in e;
const isMore = (e: RunsTreeElement): e is MoreRollouts => 'moreRolloutsIn' in e;

export interface RolloutLister {
  list(pages: ReadonlyMap<string, number>): Promise<{ rollouts: RolloutEntry[]; problems: string[]; older?: string[] }>;
}

/**
 * Rollouts first (from the stores the CLI writes: rollouts/rollout-source.ts), click to open the
 * board; a store with older rollouts than shown ends them with "More rollouts…", which shows its next
 * page (kept on refresh); then run history, newest first: click to open a run, right-click to export
 * it as markdown.
 */
export class RunsTreeProvider implements vscode.TreeDataProvider<RunsTreeElement> {
  private readonly changed = new vscode.EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private poll?: ReturnType<typeof setTimeout>;
  /** Pages of rollouts shown per store directory (one when unset). */
  private readonly pages = new Map<string, number>();

  constructor(
    private readonly runs: Pick<RunHost, 'list'>,
    private readonly rollouts?: RolloutLister,
    private readonly log?: (line: string) => void,
    /** While a listed rollout is running, the view reads the stores again this often (another process, the CLI, drives it). */
    private readonly pollMs = 3000,
  ) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  /** Shows the next page of a store's rollouts (the "More rollouts…" item's command). */
  showMoreRollouts(storeDir: string): void {
    this.pages.set(storeDir, (this.pages.get(storeDir) ?? 1) + 1);
    this.refresh();
  }

  dispose(): void {
    if (this.poll) clearTimeout(this.poll);
    this.poll = undefined;
  }

  getTreeItem(element: RunsTreeElement): vscode.TreeItem {
    if (isMore(element)) {
      const item = new vscode.TreeItem('More rollouts…', vscode.TreeItemCollapsibleState.None);
      item.id = `more-rollouts:${element.moreRolloutsIn}`;
      item.description = element.moreRolloutsIn;
      item.tooltip = `Show the next ${ROLLOUT_PAGE_DEFAULT} older rollouts of ${element.moreRolloutsIn}`;
      item.iconPath = new vscode.ThemeIcon('ellipsis');
      item.contextValue = 'moreRollouts';
      item.command = { command: 'switchyard.moreRollouts', title: 'More rollouts', arguments: [element.moreRolloutsIn] };
      return item;
    }
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
      this.rollouts?.list(new Map(this.pages)).catch((error: unknown) => ({ rollouts: [], problems: [String(error)] })) ?? {
        rollouts: [],
        problems: [],
      },
    ]);
    for (const p of rollouts.problems) this.log?.(`rollouts not listed: ${p}`);
    if (rollouts.rollouts.some((r) => r.summary.status === 'running'))
      this.poll ??= setTimeout(() => {
        this.poll = undefined;
        this.refresh();
      }, this.pollMs);
    const more: MoreRollouts[] = (('older' in rollouts && rollouts.older) || []).map((dir) => ({ moreRolloutsIn: dir }));
    return [...rollouts.rollouts, ...more, ...runs.sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, 100)];
  }
}
