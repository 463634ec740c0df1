/**
 * The rollout board after a window reload: VS Code hands back the panel and its memento; the board
 * reopens on the same rollout read from its store (a real FileRunStore in a temp directory), says
 * so when the rollout is gone, and never opens a store this window does not read or a memento that
 * is not one.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { FileRunStore } from '@switchyard/core';
import { EventEmitter, Uri } from '../testing/vscode-mock';
import { testRollout } from '../../../shared/core/src/rollout/testing';
import type { ToRolloutWebview } from './rollout-protocol';
import { ROLLOUT_VIEW_TYPE, RolloutPanels } from './rollout-panel';
import { checkRolloutMemento, RolloutPanelSerializer } from './rollout-serializer';
import { RolloutSource } from './rollout-source';

let dir: string;
let storeDir: string;
let panels: RolloutPanels;
let serializer: RolloutPanelSerializer;
const log = jest.fn();
const rollout = testRollout(3);

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'switchyard-serializer-'));
  storeDir = path.join(dir, '.switchyard');
  await new FileRunStore(storeDir).createRollout(rollout);
  const source = new RolloutSource(() => [storeDir]);
  panels = new RolloutPanels({
    extensionUri: Uri.file('/ext') as unknown as vscode.Uri,
    source,
    actor: () => ({ name: 'alice' }),
    log,
    pollMs: 60_000,
  });
  serializer = new RolloutPanelSerializer(panels, () => source.storeDirs(), log);
});
afterEach(() => {
  panels.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** A panel as VS Code restores it: no options of its own yet, a webview that records what it is sent. */
function restoredPanel() {
  const posted: ToRolloutWebview[] = [];
  const panel = {
    viewType: ROLLOUT_VIEW_TYPE,
    title: 'Rollout',
    visible: true,
    webview: {
      html: '',
      options: {} as vscode.WebviewOptions,
      cspSource: 'vscode-webview:',
      asWebviewUri: (uri: Uri) => uri,
      onDidReceiveMessage: new EventEmitter<unknown>().event,
      postMessage: async (message: ToRolloutWebview) => posted.push(message) > 0,
    },
    onDidDispose: () => ({ dispose: () => undefined }),
    reveal: jest.fn(),
    dispose: jest.fn(),
  };
  return { panel, posted, restored: panel as unknown as vscode.WebviewPanel };
}
const settle = () => new Promise((r) => setTimeout(r, 30));

it('reopens the board on the same rollout, read again from its store, with scripts enabled as a new board has them', async () => {
  const { panel, posted, restored } = restoredPanel();
  await serializer.deserializeWebviewPanel(restored, { storeDir, rolloutId: rollout.id });
  await settle();
  expect(panel.dispose).not.toHaveBeenCalled();
  expect(panel.webview.options.enableScripts).toBe(true);
  expect(panel.webview.html).toContain('rollout-webview.js');
  const state = posted.find((m) => m.type === 'state');
  expect(state?.type === 'state' && [state.state.rollout.id, state.state.storeDir, state.state.rollout.clusters.length]).toEqual([
    rollout.id,
    storeDir,
    3,
  ]);
  // Opening the same rollout from the Runs view now reveals the restored board instead of a second one.
  expect(panels.open(storeDir, rollout.id).panel).toBe(restored);
  expect(panel.reveal).toHaveBeenCalled();
});

it('a rollout that no longer exists: the board says so, naming it and its store', async () => {
  const { panel, posted, restored } = restoredPanel();
  rmSync(path.join(storeDir, 'rollouts', `${rollout.id}.json`));
  await serializer.deserializeWebviewPanel(restored, { storeDir, rolloutId: rollout.id });
  await settle();
  expect(panel.dispose).not.toHaveBeenCalled();
  expect(posted).toEqual([
    { type: 'gone', message: `Rollout ${rollout.id} no longer exists in ${storeDir}: this board has nothing to show. Close it.` },
  ]);
});

it('a store this window no longer reads is not opened: the panel names it, as text with no script', async () => {
  const { panel, posted, restored } = restoredPanel();
  const elsewhere = path.join(dir, 'other <b>"store"</b>');
  await serializer.deserializeWebviewPanel(restored, { storeDir: elsewhere, rolloutId: rollout.id });
  await settle();
  expect(posted).toEqual([]);
  expect(panel.webview.options.enableScripts).toBe(false);
  expect(panel.webview.html).toContain(`Rollout ${rollout.id} was in`);
  expect(panel.webview.html).toContain('other &#60;b&#62;&#34;store&#34;&#60;/b&#62;');
  expect(panel.webview.html).not.toMatch(/<script|<b>/);
  expect(panel.webview.html).toContain("default-src 'none'");
});

it('closes a panel whose memento is not one (missing, hand-made, a path for an id, extra fields)', async () => {
  const hostile: unknown[] = [
    undefined,
    null,
    'ro-20261205000000-abcdef',
    {},
    { storeDir: 42, rolloutId: rollout.id },
    { storeDir: '', rolloutId: rollout.id },
    { storeDir, rolloutId: '../runs/x' },
    { storeDir, rolloutId: `${rollout.id}\n--store /etc` },
    { storeDir, rolloutId: rollout.id.toUpperCase() },
    { storeDir: `${storeDir}\0`, rolloutId: rollout.id },
    { storeDir, rolloutId: rollout.id, runId: 'x' },
  ];
  for (const state of hostile) {
    const { panel, posted, restored } = restoredPanel();
    await serializer.deserializeWebviewPanel(restored, state);
    expect({ state, disposed: panel.dispose.mock.calls.length, posted }).toEqual({ state, disposed: 1, posted: [] });
    expect(checkRolloutMemento(state)).toBeUndefined();
  }
});

it('VS Code activates the extension to restore a board: the activation event names the board view type', () => {
  const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as { activationEvents: string[] };
  expect(manifest.activationEvents).toContain(`onWebviewPanel:${ROLLOUT_VIEW_TYPE}`);
});

it('a board adopted over an open one replaces it; closing the boards stops their polling even if VS Code never says they closed', async () => {
  const source = new RolloutSource(() => [storeDir]);
  const get = jest.spyOn(source, 'get');
  const fast = new RolloutPanels({
    extensionUri: Uri.file('/ext') as unknown as vscode.Uri,
    source,
    actor: () => ({ name: 'alice' }),
    log,
    pollMs: 5,
  });
  const first = restoredPanel();
  const second = restoredPanel();
  fast.adopt(first.restored, storeDir, rollout.id);
  fast.adopt(second.restored, storeDir, rollout.id);
  expect(first.panel.dispose).toHaveBeenCalledTimes(1);
  // The second board is the one for this rollout: opening it again reveals it, not a third.
  expect(fast.open(storeDir, rollout.id).panel).toBe(second.restored);
  await settle();
  fast.dispose();
  expect(second.panel.dispose).toHaveBeenCalledTimes(1);
  const reads = get.mock.calls.length;
  await settle();
  expect(get.mock.calls.length).toBe(reads);
});
