/**
 * The fleet table's rows: catalog entities joined with their cluster, active runs and the cost of
 * their parallel environments; built once per fetch (memoised by the page).
 */
import { productionNameOfCopy } from '@switchyard/core/model';
import type { CostReport, FleetEntity } from '@switchyard/backstage-plugin-switchyard-common';

type EnvironmentCost = CostReport['environments'][number];

export interface FleetRow {
  entityRef: string;
  title: string;
  owner: string;
  clusterId: string;
  region: string;
  status: string;
  engineVersion: string;
  instances: number;
  activeRuns: number;
  /** Deployments in flight, e.g. `prod-app-upgrade (ready)`. */
  blueGreen: Array<{ name: string; stage: string }>;
  /** Parallel environments this database pays for (green before switchover, old blue after). */
  parallelCostUsd: number;
  parallelBurnPerDayUsd: number;
  /** Figures of those environments the report lacks (CloudWatch): the cost is a lower bound when > 0. */
  parallelCostMissing: number;
  error?: string;
}

/**
 * Which fleet cluster an environment belongs to, in its region: the one an `-oldN` /
 * `-green-xxxxxx` copy was made from (core productionNameOfCopy), else the cluster of its own
 * name, else its migration's blue. By name first: the members of a Global Database share one Blue/Green
 * deployment name, so the migration alone cannot tell prod-app's green from prod-app-eu's.
 */
export function environmentOwners(entities: FleetEntity[], environments: EnvironmentCost[]): Map<EnvironmentCost, FleetEntity> {
  const byMigration = new Map<string, FleetEntity>();
  const byCluster = new Map<string, FleetEntity[]>();
  for (const e of entities) {
    if (!e.cluster) continue;
    byCluster.set(e.cluster.clusterId, [...(byCluster.get(e.cluster.clusterId) ?? []), e]);
    for (const bg of e.cluster.blueGreen) byMigration.set(bg.name, e);
  }
  // The same name may be a cluster in two regions: the environment's region decides, else a name only one has.
  const cluster = (id: string | undefined, region: string | undefined) => {
    const found = id ? (byCluster.get(id) ?? []) : [];
    return found.find((e) => e.cluster!.region === region) ?? (found.length === 1 ? found[0] : undefined);
  };
  const owners = new Map<EnvironmentCost, FleetEntity>();
  for (const env of environments) {
    const owner =
      cluster(productionNameOfCopy(env.clusterId), env.region) ?? cluster(env.clusterId, env.region) ?? byMigration.get(env.migration);
    if (owner) owners.set(env, owner);
  }
  return owners;
}

export function fleetRows(entities: FleetEntity[], cost: CostReport | undefined): FleetRow[] {
  const costs = new Map<string, { usd: number; perDay: number; missing: number }>();
  if (cost) {
    for (const [env, owner] of environmentOwners(entities, cost.environments)) {
      const c = costs.get(owner.entityRef) ?? { usd: 0, perDay: 0, missing: 0 };
      c.usd += env.costSoFar;
      c.perDay += env.burnPerDay;
      c.missing += (env.missing ?? []).length;
      costs.set(owner.entityRef, c);
    }
  }
  return entities.map((e) => ({
    entityRef: e.entityRef,
    title: e.title,
    owner: e.owner ?? '',
    clusterId: e.cluster?.clusterId ?? clusterIdFromArn(e.clusterArn),
    region: e.cluster?.region ?? '',
    status: e.cluster?.status ?? 'unknown',
    engineVersion: e.cluster ? `${e.cluster.engine} ${e.cluster.engineVersion}` : '',
    instances: e.cluster?.instances ?? 0,
    activeRuns: e.activeRuns.length,
    blueGreen: (e.cluster?.blueGreen ?? []).map((bg) => ({ name: bg.name, stage: bg.stage })),
    parallelCostUsd: costs.get(e.entityRef)?.usd ?? 0,
    parallelBurnPerDayUsd: costs.get(e.entityRef)?.perDay ?? 0,
    parallelCostMissing: costs.get(e.entityRef)?.missing ?? 0,
    error: e.error,
  }));
}

function clusterIdFromArn(arn: string): string {
  return arn.split(':').pop() ?? arn;
}

/** Case-insensitive match on name, owner, cluster, status, engine version and deployments. */
export function filterRows(rows: FleetRow[], text: string): FleetRow[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return rows;
  return rows.filter((r) =>
    [r.title, r.owner, r.clusterId, r.status, r.engineVersion, r.region, ...r.blueGreen.map((bg) => `${bg.name} ${bg.stage}`)]
      .join(' ')
      .toLowerCase()
      .includes(needle),
  );
}

/** Per owning team (catalog owner of the database), the cost of the parallel environments. */
export function costByTeam(
  entities: FleetEntity[],
  cost: CostReport,
): Array<{ team: string; environments: number; costSoFar: number; burnPerDay: number }> {
  const owners = environmentOwners(entities, cost.environments);
  const teams = new Map<string, { team: string; environments: number; costSoFar: number; burnPerDay: number }>();
  for (const env of cost.environments) {
    const team = owners.get(env)?.owner ?? (env.team || '(no owner)');
    const t = teams.get(team) ?? { team, environments: 0, costSoFar: 0, burnPerDay: 0 };
    t.environments += 1;
    t.costSoFar += env.costSoFar;
    t.burnPerDay += env.burnPerDay;
    teams.set(team, t);
  }
  return [...teams.values()].sort((a, b) => b.costSoFar - a.costSoFar || a.team.localeCompare(b.team));
}
