/**
 * Finds the parallel environments of one region through the `AwsGateway` port (RDS reads only):
 * a blue/green deployment's green before the switchover, the old blue (`<name>-oldN`) after it or
 * once its deployment is gone, and any cluster tagged `switchyard:parallel-of` (a clone or a
 * rebuilt copy of a production cluster).
 *
 * A shared `CloneGroupId` alone does not make a parallel environment: a blue/green green is itself a
 * clone of blue, and after a switchover production and the old blue share a clone group too, so
 * the group cannot tell which member is the spare. Clones are recognised by the tag.
 */
import type { AwsGateway } from '../aws/gateway';
import { parseRdsArn } from '../live/views';
import type { InstanceLifetime } from './compute-cost';
import type { FindingOptions, ParallelEnvironment } from './model';
import type { StorageConfig } from './price-snapshot';

export type Json = Record<string, unknown>;
export const str = (v: unknown): string => (typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : '');
export const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
export const time = (v: unknown): number | undefined => {
  const t = v instanceof Date ? v.getTime() : typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isNaN(t) ? undefined : t;
};
const DAY_MS = 86_400_000;

/** The cost-allocation tag Switchyard's blue/green runbook puts on what it creates. */
export const DEPLOYMENT_TAG = 'switchyard:deployment';
/** Optional cluster tag with the planned decommission date (ISO 8601 date or timestamp). */
export const DECOMMISSION_TAG = 'switchyard:decommission-by';
/** Cluster tag naming the production cluster a clone or rebuilt copy runs beside. */
export const PARALLEL_OF_TAG = 'switchyard:parallel-of';

export interface DiscoveryOptions extends FindingOptions {
  /** Planned end of a green or a clone without a decommission tag: its creation + this many days. */
  greenPlannedDays: number;
}

export const DEFAULT_DISCOVERY_OPTIONS: DiscoveryOptions = { oldEnvironmentGraceDays: 3, greenPlannedDays: 7 };

async function describeAll(aws: AwsGateway, operation: string, key: string, region?: string): Promise<Json[]> {
  const items: Json[] = [];
  let marker: string | undefined;
  do {
    const page = await aws.call('rds', operation, marker ? { Marker: marker } : {}, { region });
    items.push(...list(page[key]));
    marker = str(page.Marker || page.NextToken) || undefined;
  } while (marker);
  return items;
}

function tagsOf(resource: Json): Record<string, string> {
  return Object.fromEntries(list(resource.TagList).map((t) => [str(t.Key), str(t.Value)]));
}

/** `aurora-iopt1` is Aurora I/O-Optimized; anything else (`aurora`, absent) Aurora Standard. */
export function storageConfigOf(cluster: Json): StorageConfig {
  return str(cluster.StorageType) === 'aurora-iopt1' ? 'io-optimized' : 'standard';
}

function lifetimes(instances: Json[], cluster: Json, now: number, region: string): InstanceLifetime[] {
  const clusterId = str(cluster.DBClusterIdentifier);
  const clusterCreated = time(cluster.ClusterCreateTime);
  const minAcu = Number((cluster.ServerlessV2ScalingConfiguration as Json | undefined)?.MinCapacity);
  return instances
    .filter((i) => str(i.DBInstanceIdentifier) && str(i.DBClusterIdentifier) === clusterId)
    .map((i) => {
      const instanceClass = str(i.DBInstanceClass);
      return {
        id: str(i.DBInstanceIdentifier),
        region,
        engine: str(i.Engine) || str(cluster.Engine) || undefined,
        storage: storageConfigOf(cluster),
        // The describe calls show the current class only: a class change is not visible here.
        // Serverless v2 starts at the cluster's minimum capacity; volume-metrics.ts measures the real average.
        segments: [
          {
            instanceClass,
            from: time(i.InstanceCreateTime) ?? clusterCreated ?? now,
            ...(instanceClass === 'db.serverless' && Number.isFinite(minAcu) ? { acu: minAcu } : {}),
          },
        ],
      };
    });
}

/**
 * When the switchover completed, from RDS events (14-day retention): the deployment's own events,
 * then the old blue's, then the production cluster's. Undefined when none is left.
 */
