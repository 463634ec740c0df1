/**
 * The fleet page: every database entity joined with its cluster (fetchFleet: a few paginated calls
 * per account and region, nothing per cluster) and the runs still open on it.
 */
import { clusterRunResources, fetchFleet, runConcerns, type FleetCluster, type RunSummary } from '@switchyard/core';
import type { FleetEntity, FleetResponse } from '@switchyard/backstage-plugin-switchyard-common';
import type { AwsAccess } from '../aws/aws-access';
import type { DatabaseEntity } from './entities';

/** Clusters of every account and region the entities name, by ARN; a failed account becomes an error per entity. */
export async function fleetByArn(
  access: AwsAccess,
  entities: DatabaseEntity[],
  extraRegions: string[] = [],
): Promise<{ clusters: Map<string, FleetCluster>; errors: Map<string, string> }> {
  const byAccount = new Map<string, Set<string>>();
  for (const e of entities) byAccount.set(e.account, (byAccount.get(e.account) ?? new Set(extraRegions)).add(e.region));
  const clusters = new Map<string, FleetCluster>();
  const errors = new Map<string, string>();
  await Promise.all(
    [...byAccount].map(async ([account, regionSet]) => {
      const regions = [...regionSet].sort();
      try {
        const fleet = await fetchFleet(await access.gateway(account, regions[0]), { regions });
        for (const c of fleet.clusters) clusters.set(c.arn, c);
        for (const warning of fleet.warnings ?? []) errors.set(account, warning);
      } catch (error) {
        errors.set(
          account,
          `account ${account} could not be read from ${access.description}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }),
  );
  return { clusters, errors };
}

export async function buildFleet(
  access: AwsAccess,
  entities: DatabaseEntity[],
  openRuns: RunSummary[],
  extraRegions: string[],
): Promise<FleetResponse> {
  const { clusters, errors } = await fleetByArn(access, entities, extraRegions);
  const rows: FleetEntity[] = entities.map((e) => {
    const cluster = clusters.get(e.arn) ?? null;
    return {
      entityRef: e.ref,
      title: e.title,
      owner: e.owner,
      clusterArn: e.arn,
      cluster,
      ...(cluster ? {} : { error: errors.get(e.account) ?? `cluster ${e.clusterId} not found in account ${e.account}, ${e.region}` }),
      activeRuns: openRuns.filter((r) => concerns(r, e, cluster)),
    };
  });
  return { entities: rows.sort((a, b) => a.title.localeCompare(b.title)), fetchedAt: new Date().toISOString() };
}

/**
 * A run is about the entity's database when it was started from it, or a param or lock names its
 * cluster or one of its Blue/Green deployments in its account and region (core
 * clusterRunResources; a namesake elsewhere is another team's business).
 */
export function concerns(run: RunSummary, entity: DatabaseEntity, cluster: FleetCluster | null = null): boolean {
  const resources = cluster ? clusterRunResources(cluster) : [entity.arn];
  return run.entityRef === entity.ref || [entity.arn, ...resources].some((resource) => runConcerns(run, resource));
}
