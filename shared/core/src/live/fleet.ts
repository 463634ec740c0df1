/**
 * Every cluster of the account in some regions, for the fleet page. Per region: the paginated
 * DescribeDBClusters and one paginated DescribeBlueGreenDeployments, nothing per cluster (instance
 * counts come from DBClusterMembers), so 1,000 clusters cost about twenty calls.
 */
import type { DBCluster } from '@aws-sdk/client-rds';
import type { AwsReads } from '../aws/gateway';
import { lifecycleStageOf, productionNameOfOld } from '../model/blue-green-lifecycle';
import { blueGreenStage } from './blue-green-stage';
import { tagsOf, toBlueGreenView } from './fetch-views';
import { listBlueGreenDeployments, listClusters } from './rds-reads';
import type { Fleet, FleetCluster } from './topology-model';
import { parseRdsArn, type BlueGreenView } from './views';

export interface FetchFleetOptions {
  /** Regions to list; default: the gateway's region. */
  regions?: string[];
  now?: number;
}

/** DescribeDBClusters also lists Neptune and DocumentDB clusters; they are not ours to run. */
const FOREIGN_ENGINES = new Set(['neptune', 'docdb']);

/**
 * The fleet in the given regions. A region that cannot be read becomes a `warnings` line (the other
 * regions are still listed); when no region can be read, the first error is thrown.
 */
export async function fetchFleet(aws: AwsReads, opts: FetchFleetOptions = {}): Promise<Fleet> {
  const regions = [...new Set(opts.regions?.length ? opts.regions : [aws.region])];
  // Deployments first, from every region: a Global Database primary's deployment (listed in the
  // primary's region) has greens in the secondary regions too.
  const listed = await Promise.allSettled(regions.map((region) => listBlueGreenDeployments(aws, region)));
  const deployments = listed.flatMap((s) => (s.status === 'fulfilled' ? s.value.map(toBlueGreenView) : []));
  const settled = await Promise.allSettled(
    regions.map((region, i) =>
      listed[i].status === 'rejected' ? Promise.reject(listed[i].reason) : fetchRegion(aws, region, deployments),
    ),
  );
  const failures = settled.flatMap((s, i) => (s.status === 'rejected' ? [{ region: regions[i], error: s.reason as unknown }] : []));
  if (failures.length === regions.length) throw failures[0].error;
  return {
    clusters: settled.flatMap((s) => (s.status === 'fulfilled' ? s.value : [])),
    fetchedAt: new Date(opts.now ?? Date.now()).toISOString(),
    warnings: failures.map(
      (f) => `Clusters in ${f.region} could not be listed: ${f.error instanceof Error ? f.error.message : String(f.error)}`,
    ),
  };
}

async function fetchRegion(aws: AwsReads, region: string, deployments: BlueGreenView[]): Promise<FleetCluster[]> {
  const clusters = await listClusters(aws, region);
  const bySource = new Map<string, BlueGreenView[]>();
  const byTarget = new Map<string, BlueGreenView>();
  for (const d of deployments) {
    if (d.deletedAt) continue;
    bySource.set(d.source, [...(bySource.get(d.source) ?? []), d]);
    byTarget.set(d.target, d);
    // A green cluster in another region than the deployment's (a Global Database secondary's copy).
    for (const pair of d.switchover) {
      if (parseRdsArn(pair.target)?.resourceType === 'cluster' && pair.target !== d.target) byTarget.set(pair.target, d);
    }
  }
  const rows = clusters.filter((c) => !FOREIGN_ENGINES.has(c.Engine ?? '')).map((c) => toFleetCluster(c, region, bySource, byTarget));
  return withLeftoverOldEnvironments(rows);
}

/**
 * An `-oldN` cluster whose deployment is already deleted is still the old environment of the
 * cluster that has its production name, when that cluster exists in the same region.
 */
export function withLeftoverOldEnvironments(rows: FleetCluster[]): FleetCluster[] {
  const names = new Set(rows.map((r) => `${r.region}/${r.clusterId}`));
  return rows.map((r) => {
    if (r.greenOf || r.oldEnvironmentOf) return r;
    const production = productionNameOfOld(r.clusterId);
    return production && names.has(`${r.region}/${production}`) ? { ...r, oldEnvironmentOf: production } : r;
  });
}

export function toFleetCluster(
  c: DBCluster,
  region: string,
  blueGreenBySourceArn: Map<string, BlueGreenView[]>,
  blueGreenByTargetArn: Map<string, BlueGreenView> = new Map(),
): FleetCluster {
  const arn = c.DBClusterArn ?? '';
  const members = c.DBClusterMembers ?? [];
  // Before the switchover the target is the green of its source (in a secondary region, of the
  // secondary it mirrors); after it, the target has the production name and the source is the old
  // environment (RDS renames at the switchover).
  const asTarget = blueGreenByTargetArn.get(arn);
  const switched = asTarget ? isSwitched(asTarget.status) : false;
  const pair = asTarget?.switchover.find((p) => p.target === arn);
  const greenOf =
    asTarget && !switched ? (pair ? (parseRdsArn(pair.source)?.id ?? asTarget.sourceClusterId) : asTarget.sourceClusterId) : undefined;
  const asSource = blueGreenBySourceArn.get(arn) ?? [];
  const oldEnvironmentOf = asSource.find((d) => isSwitched(d.status))?.targetClusterId;
  const deployments = [...asSource, ...(asTarget && switched ? [asTarget] : [])];
  return {
    clusterId: c.DBClusterIdentifier ?? '',
    arn,
    region: parseRdsArn(arn)?.region ?? region,
    status: c.Status ?? '',
    engine: c.Engine ?? '',
    engineVersion: c.EngineVersion ?? '',
    instances: members.length,
    writer: members.find((m) => m.IsClusterWriter === true)?.DBInstanceIdentifier || null,
    globalClusterId: c.GlobalClusterIdentifier || null,
    blueGreen: deployments.map((d) => ({
      id: d.id,
      name: d.name,
      status: d.status,
      stage: blueGreenStage(d.status),
      target: d.targetClusterId,
    })),
    tags: tagsOf(c),
    ...(greenOf ? { greenOf } : {}),
    ...(oldEnvironmentOf ? { oldEnvironmentOf } : {}),
  };
}

const isSwitched = (status: string) => ['watch-window', 'after'].includes(lifecycleStageOf(status));

/**
 * The clusters that are databases of their own: a green is shown with its blue, an old
 * environment as the rollback window of the production cluster that now has its name. Every
 * front end names a database after its production cluster (what applications connect to).
 */
export function productionClusters(clusters: FleetCluster[]): FleetCluster[] {
  return clusters.filter((c) => !c.greenOf && !c.oldEnvironmentOf);
}

/**
 * What runs name when they are about a cluster, as ARNs in its account and region: the cluster,
 * and each Blue/Green deployment it is part of, by identifier and by name (a Blue/Green runbook
 * names and locks the deployment, not the cluster). A run that names or locks any of them is
 * about the cluster: it counts among its active runs and in its history.
 */
export function clusterRunResources(cluster: Pick<FleetCluster, 'arn' | 'clusterId' | 'blueGreen'>): string[] {
  const arn = parseRdsArn(cluster.arn);
  if (!arn) return [cluster.arn];
  const prefix = `arn:aws:rds:${arn.region}:${arn.account}`;
  const deployments = cluster.blueGreen.flatMap((d) => [d.id, d.name]).filter(Boolean);
  return [...new Set([cluster.arn, ...deployments.map((d) => `${prefix}:deployment:${d}`)])];
}
