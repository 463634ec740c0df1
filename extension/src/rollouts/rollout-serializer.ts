/**
 * Brings a rollout board back after a window reload: VS Code hands back the panel and what its
 * webview kept (a RolloutMemento), and the board reopens on the same rollout, read again from its
 * store. A memento that is not one (hand-made, or of an older version) closes the panel; a rollout
 * that is gone, or a store this window no longer reads, is said on the board.
 */
import type * as vscode from 'vscode';
import { ROLLOUT_ID_PATTERN } from '@switchyard/core';
import type { RolloutMemento } from './rollout-protocol';
import type { RolloutPanels } from './rollout-panel';

/** The memento exactly, or undefined. */
export function checkRolloutMemento(state: unknown): RolloutMemento | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const { storeDir, rolloutId, ...rest } = state as Record<string, unknown>;
  if (Object.keys(rest).length) return undefined;
  if (typeof storeDir !== 'string' || !storeDir || storeDir.includes('\0')) return undefined;
  if (typeof rolloutId !== 'string' || !ROLLOUT_ID_PATTERN.test(rolloutId)) return undefined;
  return { storeDir, rolloutId };
}

export class RolloutPanelSerializer implements vscode.WebviewPanelSerializer<unknown> {
  constructor(
    private readonly panels: Pick<RolloutPanels, 'adopt'>,
    /** The stores this window reads now (the workspace's `.switchyard` and the configured ones). */
    private readonly storeDirs: () => string[],
    private readonly log: (line: string) => void,
  ) {}

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const memento = checkRolloutMemento(state);
    if (!memento) {
      this.log('a rollout board from before the reload kept no rollout to show; it is closed');
      panel.dispose();
      return;
    }
    const { storeDir, rolloutId } = memento;
    if (!this.storeDirs().includes(storeDir)) {
      // Only stores this window reads are opened (the memento comes from a webview; the settings decide what is read).
      panel.webview.options = { enableScripts: false };
      panel.webview.html = staticNotice(
        `Rollout ${rolloutId} was in ${storeDir}, which this window no longer reads (the workspace folders' .switchyard and the switchyard.rollouts.stores setting). Open a rollout from the Runs view.`,
      );
      return;
    }
    this.panels.adopt(panel, storeDir, rolloutId);
  }
}

/** A page of text and nothing else (no script, nothing loaded). */
function staticNotice(text: string): string {
  const escaped = text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'"></head><body><p role="alert" data-testid="rollout-gone">${escaped}</p></body></html>`;
}
