import * as vscode from 'vscode';
import type { RunSummary } from '@switchyard/core';
import type { Connection } from '../connections/connection';
import type { ConnectionRegistry } from '../connections/connection-registry';
import type { FleetTreeProvider } from '../fleet/fleet-tree';
import type { ClusterPanels } from '../panel/cluster-panels';
import type { RunbookCatalog } from '../runbook/runbook-catalog';
import { clusterParam } from '../runbook/runbook-form';
import { exportRunMarkdown } from '../runs/export-markdown';
import { runClusterId } from '../runs/run-cluster';
import type { RunService } from '../runs/run-service';

export interface RunCommandDeps {
  connections: ConnectionRegistry;
  fleet: FleetTreeProvider;
  panels: ClusterPanels;
  catalog: RunbookCatalog;
  runs: RunService;
}

type ClusterRef = { connectionId: string; clusterId: string };

/** The commands that start, show and export runs and open cluster panels. */
export function registerRunCommands(deps: RunCommandDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('switchyard.runRunbook', (uri?: vscode.Uri) => runRunbook(deps, uri)),
    vscode.commands.registerCommand('switchyard.runFromHere', (uri: vscode.Uri, stepId: string) => runRunbook(deps, uri, stepId)),
    vscode.commands.registerCommand('switchyard.openClusterPanel', async (ref?: ClusterRef) => {
      const target = ref ?? (await pickClusterAnywhere(deps));
      const connection = target && deps.connections.get(target.connectionId);
      if (target && connection) await deps.panels.open(connection, target.clusterId);
    }),
    vscode.commands.registerCommand('switchyard.runRunbookOnCluster', async (ref?: ClusterRef) => {
      const target = ref ?? (await pickClusterAnywhere(deps));
      const connection = target && deps.connections.get(target.connectionId);
      if (!target || !connection) return;
      const runbooks = (await deps.catalog.list()).filter((r) => r.runbook && clusterParam(r.runbook));
      if (!runbooks.length) {
        void vscode.window.showInformationMessage('Switchyard: no runbook with an rds-cluster param in this workspace (runbooks/*.md).');
        return;
      }
      const pick = await vscode.window.showQuickPick(
        runbooks.map((r) => ({ label: r.runbook!.meta.title, description: r.file, id: r.id, param: clusterParam(r.runbook!)! })),
        { title: `Run a runbook on ${target.clusterId}`, placeHolder: 'Runbook' },
      );
      if (pick) await deps.panels.open(connection, target.clusterId, { runbookId: pick.id, prefill: { [pick.param]: target.clusterId } });
    }),
    vscode.commands.registerCommand('switchyard.openRun', (runId: string) => openRun(deps, runId)),
    vscode.commands.registerCommand('switchyard.exportRun', (item?: RunSummary | string) => exportRun(deps, item)),
  ];
}

async function runRunbook(deps: RunCommandDeps, uri?: vscode.Uri, fromStep?: string): Promise<void> {
  const target = uri ?? vscode.window.activeTextEditor?.document.uri;
  if (!target) {
    void vscode.window.showInformationMessage('Switchyard: open a runbook (a markdown file under runbooks/) first.');
    return;
  }
  const loaded = await deps.catalog.load(target);
  if (!loaded.runbook || loaded.errors.length) {
    const choice = await vscode.window.showErrorMessage(
      `Switchyard: ${loaded.file} has ${loaded.errors.length} error(s); a run never starts from an invalid runbook. First: ${loaded.errors[0] ?? 'it is not a runbook'}`,
      'Show problems',
    );
    if (choice) await vscode.commands.executeCommand('workbench.actions.view.problems');
    return;
  }
  const connection = await pickConnection(deps);
  if (!connection) return;
  const param = clusterParam(loaded.runbook);
  let clusterId: string | undefined;
  if (param) {
    clusterId = await pickCluster(deps, connection, `Run "${loaded.runbook.meta.title}" on which cluster?`);
    if (!clusterId) return;
  }
  await deps.panels.open(connection, clusterId, {
    runbookId: loaded.id,
    fromStep,
    prefill: param && clusterId ? { [param]: clusterId } : {},
  });
}

