/**
 * The topology of one cluster as the front ends draw it: writer and readers with replica lag, the
 * Global Database regions with replication lag, Blue/Green pairs and lint findings.
 */
import type { AwsReads } from '../aws/gateway';
import { environmentLabels, lifecycleStageOf } from '../model/blue-green-lifecycle';
import { DECOMMISSION_TAG } from '../cost/find-environments';
import { blueGreenStage } from './blue-green-stage';
import { fetchClusterView, fetchGlobalClusterView, toBlueGreenView } from './fetch-views';
import type { BlueGreenView } from './views';
import { fetchLatestMetrics, type LatestMetricRequest } from './latest-metrics';
import { lintTopology, type ParameterComparison } from './lint';
import { diffParameters, fetchUserParameters } from './parameter-drift';
import { describeCluster, listBlueGreenDeployments } from './rds-reads';
import { ResourceNotFoundError } from './resource-not-found';
import type { Topology, TopologyBlueGreen, TopologyRegion } from './topology-model';
import { parseRdsArn, type ClusterView } from './views';

export interface FetchTopologyOptions {
  /** Region of a cluster given by id (an ARN carries its own); default: the gateway's region. */
  region?: string;
  /** End of the CloudWatch window (epoch ms); default: now. */
  now?: number;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Reads one cluster's topology; parts that cannot be read become `warnings`, not a failure. */
export async function fetchTopology(aws: AwsReads, cluster: string, opts: FetchTopologyOptions = {}): Promise<Topology> {
  const { id, region } = resolveCluster(cluster, opts.region ?? aws.region);
  const view = await fetchClusterView(aws, id, region);
  const warnings: string[] = [];
  const [global, pairs] = await Promise.all([fetchGlobal(aws, view, warnings), fetchBlueGreenPairs(aws, view, warnings)]);
  const [lags, parameterComparisons] = await Promise.all([
    fetchLags(aws, view, global?.regions ?? [], opts.now, warnings),
    compareParameters(aws, view, [...(global?.counterparts ?? []), ...pairs.counterparts], warnings),
  ]);

  const readers = view.members.filter((m) => !m.isWriter);
  const azs = [...new Set(readers.map((r) => r.az))].sort().map((az) => ({
    az,
    instances: readers.filter((r) => r.az === az).map((r) => r.id),
  }));
  return {
    cluster: view,
    instances: view.members.map((m) => ({
      ...m,
      role: m.isWriter ? ('writer' as const) : ('reader' as const),
      replicaLagMs: m.isWriter ? null : (lags.get(`reader:${m.id}`) ?? null),
    })),
    azs,
    global: global
      ? {
          ...global.summary,
          regions: global.regions.map((r) =>
            r.isPrimary ? r : { ...r, replicationLagMs: lags.get(`global:${r.region}:${r.clusterId}`) ?? null },
          ),
        }
      : null,
    blueGreen: pairs.pairs,
    findings: lintTopology({ cluster: view, parameterComparisons }),
    fetchedAt: new Date(opts.now ?? Date.now()).toISOString(),
    warnings,
  };
}

function resolveCluster(cluster: string, defaultRegion: string): { id: string; region: string } {
  if (!cluster.startsWith('arn:')) return { id: cluster, region: defaultRegion };
  const arn = parseRdsArn(cluster);
  if (!arn || arn.resourceType !== 'cluster') {
    throw new Error(`${cluster} is not an RDS cluster ARN (expected arn:aws:rds:<region>:<account>:cluster:<id>)`);
  }
  return { id: arn.id, region: arn.region };
}

/** A counterpart cluster whose parameter group should match this cluster's. */
interface Counterpart {
  relation: ParameterComparison['relation'];
  clusterId: string;
  region: string;
  parameterGroup: string;
}

interface GlobalPart {
  summary: { id: string; status: string };
  regions: TopologyRegion[];
  counterparts: Counterpart[];
}

async function fetchGlobal(aws: AwsReads, view: ClusterView, warnings: string[]): Promise<GlobalPart | null> {
  if (!view.globalClusterId) return null;
  let global;
  try {
    global = await fetchGlobalClusterView(aws, view.globalClusterId, view.region);
  } catch (error) {
    warnings.push(`Global Database ${view.globalClusterId} could not be read: ${message(error)}`);
    return null;
  }
  const counterparts: Counterpart[] = [];
  const regions = await Promise.all(
    global.members.map(async (member): Promise<TopologyRegion> => {
      const base = { region: member.region, clusterId: member.clusterId, clusterArn: member.clusterArn, isPrimary: member.isWriter };
      if (member.region === view.region && member.clusterId === view.id) {
        return { ...base, replicationLagMs: null, status: view.status, readers: view.readers.length };
      }
      try {
        const cluster = await describeCluster(aws, member.clusterId, member.region);
        const group = cluster.DBClusterParameterGroup;
        if (group)
          counterparts.push({ relation: 'global-database', clusterId: member.clusterId, region: member.region, parameterGroup: group });
        return {
          ...base,
          replicationLagMs: null,
          status: cluster.Status ?? 'unknown',
          readers: (cluster.DBClusterMembers ?? []).filter((m) => m.IsClusterWriter !== true).length,
        };
      } catch (error) {
        warnings.push(`${member.clusterId} in ${member.region} could not be read: ${message(error)}`);
        return { ...base, replicationLagMs: null, status: 'unreachable', readers: 0 };
      }
    }),
  );
  // Primary first, then the secondaries by region.
  regions.sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary) || a.region.localeCompare(b.region));
  return { summary: { id: global.id, status: global.status }, regions, counterparts };
}

