/**
 * The simulator's state: plain JSON (saved and loaded as is), advanced only by the model's
 * functions. Times are epoch milliseconds on the simulator clock.
 */

export interface Tag {
  Key: string;
  Value: string;
}

export type ClusterStatus =
  'available' | 'creating' | 'modifying' | 'renaming' | 'failing-over' | 'upgrading' | 'deleting' | 'inaccessible' | 'stopped';

export type InstanceStatus = 'available' | 'creating' | 'modifying' | 'renaming' | 'rebooting' | 'deleting' | 'failed' | 'inaccessible';

export interface DbCluster {
  region: string;
  id: string;
  resourceId: string;
  engine: string;
  engineVersion: string;
  status: ClusterStatus;
  parameterGroup: string;
  /** The writer instance; absent for a global secondary (all readers) or a cluster without instances. */
  writerId?: string;
  createdAt: number;
  port: number;
  masterUsername: string;
  deletionProtection: boolean;
  /** Set on the old blue cluster after a blue/green switchover (read-only until the deployment is deleted). */
  readOnly?: boolean;
  /** A NewDBClusterIdentifier sent without ApplyImmediately: waits for the maintenance window. */
  pendingId?: string;
  /** An Aurora clone (RestoreType copy-on-write): the cluster whose volume it shares (same CloneGroupId). */
  cloneOf?: string;
  tags: Tag[];
}

export interface DbInstance {
  region: string;
  id: string;
  /** The Aurora cluster; absent for a standalone (non-Aurora) instance, which the simulator only stores. */
  clusterId?: string;
  instanceClass: string;
  availabilityZone: string;
  promotionTier: number;
  status: InstanceStatus;
  resourceId: string;
  engine: string;
  engineVersion: string;
  createdAt: number;
  /** A class change waiting for the maintenance window (ModifyDBInstance without ApplyImmediately). */
  pendingInstanceClass?: string;
  /** A NewDBInstanceIdentifier sent without ApplyImmediately: waits for the maintenance window. */
  pendingId?: string;
  /** Start of the current billed segment when it differs from `createdAt` (after a class change). */
  billedSince?: number;
  /** A static cluster parameter or the cluster's parameter group changed: applies at the next reboot. */
  parameterApplyStatus?: 'pending-reboot';
  tags: Tag[];
}

/** Usage of a resource (or an earlier class of one) that is gone, so Cost Explorer still bills it. */
export interface RetiredUsage {
  kind: 'instance' | 'cluster';
  region: string;
  id: string;
  instanceClass?: string;
  from: number;
  to: number;
  tags: Tag[];
  /** A deleted cluster's mean volume I/O requests per 5-minute interval when it was deleted. */
  ioPerInterval?: number;
}

export interface GlobalClusterMember {
  region: string;
  clusterId: string;
  isWriter: boolean;
  synchronizationStatus: 'connected' | 'pending-resync';
}

export interface GlobalFailoverState {
  /** The API's FailoverStatus: switchovers also report `failing-over` while the primary moves. */
  status: 'pending' | 'failing-over' | 'cancelling';
  fromRegion: string;
  fromClusterId: string;
  toRegion: string;
  toClusterId: string;
  isDataLossAllowed: boolean;
}

export interface GlobalCluster {
  id: string;
  resourceId: string;
  engine: string;
  engineVersion: string;
  status: 'available' | 'modifying' | 'failing-over' | 'switching-over' | 'deleting';
  members: GlobalClusterMember[];
  failoverState?: GlobalFailoverState;
  deletionProtection: boolean;
  createdAt: number;
  tags: Tag[];
}

export type BlueGreenStatus =
  | 'PROVISIONING'
  | 'AVAILABLE'
  | 'SWITCHOVER_IN_PROGRESS'
  | 'SWITCHOVER_COMPLETED'
  | 'INVALID_CONFIGURATION'
  | 'SWITCHOVER_FAILED'
  | 'DELETING';

/** A blue resource and its green counterpart (cluster or instance), by current identifier. */
export interface BlueGreenMemberPair {
  kind: 'cluster' | 'instance';
  source: string;
  target: string;
  /** The pair's region when not the deployment's: a Global Database's secondary regions. */
  region?: string;
}

export interface BlueGreenDeployment {
  id: string;
  name: string;
  region: string;
  sourceClusterId: string;
  targetClusterId: string;
  /**
   * For the primary of a Global Database: the blue global cluster and the green one mirroring it
   * (a green cluster in every secondary region); a switchover moves them together.
   */
  global?: { sourceId: string; targetId: string };
  members: BlueGreenMemberPair[];
  status: BlueGreenStatus;
  statusDetails?: string;
  targetEngineVersion: string;
  targetParameterGroup?: string;
  createdAt: number;
  /** When provisioning finishes; task progress is derived from it. */
  provisionedAt: number;
  switchoverStartedAt?: number;
  switchoverTimeoutSec?: number;
  tags: Tag[];
}

