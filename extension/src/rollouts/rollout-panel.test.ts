/**
 * The rollout panel: the board's state from the store, and controls confirmed natively before they
 * are written — abort and skip ask in a modal with the core's words (a skip needs a reason); what
 * the board did not offer, or a message not of the protocol, changes nothing.
 */
import * as vscode from 'vscode';
import type { WebviewPanel } from 'vscode';
import type { Rollout, RolloutControl } from '@switchyard/core';
import { EventEmitter, Uri } from '../testing/vscode-mock';
import type { ToRolloutWebview } from './rollout-protocol';
import { RolloutPanel } from './rollout-panel';
import { RolloutSource } from './rollout-source';
import { testRollout } from '../../../shared/core/src/rollout/testing';

const warn = vscode.window.showWarningMessage as jest.Mock;
const ask = vscode.window.showInputBox as jest.Mock;

function halted(): Rollout {
  const r = testRollout(3, { maxFailures: '1' });
  r.status = 'halted';
  r.clusters[0] = { ...r.clusters[0], status: 'failed', runId: `${r.id}-c0001`, reason: 'boom' };
  r.clusters[1] = { ...r.clusters[1], status: 'running', runId: `${r.id}-c0002`, step: 'Fail over' };
  return r;
}

async function setUp(rollout: Rollout) {
  warn.mockReset();
  ask.mockReset();
  let stored = rollout;
  const written: RolloutControl[] = [];
  const source = new RolloutSource(() => ['/ws/.switchyard']);
  jest.spyOn(source, 'get').mockImplementation(async () => stored);
  jest.spyOn(source, 'control').mockImplementation(async (_dir, _id, control) => {
    written.push(control);
    return { rollout: stored, unreleased: [], message: `${control.action} recorded` };
  });
  const received = new EventEmitter<unknown>();
  const posted: ToRolloutWebview[] = [];
  const webviewPanel = {
    title: 'Rollout',
    visible: true,
    webview: {
      html: '',
      cspSource: 'vscode-webview:',
      asWebviewUri: (uri: Uri) => uri,
      onDidReceiveMessage: received.event,
      postMessage: async (message: ToRolloutWebview) => posted.push(message) > 0,
    },
    onDidDispose: () => ({ dispose: () => undefined }),
    reveal: jest.fn(),
    dispose: jest.fn(),
  };
  const log = jest.fn();
  const changed = jest.fn();
  const panel = new RolloutPanel(
    {
      extensionUri: Uri.file('/ext') as unknown as vscode.Uri,
      source,
      actor: () => ({ name: 'alice' }),
      log,
      pollMs: 60_000,
      onRolloutChanged: changed,
    },
    '/ws/.switchyard',
    rollout.id,
    () => undefined,
    webviewPanel as unknown as WebviewPanel,
  );
  const settle = () => new Promise((r) => setTimeout(r, 20));
  await settle();
  const post = async (m: unknown) => {
    received.fire(m);
    await settle();
  };
  const result = (requestId: number) => posted.find((m) => m.type === 'controlResult' && m.requestId === requestId);
  return { panel, posted, written, post, result, log, changed, html: webviewPanel.webview.html, setStored: (r: Rollout) => (stored = r) };
}

afterEach(() => jest.restoreAllMocks());

it('posts the board: the rollout, its progress and the controls that apply, from the core', async () => {
  const { panel, posted, html } = await setUp(halted());
  const state = posted.find((m) => m.type === 'state');
  if (state?.type !== 'state') throw new Error('no state');
  expect(state.state.controls.map((e) => e.label)).toEqual(['Retry 1 cluster(s)', 'Abort rollout', 'Abort rollout and its runs']);
  expect(state.state.clusterControls.c01.map((e) => e.label)).toEqual(['Retry', 'Skip']);
  expect(state.state.progress.counts.failed).toBe(1);
  expect(html).toContain('rollout-webview.js');
  panel.dispose();
});

