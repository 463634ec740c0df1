/**
 * Reads what the cost model needs through the `AwsGateway` port: blue/green deployments, their
 * clusters and instances (RDS), and billed actuals (Cost Explorer). The arithmetic is in model.ts.
 */
import type { AwsGateway } from '../aws/gateway';
import { parseRdsArn } from '../live/views';
import {
  DEFAULT_FINDING_OPTIONS,
  EXCLUDED,
  INCLUDED,
  environmentCost,
  findings,
  rollup,
  type CostFinding,
  type CostRollup,
  type EnvironmentCost,
  type FindingOptions,
  type InstanceLifetime,
  type ParallelEnvironment,
} from './model';
import { AURORA_POSTGRESQL_PRICES, type PriceSnapshot } from './price-snapshot';

type Json = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : '');
const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const time = (v: unknown): number | undefined => {
  const t = v instanceof Date ? v.getTime() : typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isNaN(t) ? undefined : t;
};
const DAY_MS = 86_400_000;

/** The cost-allocation tag Switchyard's blue/green runbook puts on what it creates. */
export const DEPLOYMENT_TAG = 'switchyard:deployment';
/** Optional cluster tag with the planned decommission date (ISO 8601). */
export const DECOMMISSION_TAG = 'switchyard:decommission-by';

export interface CostOptions extends FindingOptions {
  /** Planned end of a green when it carries no decommission tag: its creation + this many days. */
  greenPlannedDays: number;
  snapshot: PriceSnapshot;
  /** Ask Cost Explorer for billed actuals. */
  actuals: boolean;
}

export const DEFAULT_COST_OPTIONS: CostOptions = {
  ...DEFAULT_FINDING_OPTIONS,
  greenPlannedDays: 7,
  snapshot: AURORA_POSTGRESQL_PRICES,
  actuals: true,
};

export interface BilledActuals {
  migration: string;
  totalUsd: number;
  days: Array<{ date: string; usd: number; estimated: boolean }>;
  /** The last day Cost Explorer has data for (exclusive end of the query). */
  through: string;
  note: string;
}

export interface CostReport {
  generatedAt: string;
  region: string;
  price: { source: string; date: string; currency: string };
  included: string[];
  excluded: string[];
  environments: EnvironmentCost[];
  findings: CostFinding[];
  rollups: { migration: CostRollup[]; team: CostRollup[]; account: CostRollup[] };
  fleet: CostRollup;
  actuals: BilledActuals[] | { error: string };
}

export const CE_DELAY_NOTE =
  'Cost Explorer data lags the usage by about 24 hours and the latest days are estimated; compare the estimate with it day by day.';

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

