/**
 * Wiring only: builds the services, registers providers, commands and views, and disposes them.
 * Runs are hosted by the core's RunHost (runs/extension-run-host.ts): every control goes through
 * `RunHost.control`. The modules that import `vscode` are the editor adapters — this file,
 * commands/, editor/, panel/, fleet/fleet-tree.ts, runbook/runbook-catalog.ts,
 * runs/{approval-notifier,runs-tree,run-status-bar}.ts, rollouts/{rollout-panel,rollout-serializer}.ts, sandbox/sandbox-commands.ts,
 * walkthrough/sample-runbook.ts and aws/confirm-mutation.ts; everything else is tested without an editor
 * (module-boundaries.test.ts keeps this list true).
 */
import { mkdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isDriven, isEnded, isInProgress, type Actor, type RunHost } from '@switchyard/core';
import { ConfirmingAwsGateway, type ConfirmationPhase } from './aws/confirming-gateway';
import { confirmMutation } from './aws/confirm-mutation';
import { Confirmations } from './aws/confirmations';
import { confirmAction, type ConfirmRequest } from './confirm/confirm-request';
import { registerRunCommands } from './commands/run-commands';
import type { Target } from './targets/target';
import { TargetRegistry, SANDBOX_ID } from './targets/target-registry';
import { AwsHoverProvider } from './editor/aws-hover-provider';
import { ParsedRunbooks } from './editor/parsed-runbooks';
import { RunbookCodeLensProvider } from './editor/runbook-code-lens';
import { RunbookDiagnostics } from './editor/runbook-diagnostics';
import { RunbookQuickFixProvider } from './editor/runbook-quick-fixes';
import { writeFileAtomicSync } from './files/write-file-atomic';
import { FleetTreeProvider } from './fleet/fleet-tree';
import { PANEL_VIEW_TYPE } from './panel/cluster-panel';
import { ClusterPanels } from './panel/cluster-panels';
import { RunbookCatalog } from './runbook/runbook-catalog';
import { ApprovalNotifier } from './runs/approval-notifier';
import { createExtensionRunHost } from './runs/extension-run-host';
import { RunStatusBar } from './runs/run-status-bar';
import { RunsTreeProvider } from './runs/runs-tree';
import { ROLLOUT_VIEW_TYPE, RolloutPanels } from './rollouts/rollout-panel';
import { RolloutPanelSerializer } from './rollouts/rollout-serializer';
import { RolloutSource, rolloutStoreDirs } from './rollouts/rollout-source';
import { Sandbox } from './sandbox/sandbox';
import { registerSandboxCommands, startSandbox } from './sandbox/sandbox-commands';
import { registerSampleRunbookCommand } from './walkthrough/sample-runbook';
import type { PanelMemento } from './webview/protocol';

declare const __switchyardLoadStart: number | undefined;