/** The one connection, or a choice; with none, offers to start the sandbox. */
async function pickConnection(deps: RunCommandDeps): Promise<Connection | undefined> {
  const all = deps.connections.list();
  if (all.length === 1) return all[0];
  if (all.length === 0) {
    const choice = await vscode.window.showInformationMessage(
      'Switchyard: no AWS connection. Start the sandbox (a local AWS simulator with a demo fleet), or set switchyard.aws.region.',
      'Start sandbox',
      'Open settings',
    );
    if (choice === 'Start sandbox') {
      await vscode.commands.executeCommand('switchyard.startSandbox');
      return deps.connections.get('sandbox');
    }
    if (choice === 'Open settings') await vscode.commands.executeCommand('workbench.action.openSettings', 'switchyard.aws');
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    all.map((c) => ({ label: c.label, description: `${c.region}${c.endpoint ? ` · ${c.endpoint}` : ''}`, id: c.id })),
    { title: 'Run against which connection?' },
  );
  return pick && deps.connections.get(pick.id);
}

async function pickCluster(deps: RunCommandDeps, connection: Connection, title: string): Promise<string | undefined> {
  let clusters;
  try {
    clusters = (await deps.fleet.fleet(connection)).clusters;
  } catch (error) {
    void vscode.window.showErrorMessage(
      `Switchyard: cannot list clusters of ${connection.label}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    clusters
      .filter((c) => !c.greenOf)
      .map((c) => ({
        label: c.clusterId,
        description: `${c.status} · ${c.instances} instances · writer ${c.writer ?? 'none'} · ${c.region}`,
      })),
    { title, placeHolder: 'Cluster' },
  );
  return pick?.label;
}

async function pickClusterAnywhere(deps: RunCommandDeps): Promise<ClusterRef | undefined> {
  const connection = await pickConnection(deps);
  if (!connection) return undefined;
  const clusterId = await pickCluster(deps, connection, 'Which cluster?');
  return clusterId ? { connectionId: connection.id, clusterId } : undefined;
}

async function openRun(deps: RunCommandDeps, runId: string): Promise<void> {
  const run = await deps.runs.get(runId);
  const connection = deps.connections.get(deps.runs.connectionIdOf(runId) ?? '');
  if (!run) return;
  if (!connection) {
    void vscode.window.showWarningMessage(
      `Switchyard: run ${runId} was started on ${deps.runs.connectionIdOf(runId) ?? 'an unknown connection'}, which is not available; start the sandbox or check the switchyard.aws settings. Export it as markdown to read it now.`,
    );
    return;
  }
  await deps.panels.open(connection, runClusterId(run), { runId });
}

async function exportRun(deps: RunCommandDeps, item?: RunSummary | string): Promise<void> {
  let runId = typeof item === 'string' ? item : item?.id;
  if (!runId) {
    const runs = (await deps.runs.list()).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    const pick = await vscode.window.showQuickPick(
      runs.map((r) => ({ label: r.title, description: `${r.status} · ${r.createdAt}`, id: r.id })),
      { title: 'Export which run as markdown?' },
    );
    runId = pick?.id;
  }
  const run = runId ? await deps.runs.get(runId) : undefined;
  if (!run) return;
  const content = exportRunMarkdown(run);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const base = run.runbook.file.split(/[\\/]/).pop()?.replace(/\.md$/, '') ?? 'run';
  const target = folder
    ? await vscode.window.showSaveDialog({
        defaultUri: vscode.Uri.joinPath(folder, `${base}.${run.id}.md`),
        filters: { Markdown: ['md'] },
        title: 'Export run as markdown',
      })
    : undefined;
  if (target) {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(content));
    await vscode.window.showTextDocument(target);
  } else if (!folder) {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'markdown', content }));
  }
}
