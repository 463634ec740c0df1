import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import {
  fetchCostReport,
  fetchTopology,
  isEnded,
  isOpen,
  isDestructive,
  parseRunControl,
  type Actor,
  type Run,
  type RunControl,
  type RunHost,
  type Topology,
} from '@switchyard/core';
import type { PendingConfirmation } from '../aws/confirmations';
import type { ClusterOption, ParamValues, RunbookForForm } from '@switchyard/ui';
import type { Target } from '../targets/target';
import { earlierStepReferences } from '../runbook/earlier-references';
import { offeredRunbooks } from '../runbook/runbook-form';
import type { RunbookCatalog } from '../runbook/runbook-catalog';
import { explainError } from '../runs/explain-error';
import type { FromWebview, PanelState, PostedControl, ToWebview } from '../webview/protocol';
import { checkFromWebview } from '../webview/protocol-check';
import { newNonce, webviewHtml } from '../webview/webview-html';
import { clusterCost } from './cluster-cost';
import { confirmControl } from './confirm-control';

export const PANEL_VIEW_TYPE = 'switchyard.cluster';

export interface PanelDeps {
  extensionUri: vscode.Uri;
  runs: RunHost;
  catalog: RunbookCatalog;
  clusters: (target: Target) => Promise<ClusterOption[]>;
  actor: () => Actor;
  /** The extension's output channel. */
  log: (line: string) => void;
  /** Asks about a declined, paused mutating call again (the Ask again button). */
  askAgain?: (id: number) => boolean;
}

export interface PanelIntent {
  runbookId?: string;
  fromStep?: string;
  prefill?: Record<string, string>;
  runId?: string;
}

/**
 * One cluster's panel: topology, lint findings, cost of its parallel environments, and the run on
 * it with its controls (or the params form to start one). The webview renders the shared
 * @switchyard/ui components; this side holds the state and talks to the engine.
 */
