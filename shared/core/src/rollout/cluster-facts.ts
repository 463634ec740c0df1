/**
 * The facts a rollout plans with, read from AWS: the production clusters of the fleet (a Blue/Green
 * green or an old environment is not a cluster of its own to roll out to — live/fleet.ts), each with
 * its engine, version, tags and DB cluster parameter group and that group's family.
 * Per region: the fleet's reads, one more paginated DescribeDBClusters (the parameter group names)
 * and one paginated DescribeDBClusterParameterGroups (the families) — nothing per cluster.
 */
import type { AwsReads } from '../aws/gateway';
import { fetchFleet, productionClusters } from '../live/fleet';
import { listClusterParameterGroups, listClusters } from '../live/rds-reads';
import type { ClusterFacts } from './rollout';

export async function fetchClusterFacts(aws: AwsReads, regions?: string[]): Promise<{ clusters: ClusterFacts[]; warnings: string[] }> {
  const fleet = await fetchFleet(aws, { regions });
  const production = productionClusters(fleet.clusters);
  const used = [...new Set(production.map((c) => c.region))];
  const groupsByRegion = new Map<string, Map<string, string>>();
  const groupOf = new Map<string, string>();
  await Promise.all(
    used.map(async (region) => {
      const [clusters, groups] = await Promise.all([listClusters(aws, region), listClusterParameterGroups(aws, region)]);
      for (const c of clusters) if (c.DBClusterArn && c.DBClusterParameterGroup) groupOf.set(c.DBClusterArn, c.DBClusterParameterGroup);
      groupsByRegion.set(region, new Map(groups.map((g) => [g.DBClusterParameterGroupName ?? '', g.DBParameterGroupFamily ?? ''])));
    }),
  );
  return {
    clusters: production.map((c) => {
      const group = groupOf.get(c.arn);
      const family = group ? groupsByRegion.get(c.region)?.get(group) : undefined;
      return {
        id: c.clusterId,
        arn: c.arn,
        region: c.region,
        engine: c.engine,
        engineVersion: c.engineVersion,
        status: c.status,
        ...(group ? { parameterGroup: group } : {}),
        ...(family ? { parameterGroupFamily: family } : {}),
        tags: c.tags,
      };
    }),
    warnings: fleet.warnings ?? [],
  };
}