it('reads the rollout again (the CLI writes it): a new version is posted, and the Runs view is told', async () => {
  const { panel, posted, changed, setStored } = await setUp(halted());
  await panel.refresh();
  expect(changed).not.toHaveBeenCalled();
  const next = halted();
  next.version++;
  next.status = 'aborted';
  setStored(next);
  await panel.refresh();
  expect(changed).toHaveBeenCalledTimes(1);
  const last = posted.filter((m) => m.type === 'state').pop();
  expect(last?.type === 'state' && last.state.rollout.status).toBe('aborted');
  expect(last?.type === 'state' && last.state.controls).toEqual([]);
  panel.dispose();
});

it('skip asks in a modal with the core’s words, then for a reason (required); the reason typed is written', async () => {
  const { panel, written, post, result } = await setUp(halted());
  warn.mockResolvedValue('Skip');
  ask.mockResolvedValue('  decommissioned; --force  ');
  await post({ type: 'control', requestId: 1, control: { action: 'skip', cluster: 'c01', reason: '' } });
  expect(warn).toHaveBeenCalledWith(
    'Skip c01 in "T"?',
    {
      modal: true,
      detail:
        'c01 is left as it is: it is not retried, and the rollout counts it done.\nIts failed run ro-20261205000000-abcdef-c0001 is aborted, releasing its locks; nothing it changed is undone (a rollback of that run stays possible).',
    },
    'Skip',
  );
  const validate = ask.mock.calls[0][0].validateInput as (v: string) => string | undefined;
  expect(validate('  ')).toBe('a reason is required to skip a cluster; it is kept in the audit trail');
  expect(written).toEqual([{ action: 'skip', cluster: 'c01', reason: 'decommissioned; --force' }]);
  expect(result(1)).toEqual({ type: 'controlResult', requestId: 1, message: 'skip recorded' });
  panel.dispose();
});

it('cancelling the modal or the reason sends nothing', async () => {
  const { panel, written, post, result } = await setUp(halted());
  warn.mockResolvedValue(undefined);
  await post({ type: 'control', requestId: 1, control: { action: 'abort', abortRuns: true } });
  warn.mockResolvedValue('Skip');
  ask.mockResolvedValue(undefined);
  await post({ type: 'control', requestId: 2, control: { action: 'skip', cluster: 'c01', reason: '' } });
  expect(written).toEqual([]);
  expect(result(1)).toEqual({ type: 'controlResult', requestId: 1 });
  expect(result(2)).toEqual({ type: 'controlResult', requestId: 2 });
  panel.dispose();
});

it('abort asks first, and the choice about runs in progress is the one confirmed; retry is sent without asking', async () => {
  const { panel, written, post } = await setUp(halted());
  warn.mockResolvedValue('Abort rollout and its runs');
  ask.mockResolvedValue('');
  await post({ type: 'control', requestId: 1, control: { action: 'abort', abortRuns: true } });
  expect(warn.mock.calls[0][1].detail).toContain('The 1 run(s) in progress are aborted where they are (c02)');
  await post({ type: 'control', requestId: 2, control: { action: 'retry' } });
  expect(warn).toHaveBeenCalledTimes(1);
  expect(written).toEqual([{ action: 'abort', abortRuns: true }, { action: 'retry' }]);
  panel.dispose();
});

it('a control the board no longer offers (the rollout changed) is refused with why; a message not of the protocol is ignored', async () => {
  const { panel, written, post, result, log } = await setUp(halted());
  await post({ type: 'control', requestId: 1, control: { action: 'resume' } });
  expect(result(1)).toEqual({
    type: 'controlResult',
    requestId: 1,
    error: 'resume does not apply to rollout ro-20261205000000-abcdef now (it is halted); the board shows what does',
  });
  await post({ type: 'control', requestId: 2, control: { action: 'skip', cluster: 'c02', reason: 'x' } });
  expect(result(2)).toMatchObject({ error: expect.stringMatching(/^skip does not apply/) });
  await post({ type: 'control', requestId: 3, control: { action: 'pause' }, extra: true });
  expect(result(3)).toBeUndefined();
  expect(log).toHaveBeenCalledWith('ignored a message from the rollout board that is not of its protocol (control: unexpected field)');
  expect(warn).not.toHaveBeenCalled();
  expect(written).toEqual([]);
  panel.dispose();
});
