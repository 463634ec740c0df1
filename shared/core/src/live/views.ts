/**
 * Views of live AWS objects as the engine hands them to CEL and the front ends draw them.
 * Plain JSON: field names here are the runbook language's vocabulary (docs/runbook-format.md).
 */

export interface InstanceView {
  id: string;
  status: string;
  class: string;
  az: string;
  /** Promotion tier 0–15; lower is preferred as failover target. */
  tier: number;
  clusterId: string | null;
  isWriter: boolean;
  engine: string;
  engineVersion: string;
}

export interface ClusterView {
  id: string;
  arn: string;
  region: string;
  status: string;
  engine: string;
  engineVersion: string;
  /** Writer instance id, or null while there is none (e.g. mid-failover). */
  writer: string | null;
  readers: string[];
  members: InstanceView[];
  /** Distinct AZs of the available readers. */
  readerAzs: string[];
  /** The reader Aurora would promote: lowest tier, then largest class (tier-aware default). */
  failoverTarget: string | null;
  parameterGroup: string;
  globalClusterId: string | null;
  endpoint: string;
  readerEndpoint: string;
  deletionProtection: boolean;
  /** Cluster and every member are `available`. */
  allAvailable: boolean;
  tags: Record<string, string>;
}

export interface GlobalMemberView {
  clusterArn: string;
  clusterId: string;
  region: string;
  isWriter: boolean;
  syncStatus: string;
  readers: string[];
}

export interface GlobalClusterView {
  id: string;
  status: string;
  engine: string;
  engineVersion: string;
  members: GlobalMemberView[];
  primaryRegion: string | null;
  primaryClusterArn: string | null;
  primaryClusterId: string | null;
  secondaryRegions: string[];
  failoverState: { status: string; from: string; to: string; dataLossAllowed: boolean } | null;
}

export interface BlueGreenView {
  id: string;
  name: string;
  status: string;
  statusDetails: string;
  source: string;
  target: string;
  sourceClusterId: string;
  targetClusterId: string;
  tasks: Array<{ name: string; status: string }>;
  switchover: Array<{ source: string; target: string; status: string }>;
  createdAt: string | null;
  deletedAt: string | null;
}

export interface MetricView {
  name: string;
  stat: string;
  /** The series asked for, and over how long: what a "no datapoints" failure names. */
  dimensions: Record<string, string>;
  windowSeconds: number;
  values: number[];
  timestamps: string[];
  count: number;
  /** Aggregates over the window; null when there are no datapoints. */
  max: number | null;
  min: number | null;
  avg: number | null;
  latest: number | null;
}

export interface AlarmsView {
  alarms: Array<{ name: string; state: string; reason: string }>;
  inAlarm: number;
  insufficientData: number;
  names: string[];
}

export interface EventsView {
  events: Array<{ date: string; message: string; categories: string[]; sourceId: string }>;
  messages: string[];
  count: number;
}

/** Aurora's failover choice: lowest promotion tier, then the largest instance class. */
export function chooseFailoverTarget(members: InstanceView[]): string | null {
  const candidates = members.filter((m) => !m.isWriter && m.status === 'available');
  candidates.sort((a, b) => a.tier - b.tier || classSize(b.class) - classSize(a.class) || a.id.localeCompare(b.id));
  return candidates[0]?.id ?? null;
}

const SIZE_ORDER = ['micro', 'small', 'medium', 'large', 'xlarge'];

/** Relative size of an instance class (`db.r6g.2xlarge` > `db.r6g.xlarge` > `db.r6g.large`). */
export function classSize(instanceClass: string): number {
  const size = instanceClass.split('.').pop() ?? '';
  const multiple = /^(\d+)xlarge$/.exec(size);
  if (multiple) return SIZE_ORDER.length + Number(multiple[1]);
  if (size === 'serverless') return 0;
  const index = SIZE_ORDER.indexOf(size);
  return index >= 0 ? index : 0;
}

/** `arn:aws:rds:eu-west-1:123456789012:cluster:prod-app-eu` → region and resource id. */
export function parseRdsArn(arn: string): { region: string; account: string; resourceType: string; id: string } | null {
  const parts = arn.split(':');
  if (parts.length < 7 || parts[0] !== 'arn' || parts[2] !== 'rds') return null;
  return { region: parts[3], account: parts[4], resourceType: parts[5], id: parts.slice(6).join(':') };
}