function lifetimes(
  instances: Json[],
  clusterId: string,
  clusterCreated: number | undefined,
  now: number,
  region: string,
): InstanceLifetime[] {
  return instances
    .filter((i) => str(i.DBInstanceIdentifier) && str(i.DBClusterIdentifier) === clusterId)
    .map((i) => ({
      id: str(i.DBInstanceIdentifier),
      region,
      // The describe calls show the current class only: a class change is not visible here.
      segments: [{ instanceClass: str(i.DBInstanceClass), from: time(i.InstanceCreateTime) ?? clusterCreated ?? now }],
    }));
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

/** Finds the parallel environments of one region: greens before switchover, old blues (`-oldN`) after. */
export async function fetchParallelEnvironments(
  aws: AwsGateway,
  now: number,
  options: CostOptions = DEFAULT_COST_OPTIONS,
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
    const since = kind === 'green' ? (created ?? now) : ((await switchoverTime(aws, id, region, deploymentId)) ?? now);
    const tagged = time(tags[DECOMMISSION_TAG]);
    const policy = since + (kind === 'green' ? options.greenPlannedDays : options.oldEnvironmentGraceDays) * DAY_MS;
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
      instances: lifetimes(instances, id, created, now, region),
      counterpart: counterpart
        ? lifetimes(instances, str(counterpart.DBClusterIdentifier), time(counterpart.ClusterCreateTime), now, region)
        : undefined,
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
  // An old blue whose deployment is already deleted is still a parallel environment until it goes.
  for (const cluster of clusters) {
    const id = str(cluster.DBClusterIdentifier);
    if (seen.has(id) || !/-old\d+$/.test(id)) continue;
    await make('old-blue', cluster, tagsOf(cluster)[DEPLOYMENT_TAG] ?? id.replace(/-old\d+$/, ''));
  }
  return envs;
}

const day = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Billed actuals per migration: Cost Explorer GetCostAndUsage, DAILY UnblendedCost, by the deployment tag. */
export async function fetchBilledActuals(aws: AwsGateway, migrations: string[], since: number, now: number): Promise<BilledActuals[]> {
  if (migrations.length === 0) return [];
  const start = day(Math.min(since, now - DAY_MS));
  const end = day(now + DAY_MS);
  const byMigration = new Map<string, BilledActuals>(
    migrations.map((m) => [m, { migration: m, totalUsd: 0, days: [], through: day(now), note: CE_DELAY_NOTE }]),
  );
  let token: string | undefined;
  do {
    const out = await aws.call(
      'ce',
      'GetCostAndUsage',
      {
        TimePeriod: { Start: start, End: end },
        Granularity: 'DAILY',
        Metrics: ['UnblendedCost'],
        Filter: {
          And: [
            { Dimensions: { Key: 'SERVICE', Values: ['Amazon Relational Database Service'] } },
            { Tags: { Key: DEPLOYMENT_TAG, Values: migrations } },
          ],
        },
        GroupBy: [{ Type: 'TAG', Key: DEPLOYMENT_TAG }],
        ...(token ? { NextPageToken: token } : {}),
      },
      { region: 'us-east-1' },
    );
    for (const r of list(out.ResultsByTime)) {
      const date = str((r.TimePeriod as Json | undefined)?.Start);
      for (const g of list(r.Groups)) {
        const key = (Array.isArray(g.Keys) ? str(g.Keys[0]) : '').replace(`${DEPLOYMENT_TAG}$`, '');
        const entry = byMigration.get(key);
        const usd = Number(str(((g.Metrics as Json | undefined)?.UnblendedCost as Json | undefined)?.Amount) || 0);
        if (!entry) continue;
        entry.days.push({ date, usd, estimated: r.Estimated === true });
        entry.totalUsd += usd;
      }
    }
    token = str(out.NextPageToken) || undefined;
  } while (token);
  return [...byMigration.values()];
}

/** The whole report: environments, findings, roll-ups, fleet total and (optionally) billed actuals. */
export async function fetchCostReport(
  aws: AwsGateway,
  now: number = Date.now(),
  options: Partial<CostOptions> = {},
  regions: string[] = [aws.region],
): Promise<CostReport> {
  const opts = { ...DEFAULT_COST_OPTIONS, ...options };
  const envs = (await Promise.all(regions.map((r) => fetchParallelEnvironments(aws, now, opts, r)))).flat();
  const environments = envs.map((e) => environmentCost(e, now, opts.snapshot));
  let actuals: CostReport['actuals'] = [];
  if (opts.actuals) {
    try {
      const migrations = [...new Set(envs.map((e) => e.migration))];
      actuals = await fetchBilledActuals(aws, migrations, Math.min(now, ...envs.map((e) => e.since)), now);
    } catch (error) {
      actuals = { error: error instanceof Error ? error.message : String(error) };
    }
  }
  const [fleet] = rollup(environments, 'fleet');
  return {
    generatedAt: new Date(now).toISOString(),
    region: regions.join(','),
    price: { source: opts.snapshot.source, date: opts.snapshot.date, currency: opts.snapshot.currency },
    included: INCLUDED,
    excluded: EXCLUDED,
    environments,
    findings: findings(envs, now, opts, opts.snapshot),
    rollups: { migration: rollup(environments, 'migration'), team: rollup(environments, 'team'), account: rollup(environments, 'account') },
    fleet: fleet ?? { key: 'fleet', environments: 0, costSoFar: 0, burnPerHour: 0, burnPerDay: 0, projectedTotal: 0 },
    actuals,
  };
}