export type ParameterApplyType = 'static' | 'dynamic';

export interface ClusterParameterGroup {
  region: string;
  name: string;
  family: string;
  description: string;
  /** User-set values on top of the family's engine defaults. */
  overrides: Record<string, string>;
  tags: Tag[];
}

export type EventSourceType = 'db-cluster' | 'db-instance' | 'blue-green-deployment';

export interface RdsEvent {
  /** Ordering key (also the pagination key). */
  seq: number;
  region: string;
  sourceType: EventSourceType;
  sourceId: string;
  sourceArn: string;
  message: string;
  categories: string[];
  date: number;
}

export type ComparisonOperator =
  'GreaterThanThreshold' | 'GreaterThanOrEqualToThreshold' | 'LessThanThreshold' | 'LessThanOrEqualToThreshold';

export type TreatMissingData = 'missing' | 'notBreaching' | 'breaching' | 'ignore';

export interface MetricAlarm {
  region: string;
  name: string;
  description: string;
  namespace: string;
  metricName: string;
  dimensions: { Name: string; Value: string }[];
  statistic: 'Average' | 'Maximum' | 'Minimum' | 'Sum' | 'SampleCount';
  periodSec: number;
  evaluationPeriods: number;
  threshold: number;
  comparison: ComparisonOperator;
  /**
   * How an evaluation without datapoints counts (CloudWatch User Guide, "Configuring how CloudWatch
   * alarms treat missing data"): `missing` (default) → INSUFFICIENT_DATA, `notBreaching` → OK,
   * `breaching` → ALARM, `ignore` → the state stays.
   */
  treatMissingData?: TreatMissingData;
  state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
  stateReason: string;
  stateUpdatedAt: number;
}

/** How long transitions take on AWS, in milliseconds of simulated time (divided by timeScale). */
export interface Timings {
  failover: number;
  reboot: number;
  createInstance: number;
  modifyInstance: number;
  deleteInstance: number;
  instanceRecovery: number;
  writerRecreate: number;
  globalSwitchover: number;
  globalFailover: number;
  removeFromGlobal: number;
  blueGreenProvisioning: number;
  blueGreenSwitchover: number;
  blueGreenDelete: number;
  renameCluster: number;
  renameInstance: number;
  deleteCluster: number;
  restoreCluster: number;
}

export const DEFAULT_TIMINGS: Timings = {
  failover: 30_000,
  reboot: 20_000,
  createInstance: 8 * 60_000,
  modifyInstance: 10 * 60_000,
  deleteInstance: 3 * 60_000,
  instanceRecovery: 5 * 60_000,
  writerRecreate: 10 * 60_000,
  globalSwitchover: 150_000,
  globalFailover: 120_000,
  removeFromGlobal: 60_000,
  blueGreenProvisioning: 25 * 60_000,
  blueGreenSwitchover: 60_000,
  blueGreenDelete: 30_000,
  // No outage (Aurora User Guide, "Settings for Amazon Aurora": DB cluster identifier); the
  // duration is not documented.
  renameCluster: 30_000,
  // An instance rename reboots the instance: "an instance reboot occurs immediately if you enable
  // ApplyImmediately" (RDS API Reference / botocore model, ModifyDBInstance NewDBInstanceIdentifier;
  // Aurora User Guide, "Settings for Amazon Aurora": DB instance identifier, "The DB instance is
  // rebooted"). The new DNS name "becomes effective in about 10 minutes" and the instance "is not
  // available until the new name becomes effective" (RDS User Guide, "Renaming a DB instance"; the
  // Aurora guide gives no figure). No source gives the reboot's length, so 60 s stays a model.
  renameInstance: 60_000,
  deleteCluster: 2 * 60_000,
  // Not documented; a clone of a large volume is ready in minutes (Aurora.Managing.Clone).
  restoreCluster: 5 * 60_000,
};

export interface SimState {
  formatVersion: 1;
  accountId: string;
  seed: number;
  /** Counter behind deterministic identifiers (resource IDs, blue/green suffixes). */
  nextId: number;
  timings: Timings;
  clusters: DbCluster[];
  instances: DbInstance[];
  globalClusters: GlobalCluster[];
  blueGreenDeployments: BlueGreenDeployment[];
  clusterParameterGroups: ClusterParameterGroup[];
  events: RdsEvent[];
  alarms: MetricAlarm[];
  /**
   * Cluster identifiers applications connect to, as `region:id`. Endpoints follow identifiers, so
   * client traffic follows the name: a fresh green or an old blue (`-old1`) has no clients.
   */
  clientNames: string[];
  /** Billed usage of deleted resources and of instance classes changed since (Cost Explorer). */
  retiredUsage?: RetiredUsage[];
  /** Transitions in flight, applied when the clock passes `dueAt`. */
  jobs: import('./jobs').Job[];
  faults: import('./faults').FaultSet;
}
