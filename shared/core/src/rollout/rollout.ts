/**
 * The durable record of a rollout: one runbook run on many clusters, in waves, under a failure
 * budget. Plain JSON (every store keeps it as it keeps runs) and free of Node imports.
 *
 * Each cluster's work is an ordinary run of the engine, linked to the rollout by `run.rollout`
 * and by its id, which the rollout chooses and records before the run is created (`runIdFor`):
 * a driver that dies between recording and creating finds the run by that id on resume, so no
 * cluster is ever started twice.
 */

/** What the rollout knows of a cluster when it is planned: its own facts, for the selection and the params template. */
export interface ClusterFacts {
  id: string;
  arn: string;
  region: string;
  engine: string;
  engineVersion: string;
  status: string;
  /** The cluster's DB cluster parameter group, and its family (e.g. `aurora-postgresql15`) when known. */
  parameterGroup?: string;
  parameterGroupFamily?: string;
  tags: Record<string, string>;
}

/** A wave's size: a count of clusters, a percentage of all selected clusters, or the rest. */
export type WaveSize = { count: number } | { percent: number } | { rest: true };

/** A limit on bad outcomes: a count, or a percentage of all selected clusters. */
export type BudgetLimit = { count: number } | { percent: number };

export interface RolloutPlanSpec {
  waves: WaveSize[];
  /** Most runs at once (within a wave); undefined = the whole wave. */
  maxConcurrency?: number;
  /** Before every wave after the first: wait this long after the previous wave ended, or for a person to approve. */
  gate: { kind: 'none' } | { kind: 'pause'; seconds: number } | { kind: 'approval' };
  /**
   * Stop starting runs once this many clusters have failed, or this many were stopped by a guard
   * (a check that refused before anything changed). The two are counted apart.
   */
  budget: { failures: BudgetLimit; guardStops: BudgetLimit };
}

/**
 * How a cluster's part rests. `starting`: the run id is recorded, the run may or may not exist yet
 * (a resume looks it up before starting anything). `waiting`: the run waits for a person.
 */
export const ROLLOUT_CLUSTER_STATUSES = [
  'pending',
  'starting',
  'running',
  'waiting',
  'succeeded',
  'failed',
  'guard-stopped',
  'aborted',
  'skipped',
] as const;
export type RolloutClusterStatus = (typeof ROLLOUT_CLUSTER_STATUSES)[number];

/** The cluster's part is over: nothing more will happen to it unless someone retries it. */
export const CLUSTER_DONE: readonly RolloutClusterStatus[] = ['succeeded', 'failed', 'guard-stopped', 'aborted', 'skipped'];
/** The cluster has a run that is (or may be) in progress. */
export const CLUSTER_ACTIVE: readonly RolloutClusterStatus[] = ['starting', 'running', 'waiting'];

export interface RolloutCluster {
  id: string;
  region: string;
  arn: string;
  wave: number;
  /**
   * The host's key of the AWS target this cluster's run goes to, when it is not the rollout's own
   * (a Backstage rollout spans accounts and regions: `account:region` per cluster).
   */
  target?: string;
  /** The host's entity the cluster's run is started from (Backstage: the catalog entity whose permissions admitted it). */
  entityRef?: string;
  /** The runbook params for this cluster, resolved from the template at plan time (what the plan showed is what runs). */
  params: Record<string, string>;
  status: RolloutClusterStatus;
  runId?: string;
  /** How many times the cluster was retried: each retry is a fresh run, attempt `retries` (`runIdFor`). */
  retries: number;
  /**
   * The cluster's earlier runs, superseded by a retry, oldest first. The driver ends each one that
   * is still open (aborts it, releasing its locks) before the cluster's next run starts.
   */
  previousRuns?: string[];
  /** The step the run is on (for the board). */
  step?: string;
  startedAt?: string;
  endedAt?: string;
  /** Why it failed, was stopped by a guard, or was skipped. */
  reason?: string;
}