export class ClusterPanel implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  private state: PanelState;
  private fromStep?: string;
  private topologyTimer?: ReturnType<typeof setTimeout>;
  /** Every runbook found; the panel offers those that fit the cluster's shape and Blue/Green stage (core isRunbookOffered). */
  private allRunbooks: RunbookForForm[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly deps: PanelDeps,
    readonly target: Target,
    readonly clusterId: string | undefined,
    onDispose: () => void,
    /** A panel VS Code restored after a window reload; otherwise a new one is opened beside the editor. */
    restored?: vscode.WebviewPanel,
  ) {
    const dist = vscode.Uri.joinPath(deps.extensionUri, 'dist');
    this.panel =
      restored ??
      vscode.window.createWebviewPanel(
        PANEL_VIEW_TYPE,
        clusterId ? `${clusterId} — Switchyard` : `Run — Switchyard`,
        vscode.ViewColumn.Beside,
        {
          enableScripts: true,
          retainContextWhenHidden: true,
          localResourceRoots: [dist],
        },
      );
    this.panel.webview.options = { enableScripts: true, localResourceRoots: [dist] };
    const webview = this.panel.webview;
    webview.html = webviewHtml({
      cspSource: webview.cspSource,
      nonce: newNonce(randomBytes),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
      styleUris: [webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.css')).toString()],
      title: this.panel.title,
    });
    this.state = {
      target: { id: target.id, label: target.label, region: target.region, sandbox: target.kind === 'sandbox' },
      clusterId,
      user: deps.actor().name,
      topology: clusterId ? { status: 'loading' } : { status: 'error', message: 'no cluster: this run is not about one cluster' },
      cost: clusterId ? { status: 'loading' } : { status: 'error', message: 'no cluster' },
      clusters: [],
      runbooks: [],
      prefill: {},
      starting: false,
      confirmations: [],
    };
    this.disposables.push(
      webview.onDidReceiveMessage((m: unknown) => {
        // The webview is untrusted input: only messages exactly of the protocol are acted on.
        const checked = checkFromWebview(m);
        if (checked.ok) void this.receive(checked.message);
        else deps.log(`ignored a message from the cluster panel that is not of its protocol (${checked.problem})`);
      }),
      this.panel.onDidDispose(() => {
        this.dispose();
        onDispose();
      }),
    );
    void this.loadAll();
  }

  /** Shows a runbook's params form (Run runbook, Run runbook on this cluster…) or a given run. */
  async apply(intent: PanelIntent): Promise<void> {
    if (intent.runId) {
      this.state.run = await this.deps.runs.get(intent.runId);
      this.state.selectedRunbook = undefined;
    } else if (intent.runbookId) {
      this.state.selectedRunbook = intent.runbookId;
      this.state.prefill = intent.prefill ?? {};
      this.state.startError = undefined;
      this.fromStep = intent.fromStep;
      this.state.startFrom = intent.fromStep ? await this.stepName(intent.runbookId, intent.fromStep) : undefined;
      if (this.state.run && isEnded(this.state.run.status)) this.state.run = undefined;
    }
    this.panel.reveal(undefined, false);
    this.post();
  }

  /** A run changed: shown live if it is this panel's; the topology follows its steps. */
  onRun(run: Run): void {
    const newer = !this.state.run || run.createdAt > this.state.run.createdAt;
    const ours = this.state.run?.id === run.id || (this.isAbout(run) && newer && !this.state.selectedRunbook);
    if (!ours) return;
    const statusChanged = this.state.run?.status !== run.status || this.state.run?.current !== run.current;
    this.state.run = run;
    this.post();
    if (statusChanged && this.clusterId) this.scheduleTopology(run);
  }

  isAbout(run: Run): boolean {
    return (
      this.deps.runs.targetKeyOf(run) === this.target.id &&
      (this.clusterId === undefined || Object.values(run.params).includes(this.clusterId))
    );
  }

  /** The mutating calls on this panel's target waiting on the operator. */
  setConfirmations(pending: PendingConfirmation[]): void {
    this.state.confirmations = pending.map(({ id, phase, action, where }) => ({ id, phase, action, where }));
    this.post();
  }

  /** The target went away (the sandbox stopped, the settings changed): the panel stays, read-only. */
  disconnect(reason: string): void {
    if (this.state.disconnected === reason) return;
    this.state.disconnected = reason;
    this.state.confirmations = [];
    if (this.topologyTimer) clearTimeout(this.topologyTimer);
    this.post();
  }

  get disconnected(): boolean {
    return this.state.disconnected !== undefined;
  }

  dispose(): void {
    if (this.topologyTimer) clearTimeout(this.topologyTimer);
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private async receive(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.post();
        return;
      case 'refresh':
        await this.loadAll();
        return;
      case 'selectRunbook':
        if (message.runbookId && !this.offers(message.runbookId)) {
          this.deps.log(`ignored the cluster panel's choice of ${message.runbookId}: not one of the runbooks it offers`);
          return;
        }
        this.state.selectedRunbook = message.runbookId || undefined;
        this.state.startError = undefined;
        this.fromStep = undefined;
        this.state.startFrom = undefined;
        this.post();
        return;
      case 'newRun':
        // No runbook is preselected: the first of the list may be a destructive one.
        this.state.run = undefined;
        this.state.selectedRunbook = undefined;
        this.post();
        return;
      case 'askAgain':
        if (!this.deps.askAgain?.(message.id))
          this.deps.log(`nothing to ask again for confirmation ${message.id}: it was answered or its run stopped`);
        return;
      case 'start':
        await this.start(message.runbookId, message.params, message.dryRun);
        return;
      case 'action':
        await this.action(message.requestId, message.runId, message.control);
        return;
    }
  }

  private async start(runbookId: string, values: ParamValues, dryRun: boolean): Promise<void> {
    if (this.state.disconnected) {
      this.state.startError = this.state.disconnected;
      this.post();
      return;
    }
    if (!this.offers(runbookId)) {
      this.state.startError = `${runbookId} is not one of the runbooks this panel offers; choose one from the list (Refresh finds new ones)`;
      this.post();
      return;
    }
    try {
      const loaded = await this.deps.catalog.load(vscode.Uri.parse(runbookId));
      if (!loaded.runbook || loaded.errors.length) throw new Error(`the runbook has errors; fix them first:\n${loaded.errors.join('\n')}`);
      const fromStep = this.fromStep;
      if (fromStep) {
        const index = loaded.runbook.steps.findIndex((s) => s.id === fromStep);
        const used = earlierStepReferences(loaded.runbook, index);
        if (used.length) {
          const go = await vscode.window.showWarningMessage(
            `Later steps use the outputs of ${used.join(', ')}, which this run skips: they will see null.`,
            { modal: true },
            'Start anyway',
          );
          if (go !== 'Start anyway') return;
        }
      }
      this.state.starting = true;
      this.state.startError = undefined;
      this.post();
      const params = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)]));
      const run = await this.deps.runs.start({
        target: this.target.id,
        file: loaded.file,
        source: loaded.source,
        params,
        startedBy: this.deps.actor().name,
        fromStep,
        dryRun,
      });
      this.fromStep = undefined;
      this.state.startFrom = undefined;
      this.state.run = (await this.deps.runs.get(run.id)) ?? run;
      this.state.selectedRunbook = undefined;
    } catch (error) {
      this.state.startError = message(error);
    } finally {
      this.state.starting = false;
      this.post();
    }
  }

  private async action(requestId: number, runId: string, control: PostedControl): Promise<void> {
    if (runId !== this.state.run?.id) {
      const shown = this.state.run ? `run ${this.state.run.id}` : 'no run';
      this.send({
        type: 'actionResult',
        requestId,
        error: `run ${runId} is not the run this panel shows (${shown}); open that run's panel`,
      });
      return;
    }
    if (this.state.disconnected) {
      this.send({ type: 'actionResult', requestId, error: this.state.disconnected });
      return;
    }
    try {
      // Abort, Roll back, Skip and Reject say what they will do and ask first, here (the webview does
      // not ask: RunView's confirmInHost); the reason goes to the audit trail. Others are parsed as posted.
      const parsed: RunControl | undefined = isDestructive(control.action)
        ? await confirmControl(this.state.run!, control.action, control.reason)
        : parseRunControl(control.action, control.reason);
      if (!parsed) {
        this.send({ type: 'actionResult', requestId });
        return;
      }
      await this.deps.runs.control(runId, parsed, this.deps.actor());
      this.send({ type: 'actionResult', requestId });
    } catch (error) {
      this.send({ type: 'actionResult', requestId, error: message(error) });
    }
  }

  /** Whether the panel offered this runbook (the webview starts only what the panel listed). */
  private offers(runbookId: string): boolean {
    return this.state.runbooks.some((r) => r.id === runbookId);
  }

  private async loadAll(): Promise<void> {
    const [runbooks, clusters, run] = await Promise.all([
      this.deps.catalog.forms().catch(() => []),
      this.deps.clusters(this.target).catch(() => []),
      this.state.run ? this.deps.runs.get(this.state.run.id) : this.latestRun(),
    ]);
    this.allRunbooks = runbooks;
    this.state.runbooks = this.offered(this.state.topology.status === 'ready' ? this.state.topology.value : undefined);
    this.state.clusters = clusters;
    this.state.run = run;
    this.post();
    await this.loadTopologyAndCost();
  }

  /** The runbooks that fit the cluster as last read (all of them until its topology is known): its shape, Blue/Green stage and Global role. */
  private offered(topology: Topology | undefined): RunbookForForm[] {
    return offeredRunbooks(this.allRunbooks, topology);
  }

  private async loadTopologyAndCost(): Promise<void> {
    if (!this.clusterId || this.state.disconnected) return;
    const gateway = this.target.gateway;
    try {
      const topology = await fetchTopology(gateway, this.clusterId, { region: this.target.region });
      this.state.topology = { status: 'ready', value: topology };
      this.state.runbooks = this.offered(topology);
      this.post();
      const report = await fetchCostReport(gateway, Date.now(), {}, [this.target.region]);
      this.state.cost = { status: 'ready', value: clusterCost(report, this.clusterId, topology) };
    } catch (error) {
      if (this.state.topology.status !== 'ready') this.state.topology = { status: 'error', message: message(error) };
      this.state.cost = { status: 'error', message: message(error) };
    }
    this.post();
  }

  private scheduleTopology(run: Run): void {
    if (this.topologyTimer) clearTimeout(this.topologyTimer);
    this.topologyTimer = setTimeout(() => {
      this.topologyTimer = undefined;
      if (!this.clusterId) return;
      const full = isEnded(run.status);
      void (full ? this.loadTopologyAndCost() : this.loadTopologyOnly());
    }, 300);
  }

  private async loadTopologyOnly(): Promise<void> {
    try {
      const topology = await fetchTopology(this.target.gateway, this.clusterId!, { region: this.target.region });
      this.state.topology = { status: 'ready', value: topology };
      // A run moves the stage (a switchover ends, a cleanup deletes the deployment): the offer follows.
      this.state.runbooks = this.offered(topology);
      this.post();
    } catch {
      // keep the last topology: a transient read error mid-run is not worth replacing it
    }
  }

  private async stepName(runbookId: string, stepId: string): Promise<string> {
    const loaded = await this.deps.catalog.load(vscode.Uri.parse(runbookId)).catch(() => undefined);
    return loaded?.runbook?.steps.find((s) => s.id === stepId)?.name ?? stepId;
  }

  /** The active run on this cluster, else the newest one. */
  private async latestRun(): Promise<Run | undefined> {
    const summaries = (await this.deps.runs.list()).filter(
      (r) =>
        this.deps.runs.targetKeyOf(r) === this.target.id &&
        (this.clusterId === undefined || Object.values(r.params).includes(this.clusterId)),
    );
    summaries.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    const active = summaries.find((r) => isOpen(r.status));
    const pick = active ?? summaries[0];
    return pick ? this.deps.runs.get(pick.id) : undefined;
  }

  private post(): void {
    this.state.user = this.deps.actor().name;
    this.send({ type: 'state', state: this.state });
  }

  private send(message: ToWebview): void {
    void this.panel.webview.postMessage(message);
  }
}

function message(error: unknown): string {
  return explainError(error);
}