async function switchoverTime(aws: AwsGateway, oldBlueId: string, region: string, deploymentId?: string): Promise<number | undefined> {
  const sources: Array<[string, string]> = [
    ...(deploymentId ? [[deploymentId, 'blue-green-deployment'] as [string, string]] : []),
    [oldBlueId, 'db-cluster'],
    [oldBlueId.replace(/-old\d+$/, ''), 'db-cluster'],
  ];
  for (const [id, type] of sources) {
    try {
      const out = await aws.call('rds', 'DescribeEvents', { SourceIdentifier: id, SourceType: type, Duration: 14 * 24 * 60 }, { region });
      const dates = list(out.Events)
        .filter((e) => /switchover/i.test(str(e.Message)) && /completed/i.test(str(e.Message)))
        .map((e) => time(e.Date))
        .filter((t): t is number => t !== undefined);
      if (dates.length) return Math.max(...dates);
    } catch {
      // no events for this source: try the next one
    }
  }
  return undefined;
}

/** Finds the parallel environments of one region. */
export async function fetchParallelEnvironments(
  aws: AwsGateway,
  now: number,
  options: DiscoveryOptions = DEFAULT_DISCOVERY_OPTIONS,
  region: string = aws.region,
): Promise<ParallelEnvironment[]> {
  const [clusters, instances, deployments] = await Promise.all([
    describeAll(aws, 'DescribeDBClusters', 'DBClusters', region),
    describeAll(aws, 'DescribeDBInstances', 'DBInstances', region),
    describeAll(aws, 'DescribeBlueGreenDeployments', 'BlueGreenDeployments', region),
  ]);
  const byId = new Map(clusters.map((c) => [str(c.DBClusterIdentifier), c]));
  const envs: ParallelEnvironment[] = [];
  const seen = new Set<string>();
  const make = async (kind: ParallelEnvironment['kind'], cluster: Json, migration: string, counterpart?: Json, deploymentId?: string) => {
    const id = str(cluster.DBClusterIdentifier);
    const created = time(cluster.ClusterCreateTime);
    const tags = tagsOf(cluster);
    const since = kind === 'old-blue' ? ((await switchoverTime(aws, id, region, deploymentId)) ?? now) : (created ?? now);
    const tagged = time(tags[DECOMMISSION_TAG]);
    const policy = since + (kind === 'old-blue' ? options.oldEnvironmentGraceDays : options.greenPlannedDays) * DAY_MS;
    seen.add(id);
    envs.push({
      kind,
      clusterId: id,
      region,
      account: parseRdsArn(str(cluster.DBClusterArn))?.account ?? '',
      team: tags.team ?? '',
      migration,
      since,
      plannedEnd: tagged !== undefined ? { at: tagged, from: 'tag' } : { at: policy, from: 'policy' },
      instances: lifetimes(instances, cluster, now, region),
      counterpart: counterpart ? lifetimes(instances, counterpart, now, region) : undefined,
      storageConfig: storageConfigOf(cluster),
    });
  };
  for (const d of deployments) {
    const source = byId.get(parseRdsArn(str(d.Source))?.id ?? '');
    const target = byId.get(parseRdsArn(str(d.Target))?.id ?? '');
    const name = str(d.BlueGreenDeploymentName) || str(d.BlueGreenDeploymentIdentifier);
    if (str(d.Status) === 'SWITCHOVER_COMPLETED') {
      if (source) await make('old-blue', source, name, undefined, str(d.BlueGreenDeploymentIdentifier));
    } else if (target) {
      await make('green', target, name, source);
    }
  }
  for (const cluster of clusters) {
    const id = str(cluster.DBClusterIdentifier);
    if (seen.has(id)) continue;
    const tags = tagsOf(cluster);
    // An old blue whose deployment is already deleted is still a parallel environment until it goes.
    if (/-old\d+$/.test(id)) await make('old-blue', cluster, tags[DEPLOYMENT_TAG] ?? id.replace(/-old\d+$/, ''));
    else if (tags[PARALLEL_OF_TAG]) await make('clone', cluster, tags[DEPLOYMENT_TAG] ?? `parallel to ${tags[PARALLEL_OF_TAG]}`);
  }
  return envs;
}