/**
 * `running`: the driver starts clusters as the plan allows. `paused`: nothing new starts, runs in
 * progress go on. `halted`: the failure budget is spent (retry or skip clusters, then resume).
 * `succeeded`/`failed`: every cluster's part is over (`failed` when any failed or was stopped).
 * `aborted`: nothing more starts; runs in progress finish, or were aborted, as the operator chose.
 */
export const ROLLOUT_STATUSES = ['running', 'paused', 'halted', 'succeeded', 'failed', 'aborted'] as const;
export type RolloutStatus = (typeof ROLLOUT_STATUSES)[number];
export const ROLLOUT_ENDED: readonly RolloutStatus[] = ['succeeded', 'failed', 'aborted'];

export interface RolloutAuditEntry {
  at: string;
  actor: string;
  action: string;
  cluster?: string;
  detail?: string;
}

export interface Rollout {
  id: string;
  /** Incremented on every write; stores use it for compare-and-set. */
  version: number;
  title: string;
  runbook: { file: string; title: string; source: string };
  /** The params template, as given (`{{ cluster.engineVersion }}` …). */
  template: Record<string, string>;
  /** The selection, as given (`team=payments,version=15.4`). */
  selection: string;
  plan: RolloutPlanSpec;
  /** The host's name for the AWS target the runs go to. */
  target: string;
  startedBy: string;
  createdAt: string;
  updatedAt: string;
  endedAt?: string;
  status: RolloutStatus;
  /** Why it is halted (the budget spent) or ended. */
  statusReason?: string;
  /** Waves a person approved (the approval gate), by index. */
  approvedWaves: number[];
  /** Abort: whether runs in progress were aborted too, or left to finish. */
  abortRuns?: boolean;
  clusters: RolloutCluster[];
  audit: RolloutAuditEntry[];
}

/** What a list shows of a rollout: small, whatever the number of clusters (stores keep it beside the record). */
export interface RolloutSummary {
  id: string;
  title: string;
  /** The runbook's file (Backstage: its id) and title. */
  runbook: { file: string; title: string };
  status: RolloutStatus;
  startedBy: string;
  createdAt: string;
  updatedAt: string;
  counts: Record<RolloutClusterStatus, number>;
  waves: number;
}

export function countByStatus(clusters: readonly RolloutCluster[]): Record<RolloutClusterStatus, number> {
  const counts = Object.fromEntries(ROLLOUT_CLUSTER_STATUSES.map((s) => [s, 0])) as Record<RolloutClusterStatus, number>;
  for (const c of clusters) counts[c.status]++;
  return counts;
}

export function summarizeRollout(r: Rollout): RolloutSummary {
  return {
    id: r.id,
    title: r.title,
    runbook: { file: r.runbook.file, title: r.runbook.title },
    status: r.status,
    startedBy: r.startedBy,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    counts: countByStatus(r.clusters),
    waves: new Set(r.clusters.map((c) => c.wave)).size,
  };
}

/**
 * The id of a cluster's run: fixed by the rollout, the cluster's place in it and the attempt (0 for
 * the first run, n for the run of its n-th retry), so each attempt's run is created at most once (a
 * store refuses a second create of one id). `ro-…-c0001`, then `ro-…-c0001-r1`, …: 38 characters at most
 * for 999 retries, within every store's 64.
 */
export function runIdFor(rolloutId: string, clusterIndex: number, attempt = 0): string {
  return `${rolloutId}-c${String(clusterIndex + 1).padStart(4, '0')}${attempt > 0 ? `-r${attempt}` : ''}`;
}

/** The runs the rollout no longer wants of this cluster: its superseded attempts, and the run of a skipped cluster. */
export function unwantedRuns(cluster: RolloutCluster): string[] {
  return [...(cluster.previousRuns ?? []), ...(cluster.status === 'skipped' && cluster.runId ? [cluster.runId] : [])];
}

/** Rollout ids: `ro-<yyyymmddhhmmss>-<6 hex>`, short enough that run ids built on them fit every store. */
export const ROLLOUT_ID_PATTERN = /^ro-[0-9]{14}-[0-9a-f]{6}$/;
