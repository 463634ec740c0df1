import type { WebviewPanel } from 'vscode';
import type { Run } from '@switchyard/core';
import type { Confirmations } from '../aws/confirmations';
import type { Target } from '../targets/target';
import { ClusterPanel, type PanelDeps, type PanelIntent } from './cluster-panel';

/** One panel per target and cluster: opening it again reveals the same one. */
export class ClusterPanels {
  private readonly panels = new Map<string, ClusterPanel>();

  constructor(private readonly deps: PanelDeps) {}

  async open(target: Target, clusterId: string | undefined, intent: PanelIntent = {}): Promise<ClusterPanel> {
    const key = `${target.id}|${clusterId ?? ''}`;
    let panel = this.panels.get(key);
    if (!panel || panel.target !== target) {
      panel?.panel.dispose();
      panel = new ClusterPanel(this.deps, target, clusterId, () => this.panels.delete(key));
      this.panels.set(key, panel);
    }
    await panel.apply(intent);
    return panel;
  }

  /** Takes over a panel VS Code restored after a window reload. */
  async adopt(restored: WebviewPanel, target: Target, clusterId: string | undefined, intent: PanelIntent): Promise<void> {
    const key = `${target.id}|${clusterId ?? ''}`;
    this.panels.get(key)?.panel.dispose();
    const panel = new ClusterPanel(this.deps, target, clusterId, () => this.panels.delete(key), restored);
    this.panels.set(key, panel);
    await panel.apply(intent);
  }

  /** Mutating calls awaiting the operator changed: each panel shows those of its target. */
  confirmationsChanged(confirmations: Pick<Confirmations, 'list'>): void {
    for (const panel of this.panels.values()) if (!panel.disconnected) panel.setConfirmations(confirmations.list(panel.target.id));
  }

  /** The targets changed: a panel whose target is gone (or was replaced) is disconnected, read-only. */
  targetsChanged(current: (id: string) => Target | undefined): void {
    for (const panel of this.panels.values()) {
      if (current(panel.target.id) === panel.target) continue;
      panel.disconnect(
        panel.target.kind === 'sandbox'
          ? 'Disconnected: the sandbox this panel was connected to stopped. The run is shown as it was; its controls are off.'
          : `Disconnected: ${panel.target.label} (${panel.target.region}) is no longer the configured AWS target (switchyard.aws settings). The run is shown as it was; its controls are off.`,
      );
    }
  }

  onRun(run: Run): void {
    for (const panel of this.panels.values()) panel.onRun(run);
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) panel.panel.dispose();
    this.panels.clear();
  }
}
