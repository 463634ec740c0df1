/**
 * The cluster panel's message protocol: one union for each direction. The host owns all state and
 * sends it whole; the webview only renders it and reports what the user did. The host acts only on
 * messages checkFromWebview (protocol-check.ts) finds to be exactly of this protocol.
 */
import type { CostFinding, EnvironmentCost, BilledActuals, MissingFigure, Run, RunControl, Topology } from '@switchyard/core';
import type { ClusterOption, ParamValues, RunbookForForm } from '@switchyard/ui';

export type Loadable<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; message: string };

/** The cost of a cluster's parallel environments (its Blue/Green greens, its old blues). */
export interface ClusterCost {
  environments: EnvironmentCost[];
  findings: CostFinding[];
  actuals: BilledActuals[] | { error: string };
  included: string[];
  excluded: string[];
  /** This cluster's figures the report wanted and did not get: shown as "partial: N figures missing". */
  missing: MissingFigure[];
}

export interface PanelState {
  target: { id: string; label: string; region: string; sandbox: boolean };
  clusterId?: string;
  user: string;
  topology: Loadable<Topology>;
  cost: Loadable<ClusterCost>;
  /** Clusters of the target, for the params form's pickers. */
  clusters: ClusterOption[];
  runbooks: RunbookForForm[];
  /** The runbook whose params form is shown (when no run is shown, or the user asked for a new run). */
  selectedRunbook?: string;
  /** "Run from here": the step the run will start at (the steps above are recorded as skipped). */
  startFrom?: string;
  /** Values to prefill, e.g. the cluster the panel is about. */
  prefill: Record<string, string>;
  /** The run shown: the active one on this cluster, or the one just started. */
  run?: Run;
  starting: boolean;
  startError?: string;
  /** Mutating calls on this panel's target waiting on the operator (asked in a dialog, or declined and paused). */
  confirmations: { id: number; phase: 'asking' | 'paused'; action: string; where: string }[];
  /** The panel's target is gone (the sandbox stopped, the AWS settings changed): shown read-only. */
  disconnected?: string;
}

/** What the webview keeps (vscode.setState) so VS Code can restore the panel after a window reload. */
export interface PanelMemento {
  targetId: string;
  clusterId?: string;
  runId?: string;
}

export type ToWebview = { type: 'state'; state: PanelState } | { type: 'actionResult'; requestId: number; error?: string };

export type FromWebview =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'selectRunbook'; runbookId: string }
  | { type: 'newRun' }
  | { type: 'askAgain'; id: number }
  | { type: 'start'; runbookId: string; params: ParamValues; dryRun: boolean }
  | { type: 'action'; requestId: number; runId: string; control: PostedControl };

/** A control as the webview posts it; the extension parses it again (parseRunControl: a reason where one is required). */
export type PostedControl = { action: RunControl['action']; reason?: string };
