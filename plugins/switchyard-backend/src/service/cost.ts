/**
 * Cost of parallel environments (the core's fetchCostReport) for one database entity or the
 * whole fleet, with the `team` roll-up by the owning entity's owner (the catalog says who owns
 * a database; the AWS `team` tag is the fallback for clusters no entity names). A report per
 * account is computed at most once a minute and shared by concurrent requests.
 */
import {
  PARALLEL_OF_TAG,
  fetchCostReport,
  missingFigures,
  rollup,
  type CostReport,
  type EnvironmentCost,
  type FleetCluster,
} from '@switchyard/core';
import type { AwsAccess } from '../aws/aws-access';
import type { SwitchyardSettings } from '../config';
import type { DatabaseEntity } from './entities';
import { fleetByArn } from './fleet';

const TTL_MS = 60_000;

export class CostReports {
  private readonly cache = new Map<string, { at: number; report: Promise<{ report: CostReport; clusters: FleetCluster[] }> }>();

  constructor(
    private readonly access: AwsAccess,
    private readonly settings: Pick<SwitchyardSettings, 'cost' | 'regions'>,
  ) {}

  /**
   * The fleet's report (`only` unset), the part of it about one entity's database, or about several
   * (a rollout's clusters): their parallel environments, with the roll-ups recomputed over them.
   */
  async report(entities: DatabaseEntity[], only?: DatabaseEntity | DatabaseEntity[]): Promise<CostReport> {
    const scope = only === undefined ? undefined : Array.isArray(only) ? only : [only];
    const included = scope ?? entities;
    const accounts = [...new Set(included.map((e) => e.account))];
    const parts = await Promise.all(
      accounts.map((account) =>
        this.accountReport(
          account,
          entities.filter((e) => e.account === account),
        ),
      ),
    );
    const ownerOf = ownerByCluster(entities);
    const clusters = new Map(parts.flatMap((p) => p.clusters).map((c) => [`${c.region}:${c.clusterId}`, c]));
    const environments = parts
      .flatMap((p) => p.report.environments)
      .filter((env) => !scope || scope.some((o) => belongsTo(env, o, clusters)))
      .map((env) => ({ ...env, team: ownerOf.get(productionOf(env, clusters)) ?? env.team }));
    return combine(
      parts.map((p) => p.report),
      environments,
      scope?.length === 1 ? scope[0].region : undefined,
    );
  }

  /**
   * Drops every cached report: a run that ended may have created or deleted an environment (a
   * cleanup deletes the old one), and the page that shows it asks for the cost again at once.
   */
  forget(): void {
    this.cache.clear();
  }

  private accountReport(account: string, entities: DatabaseEntity[]): Promise<{ report: CostReport; clusters: FleetCluster[] }> {
    const regions = [...new Set([...entities.map((e) => e.region), ...this.settings.regions])].sort();
    const key = `${account}|${regions.join(',')}`;
    const cached = this.cache.get(key);
    if (cached && Date.now() - cached.at < TTL_MS) return cached.report;
    const report = (async () => {
      const aws = await this.access.gateway(account, regions[0]);
      const [costs, fleet] = await Promise.all([
        fetchCostReport(aws, Date.now(), { prices: this.settings.cost.prices, actuals: this.settings.cost.actuals }, regions),
        fleetByArn(this.access, entities, regions),
      ]);
      return { report: costs, clusters: [...fleet.clusters.values()] };
    })();
    report.catch(() => this.cache.delete(key));
    this.cache.set(key, { at: Date.now(), report });
    return report;
  }
}

/**
 * Whether an environment is on one database's cost card: it runs beside the database, or it is
 * the entity's own cluster (an old environment's own page shows what it costs, never "$0.00").
 */
export function belongsTo(
  env: EnvironmentCost,
  only: Pick<DatabaseEntity, 'region' | 'clusterId'>,
  clusters: Map<string, FleetCluster>,
): boolean {
  const database = `${only.region}:${only.clusterId}`;
  return productionOf(env, clusters) === database || `${env.region}:${env.clusterId}` === database;
}

/** `region:clusterId` of the production cluster an environment runs beside. */
export function productionOf(env: EnvironmentCost, clusters: Map<string, FleetCluster>): string {
  const self = clusters.get(`${env.region}:${env.clusterId}`);
  if (self?.greenOf) return `${env.region}:${self.greenOf}`;
  if (self?.oldEnvironmentOf) return `${env.region}:${self.oldEnvironmentOf}`;
  if (env.kind === 'old-blue') return `${env.region}:${env.clusterId.replace(/-old\d+$/, '')}`;
  const parallelOf = self?.tags[PARALLEL_OF_TAG];
  if (parallelOf) return `${env.region}:${parallelOf}`;
  return `${env.region}:${env.clusterId}`;
}

function ownerByCluster(entities: DatabaseEntity[]): Map<string, string> {
  return new Map(entities.flatMap((e) => (e.owner ? [[`${e.region}:${e.clusterId}`, e.owner] as [string, string]] : [])));
}

/** One report from the accounts' reports, over the chosen environments (roll-ups recomputed). */
export function combine(reports: CostReport[], environments: EnvironmentCost[], region?: string): CostReport {
  const clusters = new Set(environments.map((e) => e.clusterId));
  const migrations = new Set(environments.map((e) => e.migration));
  const actualsErrors = reports.flatMap((r) => (Array.isArray(r.actuals) ? [] : [r.actuals.error]));
  const [fleet] = rollup(environments, 'fleet');
  const first = reports[0];
  return {
    generatedAt: first?.generatedAt ?? new Date().toISOString(),
    region: region ?? [...new Set(reports.flatMap((r) => r.region.split(',')))].join(','),
    price: first?.price ?? { source: 'none', date: '', currency: 'USD' },
    included: [...new Set(reports.flatMap((r) => r.included))],
    excluded: [...new Set(reports.flatMap((r) => r.excluded))],
    environments,
    findings: reports.flatMap((r) => r.findings).filter((f) => clusters.has(f.clusterId)),
    rollups: { migration: rollup(environments, 'migration'), team: rollup(environments, 'team'), account: rollup(environments, 'account') },
    fleet: fleet ?? { key: 'fleet', environments: 0, costSoFar: 0, burnPerHour: 0, burnPerDay: 0, projectedTotal: 0 },
    actuals: actualsErrors.length
      ? { error: actualsErrors.join('; ') }
      : reports.flatMap((r) => (Array.isArray(r.actuals) ? r.actuals : [])).filter((a) => migrations.has(a.migration)),
    priceSources: dedupe(reports.flatMap((r) => r.priceSources)),
    priceNotes: [...new Set(reports.flatMap((r) => r.priceNotes))],
    // Over the chosen environments only: a database's card is partial only for its own figures.
    ...missingFigures(environments),
  };
}

function dedupe(sources: Array<{ source: string; date: string }>): Array<{ source: string; date: string }> {
  return [...new Map(sources.map((s) => [`${s.source}|${s.date}`, s])).values()];
}