async function fetchBlueGreenPairs(
  aws: AwsReads,
  view: ClusterView,
  warnings: string[],
): Promise<{ pairs: TopologyBlueGreen[]; counterparts: Counterpart[] }> {
  let deployments: Array<{ deployment: BlueGreenView; pageIs: 'source' | 'target' }>;
  try {
    // The page's cluster is the source (blue) before a switchover; after it, the cluster with the
    // production name is the target, and the source is the old environment (its rollback window).
    const [asSource, asTarget] = await Promise.all(
      (['source', 'target'] as const).map((Name) =>
        listBlueGreenDeployments(aws, view.region, { Filters: [{ Name, Values: [view.arn] }] }),
      ),
    );
    deployments = [
      ...asSource.map((d) => ({ deployment: toBlueGreenView(d), pageIs: 'source' as const })),
      ...asTarget
        .map((d) => ({ deployment: toBlueGreenView(d), pageIs: 'target' as const }))
        .filter((d) => lifecycleStageOf(d.deployment.status) !== 'before' && lifecycleStageOf(d.deployment.status) !== 'switching'),
    ];
  } catch (error) {
    warnings.push(`Blue/Green deployments of ${view.id} could not be read: ${message(error)}`);
    return { pairs: [], counterparts: [] };
  }
  const side = (c: ClusterView) => ({
    clusterId: c.id,
    engineVersion: c.engineVersion,
    instances: c.members.length,
    classes: [...new Set(c.members.map((m) => m.class))].sort(),
    decommissionBy: c.tags[DECOMMISSION_TAG] ?? null,
  });
  const counterparts: Counterpart[] = [];
  const pairs = await Promise.all(
    deployments.map(async ({ deployment, pageIs }): Promise<TopologyBlueGreen> => {
      const otherId = pageIs === 'source' ? deployment.targetClusterId : deployment.sourceClusterId;
      // The green cluster is gone once the deployment is deleted with its target.
      const other = await fetchClusterView(aws, otherId, view.region).catch((error: unknown) => {
        if (!(error instanceof ResourceNotFoundError))
          warnings.push(`${pageIs === 'source' ? 'Green' : 'Old'} cluster ${otherId} could not be read: ${message(error)}`);
        return null;
      });
      // Parameter drift matters between blue and green; production and its old environment may well differ (another engine version).
      if (other && pageIs === 'source')
        counterparts.push({ relation: 'blue-green', clusterId: other.id, region: other.region, parameterGroup: other.parameterGroup });
      const lifecycle = lifecycleStageOf(deployment.status);
      const pair =
        pageIs === 'source'
          ? { blue: side(view), green: other ? side(other) : null }
          : { blue: other ? side(other) : null, green: side(view) };
      return { deployment, ...pair, stage: blueGreenStage(deployment.status), lifecycle, labels: environmentLabels(lifecycle), pageIs };
    }),
  );
  return { pairs, counterparts };
}

async function fetchLags(
  aws: AwsReads,
  view: ClusterView,
  regions: TopologyRegion[],
  now: number | undefined,
  warnings: string[],
): Promise<Map<string, number | null>> {
  const requests: LatestMetricRequest[] = [
    ...view.members
      .filter((m) => !m.isWriter)
      .map((m) => ({
        key: `reader:${m.id}`,
        region: view.region,
        metricName: 'AuroraReplicaLag',
        dimensions: { DBInstanceIdentifier: m.id },
      })),
    ...regions
      .filter((r) => !r.isPrimary && r.status !== 'unreachable')
      .map((r) => ({
        key: `global:${r.region}:${r.clusterId}`,
        region: r.region,
        metricName: 'AuroraGlobalDBReplicationLag',
        dimensions: { DBClusterIdentifier: r.clusterId },
      })),
  ];
  if (requests.length === 0) return new Map();
  try {
    return await fetchLatestMetrics(aws, requests, { now });
  } catch (error) {
    warnings.push(`Replication lag could not be read from CloudWatch: ${message(error)}`);
    return new Map();
  }
}

async function compareParameters(
  aws: AwsReads,
  view: ClusterView,
  counterparts: Counterpart[],
  warnings: string[],
): Promise<ParameterComparison[]> {
  if (counterparts.length === 0 || !view.parameterGroup) return [];
  const cache = new Map<string, Promise<Record<string, string>>>();
  const read = (group: string, region: string) => {
    const key = `${region}/${group}`;
    if (!cache.has(key)) cache.set(key, fetchUserParameters(aws, group, region));
    return cache.get(key)!;
  };
  const results = await Promise.all(
    counterparts.map(async (c): Promise<ParameterComparison | null> => {
      try {
        const [own, theirs] = await Promise.all([read(view.parameterGroup, view.region), read(c.parameterGroup, c.region)]);
        return { ...c, differing: diffParameters(own, theirs) };
      } catch (error) {
        warnings.push(`Parameter group ${c.parameterGroup} of ${c.clusterId} could not be compared: ${message(error)}`);
        return null;
      }
    }),
  );
  return results.filter((r): r is ParameterComparison => r !== null);
}
