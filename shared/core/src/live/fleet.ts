/**
 * Every cluster of the account in some regions, for the fleet page. Per region: the paginated
 * DescribeDBClusters and one paginated DescribeBlueGreenDeployments, nothing per cluster (instance
 * counts come from DBClusterMembers), so 1,000 clusters cost about twenty calls.
 */
import type { DBCluster } from '@aws-sdk/client-rds';
import type { AwsReads } from '../aws/gateway';
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
  return clusters.filter((c) => !FOREIGN_ENGINES.has(c.Engine ?? '')).map((c) => toFleetCluster(c, region, bySource, byTarget));
}

export function toFleetCluster(
  c: DBCluster,
  region: string,
  blueGreenBySourceArn: Map<string, BlueGreenView[]>,
  blueGreenByTargetArn: Map<string, BlueGreenView> = new Map(),
): FleetCluster {
  const arn = c.DBClusterArn ?? '';
  const members = c.DBClusterMembers ?? [];
  const deployment = blueGreenByTargetArn.get(arn);
  // The blue this green copies: the deployment's source, or in a secondary region the secondary it mirrors.
  const pair = deployment?.switchover.find((p) => p.target === arn);
  const greenOf = pair ? (parseRdsArn(pair.source)?.id ?? deployment?.sourceClusterId) : deployment?.sourceClusterId;
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
    blueGreen: (blueGreenBySourceArn.get(arn) ?? []).map((d) => ({
      id: d.id,
      name: d.name,
      status: d.status,
      stage: blueGreenStage(d.status),
      target: d.targetClusterId,
    })),
    tags: tagsOf(c),
    ...(greenOf ? { greenOf } : {}),
  };
}
