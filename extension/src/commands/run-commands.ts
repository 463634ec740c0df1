import * as vscode from 'vscode';
import { fetchTopology, globalRole, isOfferedCluster, type RunHost, type RunSummary, type Runbook, type Topology } from '@switchyard/core';
import type { Target } from '../targets/target';
import type { TargetRegistry } from '../targets/target-registry';
import type { FleetTreeProvider } from '../fleet/fleet-tree';
import type { ClusterPanels } from '../panel/cluster-panels';
import type { RunbookCatalog } from '../runbook/runbook-catalog';
import { clusterParam, offeredRunbooks, runbookForForm } from '../runbook/runbook-form';
import { exportRunMarkdown } from '../runs/export-markdown';
import { explainFailure, type ErrorAction, type ExplainedError } from '../runs/explain-error';
import { runClusterId } from '../runs/run-cluster';

export interface RunCommandDeps {
  targets: TargetRegistry;
  fleet: FleetTreeProvider;
  panels: ClusterPanels;
  catalog: RunbookCatalog;
  runs: RunHost;
}

type ClusterRef = { targetId: string; clusterId: string };

/** The commands that start, show and export runs and open cluster panels. */
export function registerRunCommands(deps: RunCommandDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('switchyard.runRunbook', (uri?: vscode.Uri) => runRunbook(deps, uri)),
    vscode.commands.registerCommand('switchyard.runFromHere', (uri: vscode.Uri, stepId: string) => runRunbook(deps, uri, stepId)),
    vscode.commands.registerCommand('switchyard.openClusterPanel', async (ref?: ClusterRef) => {
      const cluster = ref ?? (await pickClusterAnywhere(deps));
      const target = cluster && deps.targets.get(cluster.targetId);
      if (cluster && target) await deps.panels.open(target, cluster.clusterId);
    }),
    vscode.commands.registerCommand('switchyard.runRunbookOnCluster', async (ref?: ClusterRef) => {
      const cluster = ref ?? (await pickClusterAnywhere(deps));
      const target = cluster && deps.targets.get(cluster.targetId);
      if (!cluster || !target) return;
      const loaded = (await deps.catalog.list()).filter((r) => r.runbook && clusterParam(r.runbook));
      const topology = await fetchTopology(target.gateway, cluster.clusterId, { region: target.region }).catch(() => undefined);
      const runbooks = offeredFor(loaded, topology);
      if (!runbooks.length) {
        void vscode.window.showInformationMessage(
          loaded.length
            ? `Switchyard: no runbook in this workspace fits ${cluster.clusterId} (its shape, Blue/Green stage or Global Database role).`
            : 'Switchyard: no runbook with an rds-cluster param in this workspace (runbooks/*.md).',
        );
        return;
      }
      const pick = await vscode.window.showQuickPick(
        runbooks.map((r) => ({ label: r.runbook!.meta.title, description: r.file, id: r.id, param: clusterParam(r.runbook!)! })),
        { title: `Run a runbook on ${cluster.clusterId}`, placeHolder: 'Runbook' },
      );
      if (pick) await deps.panels.open(target, cluster.clusterId, { runbookId: pick.id, prefill: { [pick.param]: cluster.clusterId } });
    }),
    vscode.commands.registerCommand('switchyard.openRun', (runId: string) => openRun(deps, runId)),
    vscode.commands.registerCommand('switchyard.exportRun', (item?: RunSummary | string) => exportRun(deps, item)),
    vscode.commands.registerCommand('switchyard.errorAction', (action: ErrorAction, targetId?: string) =>
      runErrorAction(action, targetId ? deps.targets.get(targetId) : undefined),
    ),
  ];
}

/** An error with its ways forward as buttons; the chosen one runs. */
export async function showExplainedError(explained: ExplainedError, target?: Target): Promise<void> {
  const choice = await vscode.window.showErrorMessage(`Switchyard: ${explained.message}`, ...explained.actions);
  if (choice) await runErrorAction(choice, target);
}

/** Runs one way forward: Sign in opens a terminal with `aws sso login` for the target's profile. */
export async function runErrorAction(action: ErrorAction, target?: Target): Promise<void> {
  switch (action) {
    case 'Start sandbox':
      await vscode.commands.executeCommand('switchyard.startSandbox');
      return;
    case 'Open settings':
      await vscode.commands.executeCommand('workbench.action.openSettings', 'switchyard.aws');
      return;
    case 'Show log':
      await vscode.commands.executeCommand('switchyard.showLog');
      return;
    case 'Sign in': {
      // The profile comes from settings a workspace can set: only a plain profile name goes on the command line.
      const profile = target?.profile && /^[\w.@+=,-]+$/.test(target.profile) ? target.profile : undefined;
      const terminal = vscode.window.createTerminal({ name: 'AWS sign-in' });
      terminal.show();
      terminal.sendText(`aws sso login${profile ? ` --profile ${profile}` : ''}`, false);
      return;
    }
  }
}

