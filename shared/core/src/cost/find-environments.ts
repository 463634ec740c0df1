/**
 * Finds the parallel environments of one region through the `AwsReads` port (RDS reads only):
 * a blue/green deployment's green before the switchover, the old blue (`<name>-oldN`) after it or
 * once its deployment is gone, and any cluster tagged `switchyard:parallel-of` (a clone or a
 * rebuilt copy of a production cluster).
 *
 * A shared `CloneGroupId` alone does not make a parallel environment: a blue/green green is itself a
 * clone of blue, and after a switchover production and the old blue share a clone group too, so
 * the group cannot tell which member is the spare. Clones are recognised by the tag.
 */
import type { BlueGreenDeployment, DBCluster, DBInstance, SourceType } from '@aws-sdk/client-rds';
import type { AwsReads } from '../aws/gateway';
import { tagsOf } from '../live/fetch-views';
import { listBlueGreenDeployments, listClusters, listEvents, listInstances } from '../live/rds-reads';
import { parseRdsArn } from '../live/views';
import type { InstanceLifetime } from './compute-cost';
import type { FindingOptions, ParallelEnvironment } from './model';
import type { StorageConfig } from './price-snapshot';

/** Epoch ms of a date the SDK returned or of a tag's ISO text; undefined when there is none or it is no date. */
const epoch = (value: Date | string | undefined): number | undefined => {
  const t = value instanceof Date ? value.getTime() : value !== undefined ? Date.parse(value) : NaN;
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

/** `aurora-iopt1` is Aurora I/O-Optimized; anything else (`aurora`, absent) Aurora Standard. */
export function storageConfigOf(cluster: DBCluster): StorageConfig {
  return cluster.StorageType === 'aurora-iopt1' ? 'io-optimized' : 'standard';
}

function lifetimes(instances: DBInstance[], cluster: DBCluster, now: number, region: string): InstanceLifetime[] {
  const clusterId = cluster.DBClusterIdentifier;
  const clusterCreated = epoch(cluster.ClusterCreateTime);
  const minAcu = cluster.ServerlessV2ScalingConfiguration?.MinCapacity;
  return instances
    .filter((i) => i.DBInstanceIdentifier && i.DBClusterIdentifier === clusterId)
    .map((i) => {
      const instanceClass = i.DBInstanceClass ?? '';
      return {
        id: i.DBInstanceIdentifier ?? '',
        region,
        engine: i.Engine || cluster.Engine || undefined,
        storage: storageConfigOf(cluster),
        // The describe calls show the current class only: a class change is not visible here.
        // Serverless v2 starts at the cluster's minimum capacity; volume-metrics.ts measures the real average.
        segments: [
          {
            instanceClass,
            from: epoch(i.InstanceCreateTime) ?? clusterCreated ?? now,
            ...(instanceClass === 'db.serverless' && minAcu !== undefined ? { acu: minAcu } : {}),
          },
        ],
      };
    });
}

/**
 * When the switchover completed, from RDS events (14-day retention): the deployment's own events,
 * then the old blue's, then the production cluster's. Undefined when none is left.
 */
async function switchoverTime(aws: AwsReads, oldBlueId: string, region: string, deploymentId?: string): Promise<number | undefined> {
  const sources: Array<[string, SourceType]> = [
    ...(deploymentId ? [[deploymentId, 'blue-green-deployment'] as [string, SourceType]] : []),
    [oldBlueId, 'db-cluster'],
    [oldBlueId.replace(/-old\d+$/, ''), 'db-cluster'],
  ];
  for (const [id, type] of sources) {
    try {
      const events = await listEvents(aws, region, { SourceIdentifier: id, SourceType: type, Duration: 14 * 24 * 60 });
      const dates = events
        .filter((e) => /switchover/i.test(e.Message ?? '') && /completed/i.test(e.Message ?? ''))
        .map((e) => epoch(e.Date))
        .filter((t): t is number => t !== undefined);
      if (dates.length) return Math.max(...dates);
    } catch {
      // no events for this source: try the next one
    }
  }
  return undefined;
}

/**
 * The blue and green clusters a deployment has in one region, from its SwitchoverDetails: one pair
 * in the deployment's own region, and for a Global Database one more in each secondary region
 * (whose green is a parallel environment too, though the deployment is listed in the primary's).
 */
function clusterPairsIn(d: BlueGreenDeployment, region: string): Array<{ source: string; target: string }> {
  const pairs = (d.SwitchoverDetails ?? [])
    .map((m) => ({ source: parseRdsArn(m.SourceMember ?? ''), target: parseRdsArn(m.TargetMember ?? '') }))
    .filter((p) => p.source?.resourceType === 'cluster' && p.target?.resourceType === 'cluster')
    .filter((p) => p.source!.region === region)
    .map((p) => ({ source: p.source!.id, target: p.target!.id }));
  if (pairs.length > 0 || (d.SwitchoverDetails ?? []).length > 0) return pairs;
  const source = parseRdsArn(d.Source ?? '');
  return source?.region === region ? [{ source: source.id, target: parseRdsArn(d.Target ?? '')?.id ?? '' }] : [];
}

/**
 * Finds the parallel environments of one region. `deployments`: the blue/green deployments of every
 * region being looked at (a Global Database's deployment has greens in other regions than its own);
 * by default, this region's.
 */
export async function fetchParallelEnvironments(
  aws: AwsReads,
  now: number,
  options: DiscoveryOptions = DEFAULT_DISCOVERY_OPTIONS,
  region: string = aws.region,
  deployments?: BlueGreenDeployment[],
): Promise<ParallelEnvironment[]> {
  const [clusters, instances, listed] = await Promise.all([
    listClusters(aws, region),
    listInstances(aws, region),
    deployments ?? listBlueGreenDeployments(aws, region),
  ]);
  const byId = new Map(clusters.map((c) => [c.DBClusterIdentifier ?? '', c]));
  const envs: ParallelEnvironment[] = [];
  const seen = new Set<string>();
  const make = async (
    kind: ParallelEnvironment['kind'],
    cluster: DBCluster,
    migration: string,
    counterpart?: DBCluster,
    deploymentId?: string,
  ) => {
    const id = cluster.DBClusterIdentifier ?? '';
    const created = epoch(cluster.ClusterCreateTime);
    const tags = tagsOf(cluster);
    const since = kind === 'old-blue' ? ((await switchoverTime(aws, id, region, deploymentId)) ?? now) : (created ?? now);
    const tagged = epoch(tags[DECOMMISSION_TAG]);
    const policy = since + (kind === 'old-blue' ? options.oldEnvironmentGraceDays : options.greenPlannedDays) * DAY_MS;
    seen.add(id);
    envs.push({
      kind,
      clusterId: id,
      region,
      account: parseRdsArn(cluster.DBClusterArn ?? '')?.account ?? '',
      team: tags.team ?? '',
      migration,
      since,
      plannedEnd: tagged !== undefined ? { at: tagged, from: 'tag' } : { at: policy, from: 'policy' },
      instances: lifetimes(instances, cluster, now, region),
      counterpart: counterpart ? lifetimes(instances, counterpart, now, region) : undefined,
      storageConfig: storageConfigOf(cluster),
    });
  };
  for (const d of listed) {
    const name = d.BlueGreenDeploymentName || d.BlueGreenDeploymentIdentifier || '';
    for (const pair of clusterPairsIn(d, region)) {
      const source = byId.get(pair.source);
      const target = byId.get(pair.target);
      if (d.Status === 'SWITCHOVER_COMPLETED') {
        if (source && !seen.has(pair.source)) await make('old-blue', source, name, undefined, d.BlueGreenDeploymentIdentifier);
      } else if (target && !seen.has(pair.target)) {
        await make('green', target, name, source);
      }
    }
  }
  for (const cluster of clusters) {
    const id = cluster.DBClusterIdentifier ?? '';
    if (seen.has(id)) continue;
    const tags = tagsOf(cluster);
    // An old blue whose deployment is already deleted is still a parallel environment until it goes.
    if (/-old\d+$/.test(id)) await make('old-blue', cluster, tags[DEPLOYMENT_TAG] ?? id.replace(/-old\d+$/, ''));
    else if (tags[PARALLEL_OF_TAG]) await make('clone', cluster, tags[DEPLOYMENT_TAG] ?? `parallel to ${tags[PARALLEL_OF_TAG]}`);
  }
  return envs;
}
