/**
 * The cost of parallel environments: pure arithmetic over instance lifetimes, measured storage and
 * I/O, and a price book. No AWS I/O here (see fetch-cost.ts). Times are epoch milliseconds.
 *
 * Included: instance compute (provisioned instance-hours, Serverless v2 ACU-hours), the billed
 * storage of a green's or clone's own copy-on-write volume, and billed I/O on the environment's
 * volume (Aurora Standard) — each only when it was measured; what was not is listed in `excluded`
 * with the reason. Never included: backups, data transfer, reserved-instance or savings-plan discounts.
 */
import type { MissingFigure } from '../model/cost-missing';
import { costBetween, currentRate, instanceCost, sum, type InstanceCost, type InstanceLifetime } from './compute-cost';
import { asPriceBook, type PriceBook } from './price-book';
import { AURORA_POSTGRESQL_PRICES, type PriceSnapshot, type StorageConfig } from './price-snapshot';
import { HOURS_PER_MONTH, ioCost, storageCost, type IoCost, type IoUsage, type StorageCost, type StorageUsage } from './volume-cost';

export {
  MINIMUM_BILLED_SECONDS,
  billedSeconds,
  costBetween,
  instanceCost,
  type InstanceCost,
  type InstanceLifetime,
  type InstanceSegment,
  type SegmentCost,
} from './compute-cost';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * `green`: a blue/green deployment's target before the switchover; `old-blue`: the source after it
 * (`<name>-oldN`); `clone`: a cluster tagged `switchyard:parallel-of` (a clone or a rebuilt copy).
 */
export type EnvironmentKind = 'green' | 'old-blue' | 'clone';

/** A parallel environment: what exists only because a migration is in flight or not cleaned up. */
export interface ParallelEnvironment {
  kind: EnvironmentKind;
  clusterId: string;
  region: string;
  account: string;
  team: string;
  /** The migration (blue/green deployment name) it belongs to. */
  migration: string;
  /** When it became parallel: green's or a clone's creation, or the switchover for an old blue. */
  since: number;
  /** When it stopped costing (deleted); absent while alive. */
  endedAt?: number;
  /** Planned decommission date and where it came from. */
  plannedEnd?: { at: number; from: 'tag' | 'policy' };
  instances: InstanceLifetime[];
  /** The production counterpart's instances (for the under-provisioning check). */
  counterpart?: InstanceLifetime[];
  /** Aurora Standard (default) or I/O-Optimized (no I/O charge). */
  storageConfig?: StorageConfig;
  /** Billed storage of the environment's own volume, when measured and attributable. */
  storage?: StorageUsage;
  /** Billed I/O on the environment's volume during the parallel window, when measured. */
  io?: IoUsage;
  /** Why storage or I/O is not in the estimate by design, one sentence each (shown in `excluded`). */
  notMeasured?: string[];
  /** Figures wanted from CloudWatch and not obtained (throttled, failed, no datapoints), with the reason. */
  missing?: MissingFigure[];
}

export interface EnvironmentCost {
  kind: EnvironmentKind;
  clusterId: string;
  region: string;
  account: string;
  team: string;
  migration: string;
  since: string;
  endedAt: string | null;
  alive: boolean;
  instances: InstanceCost[];
  /** Total so far: compute + storage + I/O (each as far as included). */
  costSoFar: number;
  burnPerHour: number;
  burnPerDay: number;
  projection: { until: string; from: 'tag' | 'policy'; additional: number; total: number } | null;
  included: string[];
  prices: Array<{ instanceClass: string; region: string; usdPerHour: number; unit: string; source: string; date: string; basis: string }>;
  /** Compute part of `costSoFar` and of `burnPerHour`. */
  compute: number;
  computePerHour: number;
  /** Storage of the environment's own volume; null when not included (see `excluded`). */
  storage: StorageCost | null;
  /** I/O on the environment's volume; null when not included (see `excluded`). */
  io: IoCost | null;
  storageConfig: StorageConfig;
  /** What this figure does not contain, with the reason where it is specific to this environment. */
  excluded: string[];
  /** Figures wanted and not obtained: the totals are a lower bound while this is not empty. */
  missing: MissingFigure[];
}