/** The runbooks a cluster's page offers (core isRunbookOffered, as the panel): all of them when its topology could not be read. */
export function offeredFor<R extends { id: string; runbook?: Runbook }>(runbooks: R[], topology: Topology | undefined): R[] {
  const forms = new Map(runbooks.flatMap((r) => (r.runbook ? [[r.id, runbookForForm(r.id, r.runbook)] as const] : [])));
  const offered = new Set(offeredRunbooks([...forms.values()], topology).map((f) => f.id));
  return runbooks.filter((r) => offered.has(r.id));
}

async function runRunbook(deps: RunCommandDeps, uri?: vscode.Uri, fromStep?: string): Promise<void> {
  const file = uri ?? vscode.window.activeTextEditor?.document.uri;
  if (!file) {
    void vscode.window.showInformationMessage('Switchyard: open a runbook (a markdown file under runbooks/) first.');
    return;
  }
  const loaded = await deps.catalog.load(file);
  if (!loaded.runbook || loaded.errors.length) {
    const choice = await vscode.window.showErrorMessage(
      `Switchyard: ${loaded.file} has ${loaded.errors.length} error(s); a run never starts from an invalid runbook. First: ${loaded.errors[0] ?? 'it is not a runbook'}`,
      'Show problems',
    );
    if (choice) await vscode.commands.executeCommand('workbench.actions.view.problems');
    return;
  }
  const target = await pickTarget(deps);
  if (!target) return;
  const param = clusterParam(loaded.runbook);
  let clusterId: string | undefined;
  if (param) {
    clusterId = await pickCluster(deps, target, `Run "${loaded.runbook.meta.title}" on which cluster?`);
    if (!clusterId) return;
  }
  await deps.panels.open(target, clusterId, {
    runbookId: loaded.id,
    fromStep,
    prefill: param && clusterId ? { [param]: clusterId } : {},
  });
}

/** The one target, or a choice; with none, offers to start the sandbox. */
async function pickTarget(deps: RunCommandDeps): Promise<Target | undefined> {
  const all = deps.targets.list();
  if (all.length === 1) return all[0];
  if (all.length === 0) {
    const choice = await vscode.window.showInformationMessage(
      'Switchyard: no AWS target. Start the sandbox (a local AWS simulator with a demo fleet), or set switchyard.aws.region.',
      'Start sandbox',
      'Open settings',
    );
    if (choice === 'Start sandbox') {
      await vscode.commands.executeCommand('switchyard.startSandbox');
      return deps.targets.get('sandbox');
    }
    if (choice === 'Open settings') await vscode.commands.executeCommand('workbench.action.openSettings', 'switchyard.aws');
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    all.map((c) => ({ label: c.label, description: `${c.region}${c.endpoint ? ` · ${c.endpoint}` : ''}`, id: c.id })),
    { title: 'Run against which target?' },
  );
  return pick && deps.targets.get(pick.id);
}

async function pickCluster(deps: RunCommandDeps, target: Target, title: string): Promise<string | undefined> {
  let clusters;
  try {
    clusters = (await deps.fleet.fleet(target)).clusters;
  } catch (error) {
    const explained = explainFailure(error, target);
    void showExplainedError({ ...explained, message: `cannot list the clusters of ${target.label}: ${explained.message}` }, target);
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    clusters
      .filter((c) => isOfferedCluster(c))
      .map((c) => ({
        label: c.clusterId,
        description:
          globalRole(c) === 'secondary'
            ? `${c.status} · ${c.instances} instances · global secondary of ${c.globalClusterId} (read-only) · ${c.region}`
            : `${c.status} · ${c.instances} instances · writer ${c.writer ?? 'none'} · ${c.region}`,
      })),
    { title, placeHolder: 'Cluster' },
  );
  return pick?.label;
}

async function pickClusterAnywhere(deps: RunCommandDeps): Promise<ClusterRef | undefined> {
  const target = await pickTarget(deps);
  if (!target) return undefined;
  const clusterId = await pickCluster(deps, target, 'Which cluster?');
  return clusterId ? { targetId: target.id, clusterId } : undefined;
}

async function openRun(deps: RunCommandDeps, runId: string): Promise<void> {
  const run = await deps.runs.get(runId);
  if (!run) return;
  const key = deps.runs.targetKeyOf(run);
  const target = deps.targets.get(key);
  if (!target) {
    void vscode.window.showWarningMessage(
      `Switchyard: run ${runId} was started on ${key || 'an unknown target'}, which is not available; start the sandbox or check the switchyard.aws settings. Export it as markdown to read it now.`,
    );
    return;
  }
  await deps.panels.open(target, runClusterId(run), { runId });
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
  const saveTo = folder
    ? await vscode.window.showSaveDialog({
        defaultUri: vscode.Uri.joinPath(folder, `${base}.${run.id}.md`),
        filters: { Markdown: ['md'] },
        title: 'Export run as markdown',
      })
    : undefined;
  if (saveTo) {
    await vscode.workspace.fs.writeFile(saveTo, new TextEncoder().encode(content));
    await vscode.window.showTextDocument(saveTo);
  } else if (!folder) {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'markdown', content }));
  }
}
