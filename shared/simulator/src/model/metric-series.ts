import type { ModelContext } from './context';
import { isRegionDown } from './faults';
import { hashString } from './ids';
import { injectedLagMs } from './lag';
import { globalClusterOf, instancesOf } from './lookup';
import type { DbCluster, DbInstance } from './types';
import { CLUSTER_VOLUME_GB, GIB, ioWobble, meanIoPerInterval } from './volume';

export interface Dimension {
  Name: string;
  Value: string;
}

export interface MetricId {
  region: string;
  namespace: string;
  metricName: string;
  dimensions: Dimension[];
}

export const METRIC_UNITS: Record<string, string> = {
  AuroraReplicaLag: 'Milliseconds',
  AuroraReplicaLagMaximum: 'Milliseconds',
  AuroraReplicaLagMinimum: 'Milliseconds',
  AuroraGlobalDBReplicationLag: 'Milliseconds',
  AuroraGlobalDBRPOLag: 'Milliseconds',
  OldestReplicationSlotLag: 'Bytes',
  DatabaseConnections: 'Count',
  CPUUtilization: 'Percent',
  VolumeBytesUsed: 'Bytes',
  VolumeReadIOPs: 'Count',
  VolumeWriteIOPs: 'Count',
};

/** Metrics published as a count per 5-minute interval: statistics see one value per interval. */
export const INTERVAL_COUNT_METRICS = new Set(['VolumeReadIOPs', 'VolumeWriteIOPs']);

/** Smooth deterministic noise in [0, 1) for a series at a time: two slow waves plus per-second jitter. */
function noise(key: string, at: number): number {
  const h = hashString(key);
  const t = at / 1000;
  const wave = 0.5 + 0.25 * Math.sin(t / 97 + (h % 628) / 100) + 0.15 * Math.sin(t / 13 + (h % 314) / 50);
  const jitter = (hashString(`${key}:${Math.floor(t)}`) % 1000) / 10000;
  return Math.min(0.999, Math.max(0, wave + jitter - 0.05));
}

const between = (low: number, high: number, n: number) => low + (high - low) * n;

function instanceMetric(ctx: ModelContext, name: string, instance: DbInstance, at: number): number | undefined {
  const cluster = ctx.state.clusters.find((c) => c.region === instance.region && c.id === instance.clusterId);
  if (!cluster) return undefined;
  const up = instance.status === 'available' || instance.status === 'modifying';
  const isWriter = cluster.writerId === instance.id;
  const key = `${instance.region}:${instance.id}:${name}`;
  switch (name) {
    case 'AuroraReplicaLag': {
      if (isWriter || !up) return undefined;
      const spike = injectedLagMs(ctx, { region: instance.region, clusterId: cluster.id, instanceId: instance.id }, at);
      return Math.max(spike, between(8, 25, noise(key, at)));
    }
    case 'DatabaseConnections': {
      if (!up || switchingOver(ctx, cluster)) return 0;
      const extra = isWriter ? clientConnectionsFault(ctx, cluster, at) : 0;
      if (!ctx.state.clientNames.includes(`${cluster.region}:${cluster.id}`)) return extra;
      return extra + Math.round(isWriter ? between(150, 260, noise(key, at)) : between(30, 90, noise(key, at)));
    }
    case 'CPUUtilization':
      if (!up) return undefined;
      return isWriter ? between(18, 38, noise(key, at)) : between(6, 22, noise(key, at));
    case 'OldestReplicationSlotLag': {
      if (!isWriter || !up) return undefined;
      const lag = injectedLagMs(ctx, { region: instance.region, clusterId: cluster.id, instanceId: instance.id }, at);
      return Math.round(between(20_000, 400_000, noise(key, at)) + lag * 40_000);
    }
    default:
      return undefined;
  }
}

/** Connections an injected `client-connections` fault holds open on a cluster's writer. */
function clientConnectionsFault(ctx: ModelContext, cluster: DbCluster, at: number): number {
  let connections = 0;
  for (const fault of ctx.state.faults.clientConnections) {
    if (at < fault.from || at >= fault.until || fault.clusterId !== cluster.id) continue;
    if (fault.region && fault.region !== cluster.region) continue;
    connections += fault.connections;
  }
  return connections;
}

function switchingOver(ctx: ModelContext, cluster: DbCluster): boolean {
  return ctx.state.blueGreenDeployments.some(
    (d) =>
      d.region === cluster.region &&
      d.status === 'SWITCHOVER_IN_PROGRESS' &&
      (d.sourceClusterId === cluster.id || d.targetClusterId === cluster.id),
  );
}

function aggregate(values: (number | undefined)[], how: 'max' | 'min' | 'sum' | 'avg'): number | undefined {
  const present = values.filter((v): v is number => v !== undefined);
  if (present.length === 0) return undefined;
  if (how === 'max') return Math.max(...present);
  if (how === 'min') return Math.min(...present);
  const sum = present.reduce((a, b) => a + b, 0);
  return how === 'sum' ? sum : sum / present.length;
}

/** The cluster volume's billed size and the I/O requests of the 5-minute interval starting at `at`. */
function volumeMetric(ctx: ModelContext, name: string, cluster: DbCluster, at: number): number | undefined {
  if (at < cluster.createdAt) return undefined;
  if (name === 'VolumeBytesUsed') return CLUSTER_VOLUME_GB * GIB;
  const rate = meanIoPerInterval(ctx.state, cluster);
  const mean = name === 'VolumeReadIOPs' ? rate.reads : rate.writes;
  return Math.round(mean * ioWobble(`${cluster.region}:${cluster.id}:${name}`, at));
}