let shutdown: (() => Promise<void>) | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const activateStart = Date.now();
  const config = () => vscode.workspace.getConfiguration('switchyard');
  const actor = (): Actor => ({
    name: config().get<string>('user')?.trim() || os.userInfo().username,
    groups: config().get<string[]>('groups') ?? [],
  });
  const output = vscode.window.createOutputChannel('Switchyard');
  const log = (line: string) => output.appendLine(`[${new Date().toISOString()}] ${line}`);
  const storage = context.globalStorageUri.fsPath;
  mkdirSync(storage, { recursive: true });

  const confirmations = new Confirmations();
  const accounts = new Map<string, string>();
  // How a target's runs ask before a change goes, for AWS calls and http requests alike: the same
  // dialog, and a no pauses the step with a notification that closes itself once the change is
  // asked again or its run stops (VS Code cannot close a message toast from code, but a progress
  // notification ends with its task).
  const confirming = (target: Pick<Target, 'id'>) => ({
    confirm: confirmMutation,
    operator: () => actor().name,
    paused: (request: ConfirmRequest, signal?: AbortSignal) => {
      const waiting = confirmations.paused(request, signal);
      void vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: `Switchyard: paused — you declined ${confirmAction(request)}; nothing was sent. Ask again or abort from the run (status bar, or its panel).`,
        },
        () => waiting.catch(() => undefined),
      );
      return waiting;
    },
    onPhase: (phase: ConfirmationPhase, request: ConfirmRequest) => confirmations.phase(target.id, phase, request),
  });
  const targets = new TargetRegistry(
    (gateway, target) =>
      new ConfirmingAwsGateway(gateway, {
        sandbox: target.kind === 'sandbox',
        ...confirming(target),
        onIdentity: (identity, targetUrl) => {
          log(`AWS calls to ${targetUrl} run as ${identity.arn} (account ${identity.account})`);
          accounts.set(target.id, identity.account);
          showTarget();
          void vscode.window.showInformationMessage(`Switchyard: AWS calls run as ${identity.arn} (account ${identity.account}).`);
        },
      }),
  );
  const readAwsSettings = () =>
    targets.setAwsSettings({
      profile: config().get<string>('aws.profile') ?? '',
      region: config().get<string>('aws.region') ?? '',
      endpoint: config().get<string>('aws.endpoint') ?? '',
    });
  readAwsSettings();

  const sandbox = new Sandbox({
    stateFile: path.join(storage, 'sandbox-world.json'),
    timeScale: config().get<number>('sandbox.timeScale') ?? 10,
  });
  const runs = createExtensionRunHost({
    storeDir: path.join(storage, 'runs'),
    targets,
    allowShell: () => vscode.workspace.isTrusted,
    httpConfirmation: confirming,
  });
  const parsed = new ParsedRunbooks();
  const catalog = new RunbookCatalog();
  const fleet = new FleetTreeProvider(targets, () => sandbox.running);
  // Rollouts are started by the CLI (`switchyard rollout start`) in the run store it writes: the Runs view lists them, a panel shows the board.
  const rolloutSource = new RolloutSource(() =>
    rolloutStoreDirs(
      (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath),
      config().get<string[]>('rollouts.stores') ?? [],
    ),
  );
  const runsTree = new RunsTreeProvider(runs, rolloutSource, log);
  const rolloutPanels = new RolloutPanels({
    extensionUri: context.extensionUri,
    source: rolloutSource,
    actor,
    log,
    onRolloutChanged: () => runsTree.refresh(),
  });
  // The CLI writes rollouts from another process: the Runs view follows their files.
  const rolloutFiles = vscode.workspace.createFileSystemWatcher('**/rollouts/ro-*.json');
  let rolloutRefresh: ReturnType<typeof setTimeout> | undefined;
  const rolloutsChanged = () => {
    rolloutRefresh ??= setTimeout(() => {
      rolloutRefresh = undefined;
      runsTree.refresh();
    }, 500);
  };
  rolloutFiles.onDidChange(rolloutsChanged);
  rolloutFiles.onDidCreate(rolloutsChanged);
  rolloutFiles.onDidDelete(rolloutsChanged);
  const statusBar = new RunStatusBar(
    (targetId) => confirmations.list(targetId),
    (run) => runs.targetKeyOf(run),
  );
  // While idle the status bar names the target: the real AWS account when one is set, else the sandbox.
  const showTarget = () => {
    const all = targets.list();
    const shown = all.find((t) => t.kind === 'aws') ?? all[0];
    statusBar.setTarget(shown, shown && accounts.get(shown.id));
  };
  showTarget();
  const stopWatchingTargets = targets.onDidChange(() => {
    showTarget();
    panels.targetsChanged((id) => targets.get(id));
  });
  const stopWatchingConfirmations = confirmations.onDidChange(() => {
    statusBar.confirmationsChanged();
    panels.confirmationsChanged(confirmations);
  });
  const approvals = new ApprovalNotifier(runs, actor);
  const panels = new ClusterPanels({
    extensionUri: context.extensionUri,
    runs,
    catalog,
    actor,
    log,
    askAgain: (id) => confirmations.resume(id),
    clusters: async (target) =>
      (await fleet.fleet(target)).clusters.map((c) => ({
        clusterId: c.clusterId,
        region: c.region,
        globalClusterId: c.globalClusterId,
        blueGreen: c.blueGreen,
        writer: c.writer,
        status: c.status,
      })),
  });
  const sandboxDeps = { sandbox, targets, runs, refresh: () => fleet.refresh(), log };

  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  const unsubscribe = runs.subscribe((event, run) => {
    if (event.type === 'approval') void approvals.notify(run);
    // A wait's poll updates the status bar's tooltip (what it waits for, time left); the rest follows steps and runs.
    if (event.type === 'wait') statusBar.show(run, false);
    if (event.type === 'run' || event.type === 'step') {
      statusBar.show(run, isEnded(run.status));
      runsTree.refresh();
      if (event.type === 'run') log(`run ${run.id} (${run.runbook.title}): ${run.status}${run.error ? ` — ${run.error}` : ''}`);
      if (event.type === 'run' && (isEnded(run.status) || run.status === 'failed')) void approvals.runEnded(run);
      // A run that ended or stopped has likely changed the fleet (new writer, renamed clusters): read it again.
      if (event.type === 'run' && !isDriven(run.status)) fleet.refresh();
    }
    // The walkthrough's "Run it" and "Approve" steps tick on these (package.json, completionEvents):
    // a run started from the CodeLens or the panel does not count as the command being run.
    if (event.type === 'run') void vscode.commands.executeCommand('setContext', 'switchyard.walkthrough.runStarted', true);
    if (event.type === 'run' && run.status === 'succeeded') {
      void vscode.commands.executeCommand('setContext', 'switchyard.walkthrough.runSucceeded', true);
    }
    if (event.type === 'step' && event.error) log(`run ${run.id} step ${event.name}: ${event.status} — ${event.error}`);
    panels.onRun(run);
    if (runs.targetKeyOf(run) === SANDBOX_ID && !saveTimer) {
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
    vscode.languages.registerCodeActionsProvider(selector, new RunbookQuickFixProvider(), {
      providedCodeActionKinds: RunbookQuickFixProvider.kinds,
    }),
    vscode.window.registerTreeDataProvider('switchyard.fleet', fleet),
    vscode.window.registerTreeDataProvider('switchyard.runs', runsTree),
    vscode.commands.registerCommand('switchyard.refreshFleet', () => fleet.refresh()),
    vscode.commands.registerCommand('switchyard.refreshRuns', () => runsTree.refresh()),
    vscode.commands.registerCommand('switchyard.moreRollouts', (storeDir?: string) => {
      if (storeDir) runsTree.showMoreRollouts(storeDir);
    }),
    vscode.commands.registerCommand('switchyard.openRollout', async (storeDir?: string, id?: string) => {
      if (!storeDir || !id) {
        const { rollouts } = await rolloutSource.list();
        if (!rollouts.length) {
          void vscode.window.showInformationMessage(
            'Switchyard: no rollouts in this workspace’s .switchyard store (or the switchyard.rollouts.stores setting). Start one with `switchyard rollout start`.',
          );
          return;
        }
        const pick = await vscode.window.showQuickPick(
          rollouts.map((r) => ({
            label: r.summary.title,
            description: `${r.summary.status} · ${r.summary.id}`,
            detail: r.storeDir,
            entry: r,
          })),
          { title: 'Show rollout' },
        );
        if (!pick) return;
        ({
          storeDir,
          summary: { id },
        } = pick.entry);
      }
      rolloutPanels.open(storeDir, id);
    }),
    rolloutFiles,
    rolloutPanels,
    runsTree,
    vscode.commands.registerCommand('switchyard.showLog', () => output.show(true)),
    ...registerRunCommands({ targets, fleet, panels, catalog, runs }),
    ...registerSandboxCommands(sandboxDeps),
    registerSampleRunbookCommand(context),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration('switchyard.aws')) return;
      const aws = readAwsSettings();
      if (aws) await runs.retarget(aws.id);
      fleet.refresh();
    }),
    { dispose: () => panels.dispose() },
  );

  shutdown = async () => {
    unsubscribe();
    stopWatchingTargets();
    stopWatchingConfirmations();
    if (saveTimer) clearTimeout(saveTimer);
    if (rolloutRefresh) clearTimeout(rolloutRefresh);
    await runs.shutdown();
    await sandbox.suspend();
    targets.dispose();
  };

  const resumed = resumeAfterReload(runs, targets, sandboxDeps, approvals, log);
  context.subscriptions.push(
    // Rollout boards open before a reload come back on their rollout, read again from its store.
    vscode.window.registerWebviewPanelSerializer(
      ROLLOUT_VIEW_TYPE,
      new RolloutPanelSerializer(rolloutPanels, () => rolloutSource.storeDirs(), log),
    ),
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
      // Panels open before a reload come back once their target does (the sandbox restarts first).
      deserializeWebviewPanel: async (panel, state: PanelMemento | undefined) => {
        await resumed;
        // Panels saved by versions before "targets" carry `connectionId`.
        const target = state && targets.get(state.targetId ?? (state as { connectionId?: string }).connectionId ?? '');
        if (!state || !target) {
          panel.dispose();
          return;
        }
        await panels.adopt(panel, target, state.clusterId, { runId: state.runId });
      },
    }),
  );
  recordActivation(storage, activateStart, log);
}

export async function deactivate(): Promise<void> {
  await shutdown?.();
  shutdown = undefined;
}

/** A window reload stopped the runs mid-flight: restore their targets and drive them on. */
async function resumeAfterReload(
  runs: RunHost,
  targets: TargetRegistry,
  sandboxDeps: Parameters<typeof startSandbox>[0],
  approvals: ApprovalNotifier,
  log: (line: string) => void,
): Promise<void> {
  try {
    const waiting = (await runs.list()).filter((r) => isInProgress(r.status));
    const needed = new Set(waiting.map((r) => runs.targetKeyOf(r)));
    if (needed.has(SANDBOX_ID) && sandboxDeps.sandbox.hasSavedWorld()) await startSandbox(sandboxDeps, false);
    for (const target of targets.list()) {
      if (target.kind === 'aws' && needed.has(target.id)) await runs.retarget(target.id);
    }
    for (const summary of waiting) {
      const run = await runs.get(summary.id);
      if (run && targets.get(runs.targetKeyOf(run))) void approvals.notify(run);
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
  writeFileAtomicSync(path.join(storage, 'activation.json'), JSON.stringify(record));
  log(`activated in ${record.loadAndActivateMs} ms (activate() ${record.activateMs} ms)`);
}
