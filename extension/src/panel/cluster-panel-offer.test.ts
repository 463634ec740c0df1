/**
 * The panel offers the runbooks that fit its cluster's Blue/Green stage, by the core's rule (the
 * Backstage tab uses the same): the switchover before it, rollback and cleanup in the watch window.
 */
import type { WebviewPanel } from 'vscode';
import type { RunHost, Topology } from '@switchyard/core';
import { EventEmitter, Uri } from '../testing/vscode-mock';
import type { RunbookCatalog } from '../runbook/runbook-catalog';
import type { Target } from '../targets/target';
import type { PanelState, ToWebview } from '../webview/protocol';
import { ClusterPanel, type PanelDeps } from './cluster-panel';

let status = 'AVAILABLE';
/** The cluster as its topology reads: a Global Database secondary has no writer. */
let cluster: { globalClusterId?: string; writer: string | null } = { writer: 'prod-app-1' };
jest.mock('@switchyard/core', () => ({
  ...jest.requireActual('@switchyard/core'),
  fetchTopology: jest.fn(
    async () =>
      ({
        cluster: { id: 'prod-app', ...cluster },
        global: cluster.globalClusterId ? { id: cluster.globalClusterId, status: 'available', regions: [] } : null,
        blueGreen: status ? [{ deployment: { status } }] : [],
      }) as unknown as Topology,
  ),
  fetchCostReport: jest.fn(async () => Promise.reject(new Error('no cost in this test'))),
}));

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

async function offeredOn(deploymentStatus: string, on: typeof cluster = { writer: 'prod-app-1' }): Promise<string[]> {
  status = deploymentStatus;
  cluster = on;
  const posted: ToWebview[] = [];
  const webviewPanel = {
    title: 'prod-app — Switchyard',
    webview: {
      options: {},
      html: '',
      cspSource: 'vscode-webview:',
      asWebviewUri: (uri: Uri) => uri,
      onDidReceiveMessage: new EventEmitter<unknown>().event,
      postMessage: async (message: ToWebview) => posted.push(message) > 0,
    },
    onDidDispose: () => ({ dispose: () => undefined }),
    reveal: jest.fn(),
    dispose: jest.fn(),
  };
  const form = (id: string, appliesTo: string[], stages?: string[], needsWriter?: boolean) => ({
    id,
    title: id,
    params: [],
    appliesTo,
    stages,
    needsWriter,
  });
  const catalog = {
    forms: async () => [
      form('switchover', ['blue-green'], ['before']),
      form('rollback-and-cleanup', ['blue-green'], ['watch-window']),
      form('failover', ['cluster'], undefined, true),
      form('promote', ['global', 'cluster']),
      form('global failover drill', ['cluster'], undefined, true),
    ],
  };
  const deps = {
    extensionUri: Uri.file('/ext'),
    runs: { list: async () => [], get: async () => undefined, targetKeyOf: () => 'sandbox' } as unknown as RunHost,
    catalog: catalog as unknown as RunbookCatalog,
    clusters: async () => [],
    actor: () => ({ name: 'alice' }),
    log: jest.fn(),
  } as unknown as PanelDeps;
  const target = { id: 'sandbox', kind: 'sandbox', label: 'Sandbox', region: 'us-east-1', gateway: {} } as unknown as Target;
  new ClusterPanel(deps, target, 'prod-app', () => undefined, webviewPanel as unknown as WebviewPanel);
  await settle();
  const states = posted.flatMap((m) => (m.type === 'state' ? [m.state as PanelState] : []));
  return states[states.length - 1].runbooks.map((r) => r.id);
}

it('offers the switchover before it, not the cleanup', async () => {
  expect(await offeredOn('AVAILABLE')).toEqual(['switchover', 'failover', 'global failover drill']);
});

it('offers rollback and cleanup in the watch window, not the switchover again', async () => {
  expect(await offeredOn('SWITCHOVER_COMPLETED')).toEqual(['rollback-and-cleanup', 'failover', 'global failover drill']);
});

it('offers no runbook that moves the writer on a Global Database secondary, whatever its title says', async () => {
  expect(await offeredOn('', { globalClusterId: 'prod-global', writer: null })).toEqual(['promote']);
});

it('offers the failover on the Global Database primary', async () => {
  expect(await offeredOn('', { globalClusterId: 'prod-global', writer: 'prod-app-1' })).toEqual([
    'failover',
    'promote',
    'global failover drill',
  ]);
});
