/**
 * The REST contract between the Switchyard Backstage backend (`/api/switchyard`) and its
 * clients (the frontend plugin, tests). JSON bodies; errors are Backstage-style
 * `{ error: { name, message }, request: { method, url }, response: { statusCode } }`.
 *
 *   GET  /runbooks                         → RunbookSummary[]
 *   GET  /runbooks/:id                     → RunbookDetail
 *   GET  /topology?entityRef=…             → Topology          (entity's aws.amazon.com/rds-cluster-arn)
 *   GET  /fleet                            → FleetResponse     (every database entity joined with AWS)
 *   GET  /cost?entityRef=…                 → CostReport        (no entityRef: the whole fleet)
 *   GET  /history?entityRef=…              → SwitchoverHistory (no entityRef: the whole fleet)
 *   GET  /runs?entityRef=…                 → RunSummary[]      (newest first)
 *   POST /runs  CreateRunRequest           → Run               (201)
 *   GET  /runs/:id                         → Run
 *   POST /runs/:id/actions RunActionRequest → Run
 *   GET  /runs/:id/events                  → text/event-stream: `event: run` data: Run (full snapshot
 *                                             on connect and after every change), `event: log`
 *                                             data: RunEvent; ends after the run is terminal.
 *   GET  /permissions?entityRef=…          → EntityPermissions (what the caller may do on that entity)
 *   POST /rollouts/plan RolloutPlanRequest → RolloutPlanResponse (a dry run: nothing is recorded or started)
 *   POST /rollouts  RolloutPlanRequest     → RolloutView       (201; planned again, recorded, driven here)
 *   GET  /rollouts?limit=&cursor=          → RolloutList       (a page newest first, of those whose every cluster you may see;
 *                                             `next` is the cursor of the following page)
 *   GET  /rollouts/:id                     → RolloutView
 *   GET  /rollouts/:id/cost                → CostReport        (the parallel environments of the rollout's clusters)
 *   POST /rollouts/:id/actions RolloutActionRequest → RolloutView
 */
import type {
  CostReport,
  Fleet,
  ParamType,
  Rollout,
  RolloutCluster,
  RolloutControl,
  RolloutControlEffect,
  RolloutPlanSpec,
  RolloutProgress,
  RolloutList,
  RolloutSummary,
  Run,
  RunAction,
  RunControl,
  RunSummary,
  SwitchoverHistory,
  Topology,
} from '@switchyard/core';

export type {
  Run,
  RunAction,
  RunSummary,
  Topology,
  Fleet,
  SwitchoverHistory,
  CostReport,
  Rollout,
  RolloutCluster,
  RolloutControl,
  RolloutControlEffect,
  RolloutProgress,
  RolloutList,
  RolloutSummary,
};

export interface RunbookParamSummary {
  name: string;
  /** `rds-cluster`, `rds-instance`, `global-cluster`, `blue-green-deployment`, `aws-region` get pickers filled from live topology. */
  type: ParamType;
  description?: string;
  required: boolean;
  default?: string | number | boolean;
  /** For `rds-instance`: the `rds-cluster` param whose members are offered. */
  of?: string;
  /** Allowed values when the runbook declares an enumeration. */
  choices?: Array<string | number>;
  /** A password or token: typed hidden, never stored with the run (it shows as `[secret]`). */
  secret?: boolean;
  /** An `rds-instance` param naming the reader a failover promotes: the writer is not offered (core paramFacts). */
  promotes?: boolean;
  /** Connections every block using it needs (data guards; core paramFacts). */
  needsConnections?: string[];
  /** Set by the backend when those connections are not configured: the form does not ask for it. */
  unavailable?: string;
}

export interface RunbookSummary {
  /** File name without directory, e.g. `failover.md`; the id used in URLs. */
  id: string;
  title: string;
  description: string;
  params: RunbookParamSummary[];
  mutating: boolean;
  /** Which entity shapes it applies to: 'cluster' | 'global' | 'blue-green'. */
  appliesTo: string[];
  /** Blue/Green runbooks: the lifecycle stages they are offered in (core runbookStages); unset: any. */
  stages?: string[];
  /** It moves the writer (tagged `failover`): not offered on a Global Database secondary (core runbookNeedsWriter). */
  needsWriter?: boolean;
  steps: Array<{ id: string; name: string; mutating: boolean }>;
}

