import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { Actor, Rollout, RolloutControl, RolloutControlEffect } from '@switchyard/core';
import { explainError } from '../runs/explain-error';
import { newNonce, webviewHtml } from '../webview/webview-html';
import { checkFromRolloutWebview, type RolloutViewState, type ToRolloutWebview } from './rollout-protocol';
import { matchOffered, type RolloutSource } from './rollout-source';

export const ROLLOUT_VIEW_TYPE = 'switchyard.rollout';

export interface RolloutPanelDeps {
  extensionUri: vscode.Uri;
  source: RolloutSource;
  actor: () => Actor;
  log: (line: string) => void;
  /** How often an open board reads the rollout again (the CLI writes it from another process). */
  pollMs?: number;
  /** The board read a new version of its rollout (the Runs view follows). */
  onRolloutChanged?: () => void;
}

/**
 * Abort and Skip ask first, natively, as the run controls do (panel/confirm-control.ts): a modal
 * with the core's words (rolloutControlEffects), then a reason for the audit trail — required to
 * skip, optional otherwise. The board does not ask too (`confirmInHost`). Undefined when cancelled.
 */
export async function confirmRolloutControl(effect: RolloutControlEffect): Promise<RolloutControl | undefined> {
  const choice = await vscode.window.showWarningMessage(effect.title, { modal: true, detail: effect.effects.join('\n') }, effect.label);
  if (choice !== effect.label) return undefined;
  const reason = await vscode.window.showInputBox({
    title: effect.reasonRequired ? `${effect.label}: why? (required)` : `${effect.label}: why? (optional)`,
    prompt: effect.reasonRequired
      ? 'Kept in the rollout’s audit trail. Escape cancels; nothing is sent.'
      : 'Kept in the rollout’s audit trail. Enter with nothing to go on without a reason; Escape cancels.',
    ignoreFocusOut: true,
    validateInput: (value) =>
      effect.reasonRequired && !value.trim() ? 'a reason is required to skip a cluster; it is kept in the audit trail' : undefined,
  });
  if (reason === undefined) return undefined;
  const text = reason.trim();
  if (effect.control.action === 'skip') return text ? { ...effect.control, reason: text } : undefined;
  return text ? { ...effect.control, reason: text } : effect.control;
}

