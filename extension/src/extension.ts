/**
 * Wiring only: builds the services, registers providers, commands and views, and disposes them.
 * Logic lives in modules that do not import `vscode` (runbook/, runs/, aws/, fleet/, webview/).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ACTIVE_RUN_STATUSES, TERMINAL_RUN_STATUSES } from '@switchyard/core';
import { ConfirmingAwsGateway } from './aws/confirming-gateway';
import { confirmMutation } from './aws/confirm-mutation';
import { registerRunCommands } from './commands/run-commands';
import { ConnectionRegistry, SANDBOX_ID } from './connections/connection-registry';
import { AwsHoverProvider } from './editor/aws-hover-provider';
import { ParsedRunbooks } from './editor/parsed-runbooks';
import { RunbookCodeLensProvider } from './editor/runbook-code-lens';
import { RunbookDiagnostics } from './editor/runbook-diagnostics';
import { FleetTreeProvider } from './fleet/fleet-tree';
import { PANEL_VIEW_TYPE } from './panel/cluster-panel';
import { ClusterPanels } from './panel/cluster-panels';
import { RunbookCatalog } from './runbook/runbook-catalog';
import { ApprovalNotifier } from './runs/approval-notifier';
import { RunService } from './runs/run-service';
import { RunStatusBar } from './runs/run-status-bar';
import { RunsTreeProvider } from './runs/runs-tree';
import { Sandbox } from './sandbox/sandbox';
import { registerSandboxCommands, startSandbox } from './sandbox/sandbox-commands';
import type { PanelMemento } from './webview/protocol';

declare const __switchyardLoadStart: number | undefined;

let shutdown: (() => Promise<void>) | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const activateStart = Date.now();
  const config = () => vscode.workspace.getConfiguration('switchyard');
  const actor = () => config().get<string>('user')?.trim() || os.userInfo().username;
  const output = vscode.window.createOutputChannel('Switchyard');
  const log = (line: string) => output.appendLine(`[${new Date().toISOString()}] ${line}`);
  const storage = context.globalStorageUri.fsPath;
  mkdirSync(storage, { recursive: true });

  const connections = new ConnectionRegistry(
    (gateway) =>
      new ConfirmingAwsGateway(gateway, {
        confirm: confirmMutation,
        onIdentity: (identity, target) => {
          log(`AWS calls to ${target} run as ${identity.arn} (account ${identity.account})`);
          void vscode.window.showInformationMessage(`Switchyard: AWS calls run as ${identity.arn} (account ${identity.account}).`);
        },
      }),
  );
  const readAwsSettings = () =>
    connections.setAwsSettings({
      profile: config().get<string>('aws.profile') ?? '',
      region: config().get<string>('aws.region') ?? '',
      endpoint: config().get<string>('aws.endpoint') ?? '',
    });
  readAwsSettings();

  const sandbox = new Sandbox({
    stateFile: path.join(storage, 'sandbox-world.json'),
    timeScale: config().get<number>('sandbox.timeScale') ?? 10,
  });
  const runs = new RunService({ storeDir: path.join(storage, 'runs'), allowShell: () => vscode.workspace.isTrusted });
  const parsed = new ParsedRunbooks();
  const catalog = new RunbookCatalog();
  const fleet = new FleetTreeProvider(connections, () => sandbox.running);
  const runsTree = new RunsTreeProvider(runs);
  const statusBar = new RunStatusBar();
  const approvals = new ApprovalNotifier(runs, actor);
  const panels = new ClusterPanels({
    extensionUri: context.extensionUri,
    runs,
    catalog,
    actor,
    clusters: async (connection) =>
      (await fleet.fleet(connection)).clusters.map((c) => ({
        clusterId: c.clusterId,
        region: c.region,
        globalClusterId: c.globalClusterId,
        blueGreen: c.blueGreen,
        writer: c.writer,
        status: c.status,
      })),
  });
  const sandboxDeps = { sandbox, connections, runs, refresh: () => fleet.refresh(), log };

  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  const unsubscribe = runs.onEvent((event, run) => {
    if (event.type === 'approval') void approvals.notify(run);
    if (event.type === 'run' || event.type === 'step') {
      statusBar.show(run, TERMINAL_RUN_STATUSES.includes(run.status));
      runsTree.refresh();
      if (event.type === 'run') log(`run ${run.id} (${run.runbook.title}): ${run.status}${run.error ? ` — ${run.error}` : ''}`);
      // A run that ended or stopped has likely changed the fleet (new writer, renamed clusters): read it again.
      if (event.type === 'run' && !ACTIVE_RUN_STATUSES.includes(run.status)) fleet.refresh();
    }
    if (event.type === 'step' && event.error) log(`run ${run.id} step ${event.name}: ${event.status} — ${event.error}`);
    panels.onRun(run);
    if (runs.connectionIdOf(run.id) === SANDBOX_ID && !saveTimer) {
      saveTimer = setTimeout(() => {
        saveTimer = undefined;
        sandbox.save();
      }, 1000);
    }
  });

  const selector: vscode.DocumentSelector = [
    { language: 'markdown', scheme: 'file' },
    { language: 'markdown', scheme: 'untitled' },
  ];
  context.subscriptions.push(
    output,
    statusBar,
    new RunbookDiagnostics(parsed, () => config().get<number>('validation.delayMs') ?? 300),
    vscode.languages.registerCodeLensProvider(selector, new RunbookCodeLensProvider(parsed)),
    vscode.languages.registerHoverProvider(selector, new AwsHoverProvider()),
    vscode.window.registerTreeDataProvider('switchyard.fleet', fleet),
    vscode.window.registerTreeDataProvider('switchyard.runs', runsTree),
    vscode.commands.registerCommand('switchyard.refreshFleet', () => fleet.refresh()),
    vscode.commands.registerCommand('switchyard.refreshRuns', () => runsTree.refresh()),
    ...registerRunCommands({ connections, fleet, panels, catalog, runs }),
    ...registerSandboxCommands(sandboxDeps),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration('switchyard.aws')) return;
      const aws = readAwsSettings();
      if (aws) await runs.useConnection(aws);
      fleet.refresh();
    }),
    { dispose: () => panels.dispose() },
  );

  shutdown = async () => {
    unsubscribe();
    if (saveTimer) clearTimeout(saveTimer);
    await runs.dispose();
    await sandbox.suspend();
    connections.dispose();
  };

  const resumed = resumeAfterReload(runs, connections, sandboxDeps, approvals, log);
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
      // Panels open before a reload come back once their connection does (the sandbox restarts first).
      deserializeWebviewPanel: async (panel, state: PanelMemento | undefined) => {
        await resumed;
        const connection = state && connections.get(state.connectionId);
        if (!state || !connection) {
          panel.dispose();
          return;
        }
        await panels.adopt(panel, connection, state.clusterId, { runId: state.runId });
      },
    }),
  );
  recordActivation(storage, activateStart, log);
}

export async function deactivate(): Promise<void> {
  await shutdown?.();
  shutdown = undefined;
}

/** A window reload stopped the runs mid-flight: restore their connections and drive them on. */
async function resumeAfterReload(
  runs: RunService,
  connections: ConnectionRegistry,
  sandboxDeps: Parameters<typeof startSandbox>[0],
  approvals: ApprovalNotifier,
  log: (line: string) => void,
): Promise<void> {
  try {
    const waiting = (await runs.list()).filter((r) => ACTIVE_RUN_STATUSES.includes(r.status) || r.status === 'waiting-approval');
    const needed = new Set(waiting.map((r) => runs.connectionIdOf(r.id)));
    if (needed.has(SANDBOX_ID) && sandboxDeps.sandbox.hasSavedWorld()) await startSandbox(sandboxDeps, false);
    for (const connection of connections.list()) {
      if (connection.kind === 'aws' && needed.has(connection.id)) await runs.useConnection(connection);
    }
    for (const summary of waiting) {
      const run = await runs.get(summary.id);
      if (run && connections.get(runs.connectionIdOf(run.id) ?? '')) void approvals.notify(run);
    }
    if (waiting.length) log(`${waiting.length} unfinished run(s) found after the reload`);
  } catch (error) {
    log(`resuming runs failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Activation time as measured here (bundle load + activate), for `yarn bench:vscode`. */
function recordActivation(storage: string, activateStart: number, log: (line: string) => void): void {
  const now = Date.now();
  const loadStart = typeof __switchyardLoadStart === 'number' ? __switchyardLoadStart : activateStart;
  const record = { loadAndActivateMs: now - loadStart, activateMs: now - activateStart, at: new Date(now).toISOString() };
  writeFileSync(path.join(storage, 'activation.json'), JSON.stringify(record));
  log(`activated in ${record.loadAndActivateMs} ms (activate() ${record.activateMs} ms)`);
}
