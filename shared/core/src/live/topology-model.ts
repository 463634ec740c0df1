/**
 * The topology, lint and fleet models the front ends draw (Backstage tab, fleet page, VS Code
 * panel). Plain JSON built from the live views; the builders live in topology.ts, lint.ts and
 * fleet.ts beside this file.
 */
import type { BlueGreenView, ClusterView, InstanceView } from './views';

/** One instance as the topology diagram draws it. */
export interface TopologyInstance extends InstanceView {
  role: 'writer' | 'reader';
  /** AuroraReplicaLag (ms), latest datapoint; null for the writer or when CloudWatch has none. */
  replicaLagMs: number | null;
}

/** A Global Database member cluster in another region (or the primary). */
export interface TopologyRegion {
  region: string;
  clusterId: string;
  clusterArn: string;
  isPrimary: boolean;
  /** AuroraGlobalDBReplicationLag (ms) of a secondary; null for the primary or when unknown. */
  replicationLagMs: number | null;
  status: string;
  readers: number;
}

/** A Blue/Green deployment as a pair: blue (source) and green (target) with their status. */
export interface TopologyBlueGreen {
  deployment: BlueGreenView;
  blue: { clusterId: string; engineVersion: string; instances: number; classes: string[] };
  green: { clusterId: string; engineVersion: string; instances: number; classes: string[] } | null;
  /** Human stage: 'provisioning' | 'ready' | 'switching over' | 'switched over' | 'failed' | 'deleting'. */
  stage: string;
}

export type LintSeverity = 'error' | 'warning' | 'info';

export interface LintFinding {
  /** Stable code, e.g. `tiny-reader-in-high-tier`, `single-az-readers`, `no-failover-target`, `parameter-group-drift`, `deletion-protection-off`. */
  code: string;
  severity: LintSeverity;
  /** One sentence naming the resource at fault and what to do. */
  message: string;
  /** Instance or cluster ids the finding is about (the diagram highlights them). */
  resources: string[];
}

export interface Topology {
  cluster: ClusterView;
  /** Writer first, then readers; `azs` groups reader ids by Availability Zone (sorted). */
  instances: TopologyInstance[];
  azs: Array<{ az: string; instances: string[] }>;
  global: { id: string; status: string; regions: TopologyRegion[] } | null;
  blueGreen: TopologyBlueGreen[];
  findings: LintFinding[];
  fetchedAt: string;
  /** Parts that could not be read (e.g. a secondary region that is down); the rest is still shown. */
  warnings?: string[];
}

/** One row of the fleet page. */
export interface FleetCluster {
  clusterId: string;
  arn: string;
  region: string;
  status: string;
  engine: string;
  engineVersion: string;
  instances: number;
  writer: string | null;
  globalClusterId: string | null;
  /** Blue/Green deployments not yet deleted, with their stage. */
  blueGreen: Array<{ id: string; name: string; status: string; stage: string; target: string }>;
  tags: Record<string, string>;
  /** Set on a Blue/Green green (target) cluster: the id of its blue (source) cluster. */
  greenOf?: string;
}

export interface Fleet {
  clusters: FleetCluster[];
  fetchedAt: string;
  /** Regions that could not be listed; the clusters of the others are still there. */
  warnings?: string[];
}

/** Switchover/failover history over finished runs. */
export interface SwitchoverHistory {
  count: number;
  succeeded: number;
  failed: number;
  /** succeeded / finished, 0..1; null when none finished. */
  successRate: number | null;
  /** Durations of finished runs in seconds. */
  p50Seconds: number | null;
  p95Seconds: number | null;
  /** One point per finished run, oldest first, for the chart. */
  points: Array<{ at: string; seconds: number; status: string; runbook: string; runId: string }>;
}