export const INCLUDED = ['compute (on-demand instance-hours, Serverless v2 ACU-hours)'];
/** Never in the estimate (the billed actuals have them). */
export const EXCLUDED = ['backups', 'data transfer', 'reserved-instance or savings-plan discounts'];

/** Clips an instance's segments to [since, endedAt): the part of its life that is parallel. */
function clip(instance: InstanceLifetime, since: number, endedAt: number | undefined): InstanceLifetime {
  const segments = instance.segments
    .map((s) => {
      const from = Math.max(s.from, since);
      const to = endedAt === undefined ? s.to : Math.min(s.to ?? endedAt, endedAt);
      return { ...s, from, to };
    })
    .filter((s) => s.to === undefined || s.to > s.from);
  return { ...instance, segments };
}

const isAlive = (env: ParallelEnvironment, now: number) => env.endedAt === undefined || env.endedAt > now;

function volumeCosts(env: ParallelEnvironment, now: number, prices: PriceBook): { storage: StorageCost | null; io: IoCost | null } {
  const alive = isAlive(env, now);
  const end = Math.min(env.endedAt ?? now, now);
  const config = env.storageConfig ?? 'standard';
  return {
    storage: env.storage ? storageCost(env.storage, env.since, end, alive, prices.storage(env.region, config)) : null,
    io: env.io && config === 'standard' ? ioCost(env.io, alive, prices.io(env.region)) : null,
  };
}

export function environmentCost(
  env: ParallelEnvironment,
  now: number,
  prices: PriceBook | PriceSnapshot = AURORA_POSTGRESQL_PRICES,
): EnvironmentCost {
  const book = asPriceBook(prices);
  const instances = env.instances.map((i) => instanceCost(clip(i, env.since, env.endedAt), now, book));
  const compute = sum(instances.map((i) => i.usd));
  const computePerHour = sum(instances.map((i) => i.usdPerHour));
  const { storage, io } = volumeCosts(env, now, book);
  const costSoFar = compute + (storage?.usd ?? 0) + (io?.usd ?? 0);
  const burnPerHour = computePerHour + (storage?.usdPerHour ?? 0) + (io?.usdPerHour ?? 0);
  const alive = isAlive(env, now);
  let projection: EnvironmentCost['projection'] = null;
  if (env.plannedEnd && alive) {
    const additional = (Math.max(0, env.plannedEnd.at - now) / HOUR_MS) * burnPerHour;
    projection = { until: iso(env.plannedEnd.at), from: env.plannedEnd.from, additional, total: costSoFar + additional };
  }
  const priceList = new Map<string, EnvironmentCost['prices'][number]>();
  for (const s of instances.flatMap((i) => i.segments)) {
    const p = s.price;
    priceList.set(`${p.instanceClass}|${p.region}`, {
      instanceClass: p.instanceClass,
      region: p.region,
      usdPerHour: p.usdPerHour,
      unit: p.unit,
      source: p.source,
      date: p.date,
      basis: p.basis,
    });
  }
  const storageConfig = env.storageConfig ?? 'standard';
  const included = [...INCLUDED];
  if (storage) included.push(`storage: ${storage.gb.toFixed(1)} GB billed to ${env.clusterId}'s own volume (${storage.source})`);
  if (io) included.push(`I/O: ${Math.round(io.requests)} requests on ${env.clusterId}'s volume (${io.source})`);
  if (storageConfig === 'io-optimized') included.push('I/O: none (Aurora I/O-Optimized has no I/O charge)');
  return {
    kind: env.kind,
    clusterId: env.clusterId,
    region: env.region,
    account: env.account,
    team: env.team,
    migration: env.migration,
    since: iso(env.since),
    endedAt: env.endedAt === undefined ? null : iso(env.endedAt),
    alive,
    instances,
    costSoFar,
    burnPerHour,
    burnPerDay: burnPerHour * 24,
    projection,
    included,
    prices: [...priceList.values()],
    compute,
    computePerHour,
    storage,
    io,
    storageConfig,
    excluded: [...(env.notMeasured ?? []), ...EXCLUDED],
    missing: [...(env.missing ?? [])],
  };
}

export interface CostFinding {
  kind: 'old-environment-alive' | 'green-under-provisioned';
  migration: string;
  clusterId: string;
  message: string;
  /** Money spent since the environment could have been deleted (old-environment-alive). */
  wastedUsd?: number;
}