export interface RunbookDetail extends RunbookSummary {
  source: string;
}

export interface CreateRunRequest {
  runbook: string;
  entityRef: string;
  params: Record<string, unknown>;
  dryRun?: boolean;
}

/** One run control (the core's `RunControl`): skip and reject need a reason, recorded in the audit trail. */
export type RunActionRequest = RunControl;

export interface FleetEntity {
  entityRef: string;
  title: string;
  owner: string | null;
  clusterArn: string;
  /** Null when the cluster could not be read (the error says why). */
  cluster: Fleet['clusters'][number] | null;
  error?: string;
  activeRuns: RunSummary[];
}

export interface FleetResponse {
  entities: FleetEntity[];
  fetchedAt: string;
}

export interface EntityPermissions {
  createRun: boolean;
  approve: boolean;
  control: boolean;
  user: string;
}

/**
 * A run waiting for an approval the signed-in user may give (`GET /approvals`): they hold the
 * approve permission on its database and the step's approval rule (four eyes, `approvers:`) admits them.
 */
export interface PendingApproval {
  runId: string;
  /** The runbook's title. */
  title: string;
  entityRef: string;
  /** The database, for people (`prod-app`). */
  database: string;
  stepName: string;
  /** What the approval asks, as the runbook words it (`Fail over prod-app from prod-app-0 to prod-app-1?`). */
  message: string;
  requestedAt: string;
  startedBy: string;
}

/**
 * A rollout as an operator describes it (the CLI's `rollout plan` flags): the strings are parsed by
 * the core's planRollout, which names every problem at once.
 */
export interface RolloutPlanRequest {
  /** The runbook's id, e.g. `failover.md`. */
  runbook: string;
  /** Cluster ids or ARNs, tag filters (`team=payments`), `engine=…`, `version=15.*`, `region=…`, or `*`; comma-separated, all must hold. */
  selection: string;
  /** The params template: values may use the cluster's facts (`{{ cluster.engineVersion }}`). */
  params?: Record<string, string>;
  /** Wave sizes: `1,5,25%,rest`. */
  waves: string;
  maxConcurrency?: number;
  /** Stop starting runs after this many failures: `2` or `10%`. */
  maxFailures: string;
  /** Guard stops are counted apart (default: the same limit as failures). */
  maxGuardStops?: string;
  gate?: RolloutPlanSpec['gate'];
  title?: string;
}

export interface RolloutPlanResponse {
  runbook: { id: string; title: string };
  /** Each cluster with its wave, its resolved params (what will run), its entity and its AWS target. */
  clusters: RolloutCluster[];
  /** Wave sizes, in order. */
  waves: number[];
  spec: RolloutPlanSpec;
  budget: { failures: number; guardStops: number };
  /** What the operator should know that does not stop the plan (a last wave added, duplicates dropped). */
  notes: string[];
  /** Accounts that could not be read (their clusters are not in the plan). */
  warnings: string[];
}

/** A rollout control (the core's RolloutControl): skip needs a cluster and a reason, kept in the audit trail. */
export type RolloutActionRequest = RolloutControl;

/** A rollout for its page: the record, how far it is, how its switchovers went, and the controls that apply now. */
export interface RolloutView {
  rollout: Rollout;
  progress: RolloutProgress;
  /** The rollout's runs as the fleet's switchover KPIs count them (writes unavailable p50/p95, approval waits apart). */
  switchover: SwitchoverHistory;
  /** The rollout-wide controls that apply now, with what each does (the core's rule), for the confirm dialog. */
  controls: RolloutControlEffect[];
  /** Per cluster id: the controls on that cluster that apply now (retry, skip). */
  clusterControls: Record<string, RolloutControlEffect[]>;
}
