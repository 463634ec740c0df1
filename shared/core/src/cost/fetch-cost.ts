/**
 * The cost report: finds the parallel environments (RDS), measures their storage, I/O and
 * Serverless ACUs (CloudWatch), prices them (AWS Price List API through a cache, or the bundled
 * snapshot), and puts billed actuals (Cost Explorer) beside the estimate. The arithmetic is in model.ts.
 */
import type { AwsReads } from '../aws/gateway';
import { fetchBilledActuals, type BilledActuals } from './billed-actuals';
import { DEFAULT_DISCOVERY_OPTIONS, fetchParallelEnvironments, type DiscoveryOptions } from './find-environments';
import { listBlueGreenDeployments } from '../live/rds-reads';
import { fetchPriceBook, type PriceNeeds } from './live-prices';
import {
  EXCLUDED,
  INCLUDED,
  environmentCost,
  findings,
  missingFigures,
  rollup,
  type CostFinding,
  type CostRollup,
  type EnvironmentCost,
  type ParallelEnvironment,
} from './model';
import { snapshotPriceBook, type PriceBook } from './price-book';
import { PriceCache } from './price-cache';
import { sdkPriceListClient, type PriceListClient } from './price-list-client';
import { AURORA_POSTGRESQL_PRICES, type PriceSnapshot } from './price-snapshot';
import type { MissingFigure } from '../model/cost-missing';
import { measureVolumes, type VolumeMeasureOptions } from './volume-metrics';

export { CE_DELAY_NOTE, fetchBilledActuals, type BilledActuals } from './billed-actuals';
export { DECOMMISSION_TAG, DEPLOYMENT_TAG, PARALLEL_OF_TAG, fetchParallelEnvironments } from './find-environments';

export interface CostOptions extends DiscoveryOptions {
  /** The bundled prices: what the Price List API does not answer, or everything with `prices: 'snapshot'`. */
  snapshot: PriceSnapshot;
  /** Ask Cost Explorer for billed actuals. */
  actuals: boolean;
  /** `api`: the AWS Price List API, falling back to the snapshot; `snapshot`: the snapshot only. */
  prices: 'api' | 'snapshot';
  /** The Price List client; default one on the SDK, at the gateway's custom endpoint if it has one. */
  priceList?: PriceListClient;
  /** Cache of Price List answers; default one in memory for this process (24 h). */
  priceCache?: PriceCache;
  /** Measure storage, I/O and Serverless v2 ACUs in CloudWatch. */
  volumes: boolean;
  /** How the CloudWatch reads are batched and retried (defaults: 500 queries a request, 4 in flight per region, 3 tries). */
  metricReads?: VolumeMeasureOptions;
}

export const DEFAULT_COST_OPTIONS: CostOptions = {
  ...DEFAULT_DISCOVERY_OPTIONS,
  snapshot: AURORA_POSTGRESQL_PRICES,
  actuals: true,
  prices: 'api',
  volumes: true,
};

export interface CostReport {
  generatedAt: string;
  region: string;
  /** The main price source (the Price List API when it answered); `priceSources` lists every one used. */
  price: { source: string; date: string; currency: string };
  included: string[];
  excluded: string[];
  environments: EnvironmentCost[];
  findings: CostFinding[];
  rollups: { migration: CostRollup[]; team: CostRollup[]; account: CostRollup[] };
  fleet: CostRollup;
  actuals: BilledActuals[] | { error: string };
  /** Every source the figures' prices came from, with its date. */
  priceSources: Array<{ source: string; date: string }>;
  /** Why the Price List API was not (fully) used, when it was asked. */
  priceNotes: string[];
  /** Storage, I/O and ACU figures wanted from CloudWatch and not obtained, each with the reason. */
  missing: MissingFigure[];
  /** Some figure is missing: the totals are a lower bound (`switchyard cost` exits 6). */
  partial: boolean;
}

/** Shared by every report of this process, so a long-running backend asks the Price List API once a day. */
const processPriceCache = new PriceCache();

/** What the report's environments need priced. */
export function priceNeeds(envs: ParallelEnvironment[]): PriceNeeds {
  const instances = new Map<string, PriceNeeds['instances'][number]>();
  for (const env of envs) {
    for (const i of [...env.instances, ...(env.counterpart ?? [])]) {
      for (const s of i.segments) {
        const need = {
          instanceClass: s.instanceClass,
          region: i.region,
          engine: i.engine ?? 'aurora-postgresql',
          storage: i.storage ?? 'standard',
        };
        instances.set(JSON.stringify(need), need);
      }
    }
  }
  const storage = new Map(
    envs
      .filter((e) => e.storage)
      .map((e) => [`${e.region}|${e.storageConfig}`, { region: e.region, storage: e.storageConfig ?? 'standard' }]),
  );
  const io = new Set(envs.filter((e) => e.io && (e.storageConfig ?? 'standard') === 'standard').map((e) => e.region));
  return { instances: [...instances.values()], storage: [...storage.values()], io: [...io] };
}