export interface FindingOptions {
  /** An old blue still alive this many days after the switchover is flagged. */
  oldEnvironmentGraceDays: number;
}

export const DEFAULT_FINDING_OPTIONS: FindingOptions = { oldEnvironmentGraceDays: 3 };

/** USD per hour of the environment's measured storage and I/O (the I/O rate of the recent past). */
function volumeRate(env: ParallelEnvironment, prices: PriceBook): number {
  const config = env.storageConfig ?? 'standard';
  const storage = env.storage ? (env.storage.gb * prices.storage(env.region, config).usd) / HOURS_PER_MONTH : 0;
  const io = env.io && config === 'standard' ? (env.io.requestsPerHour / 1_000_000) * prices.io(env.region).usd : 0;
  return storage + io;
}

export function findings(
  envs: ParallelEnvironment[],
  now: number,
  options: FindingOptions = DEFAULT_FINDING_OPTIONS,
  prices: PriceBook | PriceSnapshot = AURORA_POSTGRESQL_PRICES,
): CostFinding[] {
  const book = asPriceBook(prices);
  const out: CostFinding[] = [];
  for (const env of envs) {
    const alive = isAlive(env, now);
    if (env.kind === 'old-blue' && alive) {
      const deadline = env.since + options.oldEnvironmentGraceDays * DAY_MS;
      if (now > deadline) {
        const wastedUsd =
          sum(env.instances.map((i) => costBetween(i, deadline, now, book))) + ((now - deadline) / HOUR_MS) * volumeRate(env, book);
        const days = (now - env.since) / DAY_MS;
        out.push({
          kind: 'old-environment-alive',
          migration: env.migration,
          clusterId: env.clusterId,
          wastedUsd,
          message: `${env.clusterId} is still running ${days.toFixed(1)} days after the switchover (grace ${options.oldEnvironmentGraceDays} d); it has cost $${wastedUsd.toFixed(2)} since it could have been deleted`,
        });
      }
    }
    if (env.kind === 'green' && alive && env.counterpart) {
      const rate = (list: InstanceLifetime[]) => sum(list.map((i) => currentRate(i, book)));
      const green = rate(env.instances);
      const blue = rate(env.counterpart);
      if (env.instances.length < env.counterpart.length || green < blue - 1e-9) {
        out.push({
          kind: 'green-under-provisioned',
          migration: env.migration,
          clusterId: env.clusterId,
          message: `green ${env.clusterId} has ${env.instances.length} instance(s) at $${green.toFixed(3)}/h against blue's ${env.counterpart.length} at $${blue.toFixed(3)}/h: a smaller green makes the cutover look like a regression`,
        });
      }
    }
  }
  return out;
}

/**
 * What a report over these environments lacks: every missing figure, and `partial` when there is
 * one (the CLI exits 6, the front ends say "partial: N figures missing" beside the totals).
 */
export function missingFigures(costs: Array<Pick<EnvironmentCost, 'missing'>>): { missing: MissingFigure[]; partial: boolean } {
  // `?? []`: a report cached or stored before `missing` existed.
  const missing = costs.flatMap((c) => c.missing ?? []);
  return { missing, partial: missing.length > 0 };
}

export type RollupKey = 'migration' | 'team' | 'account';

export interface CostRollup {
  key: string;
  environments: number;
  costSoFar: number;
  burnPerHour: number;
  burnPerDay: number;
  projectedTotal: number;
}

export function rollup(costs: EnvironmentCost[], by: RollupKey | 'fleet'): CostRollup[] {
  const groups = new Map<string, EnvironmentCost[]>();
  for (const c of costs) {
    const key = by === 'fleet' ? 'fleet' : c[by] || '(none)';
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups]
    .map(([key, list]) => ({
      key,
      environments: list.length,
      costSoFar: sum(list.map((c) => c.costSoFar)),
      burnPerHour: sum(list.map((c) => c.burnPerHour)),
      burnPerDay: sum(list.map((c) => c.burnPerDay)),
      projectedTotal: sum(list.map((c) => c.projection?.total ?? c.costSoFar)),
    }))
    .sort((a, b) => b.costSoFar - a.costSoFar || a.key.localeCompare(b.key));
}

function iso(t: number): string {
  return new Date(t).toISOString();
}