/**
 * Per-instance metrics that CloudWatch also publishes by `DBClusterIdentifier` and by
 * `DBClusterIdentifier`+`Role` (WRITER/READER): there every member instance's datapoints are
 * aggregated, so a statistic runs over all of them ("Amazon CloudWatch dimensions for Aurora",
 * Aurora User Guide: "DBClusterIdentifier, Role — … aggregating the metric by instance role").
 */
export const INSTANCE_METRICS = ['AuroraReplicaLag', 'DatabaseConnections', 'CPUUtilization', 'OldestReplicationSlotLag'];

/** Metrics only a cluster publishes (no per-instance series). */
const CLUSTER_METRICS = ['AuroraReplicaLagMaximum', 'AuroraReplicaLagMinimum', 'VolumeBytesUsed', 'VolumeReadIOPs', 'VolumeWriteIOPs'];

function clusterMetric(ctx: ModelContext, name: string, cluster: DbCluster, role: string | undefined, at: number): number[] {
  if (name === 'VolumeBytesUsed' || INTERVAL_COUNT_METRICS.has(name))
    return present(role ? undefined : volumeMetric(ctx, name, cluster, at));
  const members = instancesOf(ctx.state, cluster).filter((i) => !role || (role === 'WRITER') === (i.id === cluster.writerId));
  if (INSTANCE_METRICS.includes(name)) return members.flatMap((i) => present(instanceMetric(ctx, name, i, at)));
  switch (name) {
    case 'AuroraReplicaLagMaximum':
      return present(
        aggregate(
          members.map((i) => instanceMetric(ctx, 'AuroraReplicaLag', i, at)),
          'max',
        ),
      );
    case 'AuroraReplicaLagMinimum':
      return present(
        aggregate(
          members.map((i) => instanceMetric(ctx, 'AuroraReplicaLag', i, at)),
          'min',
        ),
      );
    case 'AuroraGlobalDBReplicationLag':
    case 'AuroraGlobalDBRPOLag':
      return present(role ? undefined : globalLag(ctx, cluster, name, at));
    default:
      return [];
  }
}

const present = (v: number | undefined): number[] => (v === undefined ? [] : [v]);

/** Lag of a global secondary behind its primary; it grows without bound while the primary's region is down. */
function globalLag(ctx: ModelContext, cluster: DbCluster, name: string, at: number): number | undefined {
  const global = globalClusterOf(ctx.state, cluster);
  const member = global?.members.find((m) => m.region === cluster.region && m.clusterId === cluster.id);
  if (!global || !member || member.isWriter) return undefined;
  const primary = global.members.find((m) => m.isWriter);
  const outage =
    primary && isRegionDown(ctx.state.faults, primary.region)
      ? ctx.state.faults.regionOutages.find((o) => o.region === primary.region)
      : undefined;
  const base = between(
    name === 'AuroraGlobalDBRPOLag' ? 300 : 60,
    name === 'AuroraGlobalDBRPOLag' ? 900 : 160,
    noise(`${cluster.region}:${cluster.id}:${name}`, at),
  );
  const spike = injectedLagMs(ctx, { region: cluster.region, clusterId: cluster.id }, at);
  const stalled = outage ? (at - outage.since) * ctx.timeScale : 0;
  return Math.max(base, spike, stalled);
}

/**
 * The datapoints an AWS/RDS series has at a time: one for an instance or a cluster-level metric,
 * one per member instance for an instance metric asked by cluster (and role); none when no such series exists.
 */
export function metricValues(ctx: ModelContext, metric: MetricId, at: number): number[] {
  if (metric.namespace !== 'AWS/RDS') return [];
  if (isRegionDown(ctx.state.faults, metric.region)) return [];
  const dims = new Map(metric.dimensions.map((d) => [d.Name, d.Value]));
  const instanceId = dims.get('DBInstanceIdentifier');
  const clusterId = dims.get('DBClusterIdentifier');
  if (instanceId && dims.size === 1) {
    const instance = ctx.state.instances.find((i) => i.region === metric.region && i.id === instanceId);
    return instance ? present(instanceMetric(ctx, metric.metricName, instance, at)) : [];
  }
  const role = dims.get('Role');
  if (clusterId && (dims.size === 1 || (dims.size === 2 && (role === 'WRITER' || role === 'READER')))) {
    const cluster = ctx.state.clusters.find((c) => c.region === metric.region && c.id === clusterId);
    return cluster ? clusterMetric(ctx, metric.metricName, cluster, role, at) : [];
  }
  return [];
}

/** A series' single value at a time (the first datapoint; for alarms and interval counts). */
export function metricValue(ctx: ModelContext, metric: MetricId, at: number): number | undefined {
  return metricValues(ctx, metric, at)[0];
}

/** Every series the simulator publishes in a region (for ListMetrics). */
export function listMetricIds(ctx: ModelContext, region: string): MetricId[] {
  const out: MetricId[] = [];
  const add = (metricName: string, dimensions: Dimension[]) => out.push({ region, namespace: 'AWS/RDS', metricName, dimensions });
  for (const instance of ctx.state.instances.filter((i) => i.region === region)) {
    for (const name of INSTANCE_METRICS) add(name, [{ Name: 'DBInstanceIdentifier', Value: instance.id }]);
  }
  for (const cluster of ctx.state.clusters.filter((c) => c.region === region)) {
    const byCluster = { Name: 'DBClusterIdentifier', Value: cluster.id };
    for (const name of [...CLUSTER_METRICS, ...INSTANCE_METRICS]) add(name, [byCluster]);
    for (const role of ['WRITER', 'READER']) {
      for (const name of INSTANCE_METRICS) add(name, [byCluster, { Name: 'Role', Value: role }]);
    }
    if (globalClusterOf(ctx.state, cluster)) add('AuroraGlobalDBReplicationLag', [byCluster]);
  }
  return out;
}