async function priceBook(
  aws: AwsReads,
  envs: ParallelEnvironment[],
  opts: CostOptions,
): Promise<{ book: PriceBook; sources: CostReport['priceSources']; notes: string[] }> {
  const snapshotSource = [{ source: opts.snapshot.source, date: opts.snapshot.date }];
  if (opts.prices === 'snapshot') return { book: snapshotPriceBook(opts.snapshot), sources: snapshotSource, notes: [] };
  const needs = priceNeeds(envs);
  if (needs.instances.length + needs.storage.length + needs.io.length === 0) {
    return { book: snapshotPriceBook(opts.snapshot), sources: snapshotSource, notes: [] };
  }
  const client = opts.priceList ?? sdkPriceListClient({ endpoint: aws.target === 'aws' ? undefined : aws.target });
  const cache = opts.priceCache ?? processPriceCache;
  try {
    const live = await fetchPriceBook(needs, { client, cache, fallback: opts.snapshot });
    const notes = [...live.notes, ...(cache.writeError ? [cache.writeError] : [])];
    return { book: live.book, sources: live.sources, notes };
  } finally {
    if (!opts.priceList) client.destroy();
  }
}

function reportScope(costs: EnvironmentCost[]): { included: string[]; excluded: string[] } {
  const included = [...INCLUDED];
  const excluded: string[] = [];
  if (costs.some((c) => c.storage)) included.push("storage of greens' and clones' own copy-on-write volumes (VolumeBytesUsed)");
  if (costs.some((c) => c.io)) included.push('I/O on Aurora Standard volumes (VolumeReadIOPs + VolumeWriteIOPs)');
  if (costs.some((c) => !c.storage))
    excluded.push('storage where it is missing (see the missing figures) or not attributable (see each environment)');
  if (costs.some((c) => !c.io && c.storageConfig === 'standard')) excluded.push('I/O where it is missing (see the missing figures)');
  return { included, excluded: [...excluded, ...EXCLUDED] };
}

/** The whole report: environments, findings, roll-ups, fleet total and (optionally) billed actuals. */
export async function fetchCostReport(
  aws: AwsReads,
  now: number = Date.now(),
  options: Partial<CostOptions> = {},
  regions: string[] = [aws.region],
): Promise<CostReport> {
  const opts = { ...DEFAULT_COST_OPTIONS, ...options };
  // A Global Database's deployment lives in the primary's region but has greens in every region.
  // Its other regions are looked at too, so a migration's estimate covers what Cost Explorer bills for it.
  const deployments = (await Promise.all(regions.map((r) => listBlueGreenDeployments(aws, r)))).flat();
  const memberRegions = deployments.flatMap((d) => (d.SwitchoverDetails ?? []).map((m) => m.TargetMember?.split(':')[3] ?? ''));
  const scanned = [...new Set([...regions, ...memberRegions.filter((r) => r !== '')])];
  const envs = (await Promise.all(scanned.map((r) => fetchParallelEnvironments(aws, now, opts, r, deployments)))).flat();
  if (opts.volumes) await measureVolumes(aws, envs, now, opts.metricReads);
  const { book, sources, notes } = await priceBook(aws, envs, opts);
  const environments = envs.map((e) => environmentCost(e, now, book));
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
  const primary = sources[0] ?? { source: opts.snapshot.source, date: opts.snapshot.date };
  return {
    generatedAt: new Date(now).toISOString(),
    region: scanned.join(','),
    price: { source: primary.source, date: primary.date, currency: opts.snapshot.currency },
    ...reportScope(environments),
    environments,
    findings: findings(envs, now, opts, book),
    rollups: { migration: rollup(environments, 'migration'), team: rollup(environments, 'team'), account: rollup(environments, 'account') },
    fleet: fleet ?? { key: 'fleet', environments: 0, costSoFar: 0, burnPerHour: 0, burnPerDay: 0, projectedTotal: 0 },
    actuals,
    priceSources: sources,
    priceNotes: notes,
    ...missingFigures(environments),
  };
}
