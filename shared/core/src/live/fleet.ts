/**
 * Every cluster of the account in some regions, for the fleet page. Per region: the paginated
 * DescribeDBClusters and one paginated DescribeBlueGreenDeployments, nothing per cluster (instance
 * counts come from DBClusterMembers), so 1,000 clusters cost about twenty calls.
 */
import type { AwsGateway } from '../aws/gateway';
import { blueGreenStage } from './blue-green-stage';
import { toBlueGreenView } from './fetch-views';
import { describeAllPages } from './rds-pages';
import type { Fleet, FleetCluster } from './topology-model';
import { parseRdsArn, type BlueGreenView } from './views';

export interface FetchFleetOptions {
  /** Regions to list; default: the gateway's region. */
  regions?: string[];
  now?: number;
}

type Json = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);

/** DescribeDBClusters also lists Neptune and DocumentDB clusters; they are not ours to run. */
const FOREIGN_ENGINES = new Set(['neptune', 'docdb']);

/**
 * The fleet in the given regions. A region that cannot be read becomes a `warnings` line (the other
 * regions are still listed); when no region can be read, the first error is thrown.
 */
export async function fetchFleet(aws: AwsGateway, opts: FetchFleetOptions = {}): Promise<Fleet> {
  const regions = [...new Set(opts.regions?.length ? opts.regions : [aws.region])];
  const settled = await Promise.allSettled(regions.map((region) => fetchRegion(aws, region)));
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

async function fetchRegion(aws: AwsGateway, region: string): Promise<FleetCluster[]> {
  const [clusters, deployments] = await Promise.all([
    describeAllPages(aws, 'DescribeDBClusters', {}, 'DBClusters', region),
    describeAllPages(aws, 'DescribeBlueGreenDeployments', {}, 'BlueGreenDeployments', region),
  ]);
  const bySource = new Map<string, BlueGreenView[]>();
  const byTarget = new Map<string, BlueGreenView>();
  for (const d of deployments.map(toBlueGreenView)) {
    if (d.deletedAt) continue;
    bySource.set(d.source, [...(bySource.get(d.source) ?? []), d]);
    byTarget.set(d.target, d);
  }
  return clusters.filter((c) => !FOREIGN_ENGINES.has(str(c.Engine))).map((c) => toFleetCluster(c, region, bySource, byTarget));
}

export function toFleetCluster(
  c: Json,
  region: string,
  blueGreenBySourceArn: Map<string, BlueGreenView[]>,
  blueGreenByTargetArn: Map<string, BlueGreenView> = new Map(),
): FleetCluster {
  const arn = str(c.DBClusterArn);
  const members = list(c.DBClusterMembers);
  const greenOf = blueGreenByTargetArn.get(arn)?.sourceClusterId;
  return {
    clusterId: str(c.DBClusterIdentifier),
    arn,
    region: parseRdsArn(arn)?.region ?? region,
    status: str(c.Status),
    engine: str(c.Engine),
    engineVersion: str(c.EngineVersion),
    instances: members.length,
    writer: str(members.find((m) => m.IsClusterWriter === true)?.DBInstanceIdentifier) || null,
    globalClusterId: str(c.GlobalClusterIdentifier) || null,
    blueGreen: (blueGreenBySourceArn.get(arn) ?? []).map((d) => ({
      id: d.id,
      name: d.name,
      status: d.status,
      stage: blueGreenStage(d.status),
      target: d.targetClusterId,
    })),
    tags: Object.fromEntries(list(c.TagList).map((t) => [str(t.Key), str(t.Value)])),
    ...(greenOf ? { greenOf } : {}),
  };
}
