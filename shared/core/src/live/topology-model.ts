/**
 * The topology, lint and fleet models the front ends draw (Backstage tab, fleet page, VS Code
 * panel). Plain JSON built from the live views; the builders live in topology.ts, lint.ts and
 * fleet.ts beside this file.
 */
import type { BlueGreenLifecycleStage } from '../model/blue-green-lifecycle';
import type { BlueGreenView, ClusterView, InstanceView } from './views';

/** One environment of a Blue/Green deployment. */
export interface BlueGreenSide {
  clusterId: string;
  engineVersion: string;
  instances: number;
  classes: string[];
  /** The `switchyard:decommission-by` tag (ISO date) the switchover runbook puts on the old environment; null when untagged. */
  decommissionBy: string | null;
}

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

/**
 * A Blue/Green deployment as a pair: blue (the deployment's source) and green (its target). After
 * the switchover the page's cluster is the target (it has the production name) and blue is the
 * old environment, production's rollback window.
 */
export interface TopologyBlueGreen {
  deployment: BlueGreenView;
  /** Null when it could not be read (or, on the old environment's side, is gone). */
  blue: BlueGreenSide | null;
  green: BlueGreenSide | null;
  /** Human stage: 'provisioning' | 'ready' | 'switching over' | 'switched over' | 'failed' | 'deleting'. */
  stage: string;
  /** Where the database is in its life through the deployment. */
  lifecycle: BlueGreenLifecycleStage;
  /** What to call each environment at this stage (core environmentLabels). */
  labels: { source: string; target: string };
  /** Which side the page's cluster is. */
  pageIs: 'source' | 'target';
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
  /** Blue/Green deployments not yet deleted, with their stage: those it is the source of, and the switched-over one it is the target of. */
  blueGreen: Array<{ id: string; name: string; status: string; stage: string; target: string }>;
  tags: Record<string, string>;
  /** Set on a Blue/Green green (target) cluster before the switchover: the id of its blue (source) cluster. */
  greenOf?: string;
  /**
   * Set on an old environment after a switchover (the deployment's source, or an `-oldN` cluster
   * left after its deployment was deleted): the production cluster that now has its name.
   */
  oldEnvironmentOf?: string;
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
  /** The switch was sent and the run did not succeed. */
  failed: number;
  /** A guard (a check) stopped the run before the switch was sent: nothing switched, the guard did its job. */
  stoppedByGuard: number;
  /** Ended before the switch without a failed guard: an approval refused, an abort. */
  calledOff: number;
  /** succeeded / (succeeded + failed): of the switchovers attempted, 0..1; null when none was. */
  successRate: number | null;
  /** Seconds writes were unavailable (switch call to the new writer serving), over the runs that sent the switch. */
  p50Seconds: number | null;
  p95Seconds: number | null;
  /** Seconds runs waited for approvals, apart from the switch (runs with approvals only). */
  approvalWaitP50Seconds: number | null;
  approvalWaitP95Seconds: number | null;
  /** One point per finished run, oldest first, for the chart; `seconds` is the write downtime (0 when it never switched). */
  points: Array<{
    at: string;
    seconds: number;
    status: string;
    outcome: 'succeeded' | 'stopped-by-guard' | 'called-off' | 'failed';
    switchSeconds: number | null;
    approvalWaitSeconds: number;
    totalSeconds: number;
    runbook: string;
    runId: string;
  }>;
}
