/**
 * The webview is untrusted input (any script that runs in it can post anything): the panel acts
 * only on messages of the protocol's shape, starts only runbooks it offered, and controls only
 * the run it shows.
 */
import * as vscode from 'vscode';
import type { WebviewPanel } from 'vscode';
import type { Run, RunHost } from '@switchyard/core';
import { EventEmitter, Uri } from '../testing/vscode-mock';
import type { RunbookCatalog } from '../runbook/runbook-catalog';
import type { Target } from '../targets/target';
import type { PanelState, ToWebview } from '../webview/protocol';
import { ClusterPanel, type PanelDeps } from './cluster-panel';

const OFFERED = 'file:///ws/runbooks/failover.md';
const SHOWN_RUN = 'run-shown';

function setUp() {
  const received = new EventEmitter<unknown>();
  const posted: ToWebview[] = [];
  const webviewPanel = {
    title: 'Run — Switchyard',
    webview: {
      options: {},
      html: '',
      cspSource: 'vscode-webview:',
      asWebviewUri: (uri: Uri) => uri,
      onDidReceiveMessage: received.event,
      postMessage: async (message: ToWebview) => posted.push(message) > 0,
    },
    onDidDispose: () => ({ dispose: () => undefined }),
    reveal: jest.fn(),
    dispose: jest.fn(),
  };
  const shown = {
    id: SHOWN_RUN,
    status: 'waiting-approval',
    phase: 'forward',
    current: 0,
    createdAt: '2026-01-01T00:00:00Z',
    params: { cluster: 'prod-app' },
    locks: ['rds-cluster:prod-app@123456789012/us-east-1'],
    runbook: { file: 'runbooks/failover.md', title: 'Fail over prod-app', source: '# Fail over\n' },
    steps: [{ id: 'go', name: 'Approve', status: 'waiting-approval', origin: { kind: 'step', index: 0 } }],
    rollbackSteps: [],
  } as unknown as Run;
  const runs = {
    list: jest.fn(async () => []),
    get: jest.fn(async (id: string) => (id === SHOWN_RUN ? shown : undefined)),
    start: jest.fn(async () => shown),
    control: jest.fn(async () => shown),
    targetKeyOf: () => 'sandbox',
  };
  const catalog = {
    forms: jest.fn(async () => [{ id: OFFERED, title: 'Fail over', params: [{ name: 'cluster', type: 'rds-cluster', required: true }] }]),
    load: jest.fn(async (uri: Uri) => ({
      id: uri.toString(),
      uri,
      file: 'runbooks/failover.md',
      source: '# runbook',
      runbook: { steps: [] },
      errors: [],
    })),
  };
  const log = jest.fn();
  const askAgain = jest.fn(() => true);
  const deps = {
    askAgain,
    extensionUri: Uri.file('/ext'),
    runs: runs as unknown as RunHost,
    catalog: catalog as unknown as RunbookCatalog,
    clusters: async () => [],
    actor: () => ({ name: 'alice' }),
    log,
  } as unknown as PanelDeps;
  const target = { id: 'sandbox', kind: 'sandbox', label: 'Sandbox', region: 'us-east-1' } as Target;
  const panel = new ClusterPanel(deps, target, undefined, () => undefined, webviewPanel as unknown as WebviewPanel);
  const state = (): PanelState => {
    const last = posted.filter((m) => m.type === 'state').pop();
    if (last?.type !== 'state') throw new Error('no state posted yet');
    return last.state;
  };
  const send = async (message: unknown) => {
    received.fire(message);
    await settle();
  };
  return { panel, runs, catalog, posted, state, send, log, askAgain };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

async function ready() {
  const t = setUp();
  await settle();
  expect(t.state().runbooks.map((r) => r.id)).toEqual([OFFERED]);
  await t.panel.apply({ runId: SHOWN_RUN });
  return t;
}

it('starts only a runbook it offered: another URI is neither read nor run', async () => {
  const t = await ready();
  for (const runbookId of ['file:///etc/passwd', 'untitled:Untitled-1', 'https://example.com/evil.md', `${OFFERED}?x`]) {
    await t.send({ type: 'start', runbookId, params: { cluster: 'prod-app' }, dryRun: false });
    expect(t.state().startError).toContain('not one of the runbooks this panel offers');
  }
  await t.send({ type: 'selectRunbook', runbookId: 'file:///etc/passwd' });
  expect(t.state().selectedRunbook).toBeUndefined();
  expect(t.catalog.load).not.toHaveBeenCalled();
  expect(t.runs.start).not.toHaveBeenCalled();

  await t.send({ type: 'start', runbookId: OFFERED, params: { cluster: 'prod-app', dryRunOnly: true, waitMinutes: 5 }, dryRun: true });
  expect(t.catalog.load).toHaveBeenCalledTimes(1);
  expect(t.runs.start).toHaveBeenCalledWith(
    expect.objectContaining({
      file: 'runbooks/failover.md',
      params: { cluster: 'prod-app', dryRunOnly: 'true', waitMinutes: '5' },
      dryRun: true,
    }),
  );
});

it('ignores messages that are not of the protocol, whatever their type says', async () => {
  const t = await ready();
  const malformed: unknown[] = [
    null,
    'start',
    { type: 'start', runbookId: OFFERED, params: { cluster: { toString: 'prod-app' } }, dryRun: false },
    { type: 'start', runbookId: OFFERED, params: ['prod-app'], dryRun: false },
    { type: 'start', runbookId: OFFERED, params: { cluster: 'prod-app' }, dryRun: 'no' },
    { type: 'start', runbookId: OFFERED, params: { cluster: 'prod-app' } },
    { type: 'start', runbookId: [OFFERED], params: {}, dryRun: false },
    { type: 'start', runbookId: OFFERED, params: {}, dryRun: false, fromStep: 'failover' },
    { type: 'action', requestId: '1', runId: SHOWN_RUN, control: { action: 'abort' } },
    { type: 'action', requestId: 1.5, runId: SHOWN_RUN, control: { action: 'abort' } },
    { type: 'action', requestId: 1, runId: SHOWN_RUN, control: 'abort' },
    { type: 'action', requestId: 1, runId: SHOWN_RUN, control: { action: 'abort', reason: 42 } },
    { type: 'selectRunbook', runbookId: 42 },
    { type: 'newRun', runId: SHOWN_RUN },
    { type: 'evaluate', code: 'process.exit()' },
  ];
  const before = t.posted.length;
  for (const message of malformed) await t.send(message);
  expect(t.catalog.load).not.toHaveBeenCalled();
  expect(t.runs.start).not.toHaveBeenCalled();
  expect(t.runs.control).not.toHaveBeenCalled();
  expect(t.posted.slice(before)).toEqual([]);
  expect(t.log).toHaveBeenCalledWith(expect.stringContaining('ignored a message from the cluster panel'));
});

it('controls only the run it shows', async () => {
  const t = await ready();
  await t.send({ type: 'action', requestId: 7, runId: 'someone-elses-run', control: { action: 'abort', reason: 'mine now' } });
  expect(t.runs.control).not.toHaveBeenCalled();
  expect(t.posted).toContainEqual({ type: 'actionResult', requestId: 7, error: expect.stringContaining('someone-elses-run') });

  await t.send({ type: 'action', requestId: 8, runId: SHOWN_RUN, control: { action: 'approve' } });
  expect(t.runs.control).toHaveBeenCalledWith(SHOWN_RUN, { action: 'approve' }, { name: 'alice' });
  expect(t.posted).toContainEqual({ type: 'actionResult', requestId: 8 });
});

describe('destructive controls ask first', () => {
  const warn = vscode.window.showWarningMessage as jest.Mock;
  const input = vscode.window.showInputBox as jest.Mock;
  beforeEach(() => {
    warn.mockReset();
    input.mockReset();
  });

  it('Abort shows its effect on this run in a modal; Cancel sends nothing', async () => {
    const t = await ready();
    warn.mockResolvedValueOnce(undefined);
    await t.send({ type: 'action', requestId: 1, runId: SHOWN_RUN, control: { action: 'abort' } });
    expect(warn.mock.calls[0][0]).toBe('Abort "Fail over prod-app" on prod-app?');
    expect(warn.mock.calls[0][1]).toMatchObject({ modal: true, detail: expect.stringContaining('Nothing is undone') });
    expect(warn.mock.calls[0].slice(2)).toEqual(['Abort run']);
    expect(t.runs.control).not.toHaveBeenCalled();
    expect(t.posted).toContainEqual({ type: 'actionResult', requestId: 1 });
  });

  it('Roll back lists the steps it will run, asks an optional reason, and records it', async () => {
    const t = await ready();
    warn.mockResolvedValueOnce('Roll back');
    input.mockResolvedValueOnce('  writes failing after the failover ');
    await t.send({ type: 'action', requestId: 2, runId: SHOWN_RUN, control: { action: 'rollback' } });
    expect(warn.mock.calls[0][1].detail).toContain('The runbook has no undo steps for what ran and no Rollback steps');
    expect(t.runs.control).toHaveBeenCalledWith(
      SHOWN_RUN,
      { action: 'rollback', reason: 'writes failing after the failover' },
      { name: 'alice' },
    );
    // Escape on the reason box cancels; an empty reason goes on without one.
    warn.mockResolvedValueOnce('Abort run');
    input.mockResolvedValueOnce(undefined);
    await t.send({ type: 'action', requestId: 3, runId: SHOWN_RUN, control: { action: 'abort' } });
    expect(t.runs.control).toHaveBeenCalledTimes(1);
    warn.mockResolvedValueOnce('Abort run');
    input.mockResolvedValueOnce('');
    await t.send({ type: 'action', requestId: 4, runId: SHOWN_RUN, control: { action: 'abort' } });
    expect(t.runs.control).toHaveBeenLastCalledWith(SHOWN_RUN, { action: 'abort' }, { name: 'alice' });
  });

  it('Skip and Reject are asked once, here, with a reason that is required', async () => {
    const t = await ready();
    warn.mockResolvedValueOnce('Skip step');
    input.mockResolvedValueOnce('done by hand');
    // The webview posts the bare action (RunView's confirmInHost): the modal is the only confirmation.
    await t.send({ type: 'action', requestId: 10, runId: SHOWN_RUN, control: { action: 'skip' } });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][2]).toBe('Skip step');
    const box = input.mock.calls[0][0];
    expect(box.title).toBe('Skip step: why? (required)');
    expect(box.validateInput('   ')).toBe('a reason is required to skip a step; it is kept in the audit trail');
    expect(box.validateInput('done by hand')).toBeUndefined();
    expect(t.runs.control).toHaveBeenCalledWith(SHOWN_RUN, { action: 'skip', reason: 'done by hand' }, { name: 'alice' });
    // Escape on the required reason sends nothing.
    warn.mockResolvedValueOnce('Reject');
    input.mockResolvedValueOnce(undefined);
    await t.send({ type: 'action', requestId: 11, runId: SHOWN_RUN, control: { action: 'reject' } });
    expect(t.runs.control).toHaveBeenCalledTimes(1);
    expect(t.posted).toContainEqual({ type: 'actionResult', requestId: 11 });
  });

  it('retry and approve are not asked about', async () => {
    const t = await ready();
    await t.send({ type: 'action', requestId: 5, runId: SHOWN_RUN, control: { action: 'retry' } });
    expect(warn).not.toHaveBeenCalled();
    expect(t.runs.control).toHaveBeenCalledWith(SHOWN_RUN, { action: 'retry' }, { name: 'alice' });
  });
});

