import type { WebviewPanel } from 'vscode';
import type { Run } from '@switchyard/core';
import type { Connection } from '../connections/connection';
import { ClusterPanel, type PanelDeps, type PanelIntent } from './cluster-panel';

/** One panel per connection and cluster: opening it again reveals the same one. */
export class ClusterPanels {
  private readonly panels = new Map<string, ClusterPanel>();

  constructor(private readonly deps: PanelDeps) {}

  async open(connection: Connection, clusterId: string | undefined, intent: PanelIntent = {}): Promise<ClusterPanel> {
    const key = `${connection.id}|${clusterId ?? ''}`;
    let panel = this.panels.get(key);
    if (!panel || panel.connection !== connection) {
      panel?.panel.dispose();
      panel = new ClusterPanel(this.deps, connection, clusterId, () => this.panels.delete(key));
      this.panels.set(key, panel);
    }
    await panel.apply(intent);
    return panel;
  }

  /** Takes over a panel VS Code restored after a window reload. */
  async adopt(restored: WebviewPanel, connection: Connection, clusterId: string | undefined, intent: PanelIntent): Promise<void> {
    const key = `${connection.id}|${clusterId ?? ''}`;
    this.panels.get(key)?.panel.dispose();
    const panel = new ClusterPanel(this.deps, connection, clusterId, () => this.panels.delete(key), restored);
    this.panels.set(key, panel);
    await panel.apply(intent);
  }

  onRun(run: Run): void {
    for (const panel of this.panels.values()) panel.onRun(run);
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) panel.panel.dispose();
    this.panels.clear();
  }
}