/** One rollout's board in a webview panel: read from its store every second while open, controls written back. */
export class RolloutPanel implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  private state?: RolloutViewState;
  private timer?: ReturnType<typeof setInterval>;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly deps: RolloutPanelDeps,
    readonly storeDir: string,
    readonly rolloutId: string,
    onDispose: () => void,
    /** A panel made elsewhere (tests); otherwise a new one is opened. */
    existing?: vscode.WebviewPanel,
  ) {
    const dist = vscode.Uri.joinPath(deps.extensionUri, 'dist');
    this.panel =
      existing ??
      vscode.window.createWebviewPanel(ROLLOUT_VIEW_TYPE, `Rollout ${rolloutId} — Switchyard`, vscode.ViewColumn.Active, {
        enableScripts: true,
        retainContextWhenHidden: true,
        localResourceRoots: [dist],
      });
    const webview = this.panel.webview;
    // A panel VS Code restored after a reload comes with the options it was saved with; set them as a new one has them.
    if (existing) webview.options = { enableScripts: true, localResourceRoots: [dist] };
    webview.html = webviewHtml({
      cspSource: webview.cspSource,
      nonce: newNonce(randomBytes),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'rollout-webview.js')).toString(),
      styleUris: [webview.asWebviewUri(vscode.Uri.joinPath(dist, 'rollout-webview.css')).toString()],
      title: this.panel.title,
    });
    this.disposables.push(
      webview.onDidReceiveMessage((m: unknown) => {
        const checked = checkFromRolloutWebview(m);
        if (!checked.ok) return deps.log(`ignored a message from the rollout board that is not of its protocol (${checked.problem})`);
        if (checked.message.type === 'ready') return void this.refresh();
        void this.control(checked.message.requestId, checked.message.control);
      }),
      this.panel.onDidDispose(() => {
        this.dispose();
        onDispose();
      }),
    );
    this.timer = setInterval(() => {
      if (this.panel.visible) void this.refresh();
    }, deps.pollMs ?? 1000);
    void this.refresh();
  }

  reveal(): void {
    this.panel.reveal();
  }

  async refresh(): Promise<void> {
    let rollout: Rollout | undefined;
    try {
      rollout = await this.deps.source.get(this.storeDir, this.rolloutId);
    } catch (error) {
      if (this.state) this.post({ ...this.state, unavailable: explainError(error) });
      return;
    }
    if (!rollout) {
      const message = `rollout ${this.rolloutId} is no longer in ${this.storeDir}`;
      if (this.state) this.post({ ...this.state, unavailable: message });
      else
        this.send({
          type: 'gone',
          message: `Rollout ${this.rolloutId} no longer exists in ${this.storeDir}: this board has nothing to show. Close it.`,
        });
      return;
    }
    const changed = this.state !== undefined && this.state.rollout.version !== rollout.version;
    this.post(this.deps.source.view(this.storeDir, rollout, new Date()));
    if (changed) this.deps.onRolloutChanged?.();
  }

  private async control(requestId: number, posted: RolloutControl): Promise<void> {
    try {
      const rollout = await this.deps.source.get(this.storeDir, this.rolloutId);
      if (!rollout) throw new Error(`rollout ${this.rolloutId} is no longer in ${this.storeDir}`);
      // Only what the board offers now is sent, confirmed here when the core says it asks first.
      const effect = matchOffered(rollout, posted);
      if (typeof effect === 'string') throw new Error(effect);
      const control = effect.confirm ? await confirmRolloutControl(effect) : posted;
      if (!control) return this.send({ type: 'controlResult', requestId });
      const outcome = await this.deps.source.control(this.storeDir, this.rolloutId, control, this.deps.actor());
      this.deps.log(outcome.message);
      this.send({ type: 'controlResult', requestId, message: outcome.message });
      void vscode.window.showInformationMessage(outcome.message);
      await this.refresh();
    } catch (error) {
      this.send({ type: 'controlResult', requestId, error: explainError(error) });
    }
  }

  private post(state: RolloutViewState): void {
    this.state = state;
    this.send({ type: 'state', state });
  }

  private send(message: ToRolloutWebview): void {
    void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** One panel per rollout: opening it again reveals the same one. */
export class RolloutPanels implements vscode.Disposable {
  private readonly panels = new Map<string, RolloutPanel>();

  constructor(private readonly deps: RolloutPanelDeps) {}

  open(storeDir: string, rolloutId: string): RolloutPanel {
    const key = `${storeDir}|${rolloutId}`;
    let panel = this.panels.get(key);
    if (panel) panel.reveal();
    else {
      const created: RolloutPanel = new RolloutPanel(this.deps, storeDir, rolloutId, () => this.forget(key, created));
      this.panels.set(key, (panel = created));
    }
    return panel;
  }

  /** Takes over a board VS Code restored after a window reload. */
  adopt(restored: vscode.WebviewPanel, storeDir: string, rolloutId: string): RolloutPanel {
    const key = `${storeDir}|${rolloutId}`;
    const previous = this.panels.get(key);
    if (previous) close(previous);
    const panel: RolloutPanel = new RolloutPanel(this.deps, storeDir, rolloutId, () => this.forget(key, panel), restored);
    this.panels.set(key, panel);
    return panel;
  }

  /** A panel's own close forgets it only if it is still the board for its rollout (not one adopted in its place). */
  private forget(key: string, panel: RolloutPanel): void {
    if (this.panels.get(key) === panel) this.panels.delete(key);
  }

  dispose(): void {
    const open = [...this.panels.values()];
    this.panels.clear();
    for (const panel of open) close(panel);
  }
}

/** Stops a board's polling at once, then closes its editor panel (whose close event may come later, or never in a host that is shutting down). */
function close(panel: RolloutPanel): void {
  panel.dispose();
  panel.panel.dispose();
}