it('a panel whose target went away is read-only: a banner, and no control or start goes through', async () => {
  const t = await ready();
  t.panel.disconnect('Disconnected: the sandbox stopped.');
  expect(t.state().disconnected).toBe('Disconnected: the sandbox stopped.');
  await t.send({ type: 'action', requestId: 9, runId: SHOWN_RUN, control: { action: 'rollback' } });
  expect(t.posted).toContainEqual({ type: 'actionResult', requestId: 9, error: 'Disconnected: the sandbox stopped.' });
  await t.send({ type: 'start', runbookId: OFFERED, params: { cluster: 'prod-app' }, dryRun: false });
  expect(t.state().startError).toBe('Disconnected: the sandbox stopped.');
  expect(t.runs.control).not.toHaveBeenCalled();
  expect(t.runs.start).not.toHaveBeenCalled();
});

it('"New run…" preselects no runbook: the list starts at its placeholder', async () => {
  const t = await ready();
  await t.send({ type: 'newRun' });
  expect(t.state().run).toBeUndefined();
  expect(t.state().selectedRunbook).toBeUndefined();
});

it('shows the calls awaiting confirmation and asks a paused one again', async () => {
  const t = await ready();
  t.panel.setConfirmations([{ id: 3, phase: 'paused', targetId: 'sandbox', action: 'Fail over prod-app', where: 'SANDBOX', since: '' }]);
  expect(t.state().confirmations).toEqual([{ id: 3, phase: 'paused', action: 'Fail over prod-app', where: 'SANDBOX' }]);
  await t.send({ type: 'askAgain', id: 3 });
  expect(t.askAgain).toHaveBeenCalledWith(3);
});
