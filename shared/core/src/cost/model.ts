/**
 * The cost of parallel environments: pure arithmetic over instance lifetimes and a price snapshot.
 * No AWS I/O here (see fetch-cost.ts). Times are epoch milliseconds.
 *
 * Aurora bills instances per second with a 10-minute minimum after each billable status change
 * (create, start, class change). Included: instance compute (provisioned instance-hours and
 * Serverless v2 ACU-hours). Not included: storage, I/O, backups — green shares blue's volume
 * until it diverges, and those charges are not attributable per environment without the bill.
 */
import { AURORA_POSTGRESQL_PRICES, quote, type PriceQuote, type PriceSnapshot } from './price-snapshot';

export const MINIMUM_BILLED_SECONDS = 600;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** One stretch of an instance's life at one class (a class change starts a new segment). */
export interface InstanceSegment {
  instanceClass: string;
  from: number;
  /** Exclusive end; absent while the instance still runs at this class. */
  to?: number;
  /** `db.serverless`: average ACUs over the segment. */
  acu?: number;
}

export interface InstanceLifetime {
  id: string;
  region: string;
  segments: InstanceSegment[];
}

export interface SegmentCost {
  instanceClass: string;
  seconds: number;
  billedSeconds: number;
  usd: number;
  price: PriceQuote;
}

export interface InstanceCost {
  id: string;
  usd: number;
  /** USD per hour while the instance runs now; 0 once it is gone. */
  usdPerHour: number;
  segments: SegmentCost[];
}

/** Billed seconds of a run of `seconds`: per second, at least 10 minutes once it has started. */
export function billedSeconds(seconds: number): number {
  if (seconds <= 0) return 0;
  return Math.max(MINIMUM_BILLED_SECONDS, Math.ceil(seconds));
}

function segmentRate(segment: InstanceSegment, price: PriceQuote): number {
  return price.unit === 'ACU-hour' ? price.usdPerHour * (segment.acu ?? 0) : price.usdPerHour;
}

/** Cost of one instance up to `now` (segments ending later are cut at `now`). */
export function instanceCost(instance: InstanceLifetime, now: number, snapshot: PriceSnapshot = AURORA_POSTGRESQL_PRICES): InstanceCost {
  let usdPerHour = 0;
  const segments = instance.segments
    .filter((s) => s.from < now)
    .map((s) => {
      const price = quote(s.instanceClass, instance.region, snapshot);
      const end = Math.min(s.to ?? now, now);
      const seconds = Math.max(0, (end - s.from) / 1000);
      const billed = billedSeconds(seconds);
      const rate = segmentRate(s, price);
      if (s.to === undefined || s.to > now) usdPerHour += rate;
      return { instanceClass: s.instanceClass, seconds, billedSeconds: billed, usd: (billed / 3600) * rate, price };
    });
  return { id: instance.id, usd: sum(segments.map((s) => s.usd)), usdPerHour, segments };
}

/** Compute cost accrued inside [from, to) (no minimum: for "since it could have been deleted"). */
export function costBetween(
  instance: InstanceLifetime,
  from: number,
  to: number,
  snapshot: PriceSnapshot = AURORA_POSTGRESQL_PRICES,
): number {
  return sum(
    instance.segments.map((s) => {
      const start = Math.max(s.from, from);
      const end = Math.min(s.to ?? to, to);
      return end > start ? ((end - start) / HOUR_MS) * segmentRate(s, quote(s.instanceClass, instance.region, snapshot)) : 0;
    }),
  );
}

export type EnvironmentKind = 'green' | 'old-blue';

/** A parallel environment: what exists only because a migration is in flight or not cleaned up. */
export interface ParallelEnvironment {
  kind: EnvironmentKind;
  clusterId: string;
  region: string;
  account: string;
  team: string;
  /** The migration (blue/green deployment name) it belongs to. */
  migration: string;
  /** When it became parallel: green's creation, or the switchover for an old blue. */
  since: number;
  /** When it stopped costing (deleted); absent while alive. */
  endedAt?: number;
  /** Planned decommission date and where it came from. */
  plannedEnd?: { at: number; from: 'tag' | 'policy' };
  instances: InstanceLifetime[];
  /** The production counterpart's instances (for the under-provisioning check). */
  counterpart?: InstanceLifetime[];
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
  costSoFar: number;
  burnPerHour: number;
  burnPerDay: number;
  projection: { until: string; from: 'tag' | 'policy'; additional: number; total: number } | null;
  included: string[];
  prices: Array<{ instanceClass: string; region: string; usdPerHour: number; unit: string; source: string; date: string; basis: string }>;
}

export const INCLUDED = ['compute (on-demand instance-hours, Serverless v2 ACU-hours)'];
export const EXCLUDED = ['storage', 'I/O', 'backups', 'data transfer', 'reserved-instance or savings-plan discounts'];

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

export function environmentCost(
  env: ParallelEnvironment,
  now: number,
  snapshot: PriceSnapshot = AURORA_POSTGRESQL_PRICES,
): EnvironmentCost {
  const instances = env.instances.map((i) => instanceCost(clip(i, env.since, env.endedAt), now, snapshot));
  const costSoFar = sum(instances.map((i) => i.usd));
  const burnPerHour = sum(instances.map((i) => i.usdPerHour));
  const alive = env.endedAt === undefined || env.endedAt > now;
  let projection: EnvironmentCost['projection'] = null;
  if (env.plannedEnd && alive) {
    const additional = (Math.max(0, env.plannedEnd.at - now) / HOUR_MS) * burnPerHour;
    projection = { until: iso(env.plannedEnd.at), from: env.plannedEnd.from, additional, total: costSoFar + additional };
  }
  const prices = new Map<string, EnvironmentCost['prices'][number]>();
  for (const s of instances.flatMap((i) => i.segments)) {
    const p = s.price;
    prices.set(`${p.instanceClass}|${p.region}`, {
      instanceClass: p.instanceClass,
      region: p.region,
      usdPerHour: p.usdPerHour,
      unit: p.unit,
      source: p.source,
      date: p.date,
      basis: p.basis,
    });
  }
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
    included: INCLUDED,
    prices: [...prices.values()],
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

export function findings(
  envs: ParallelEnvironment[],
  now: number,
  options: FindingOptions = DEFAULT_FINDING_OPTIONS,
  snapshot: PriceSnapshot = AURORA_POSTGRESQL_PRICES,
): CostFinding[] {
  const out: CostFinding[] = [];
  for (const env of envs) {
    const alive = env.endedAt === undefined || env.endedAt > now;
    if (env.kind === 'old-blue' && alive) {
      const deadline = env.since + options.oldEnvironmentGraceDays * DAY_MS;
      if (now > deadline) {
        const wastedUsd = sum(env.instances.map((i) => costBetween(i, deadline, now, snapshot)));
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
      const rate = (list: InstanceLifetime[]) => sum(list.map((i) => currentRate(i, snapshot)));
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

function currentRate(instance: InstanceLifetime, snapshot: PriceSnapshot): number {
  const last = instance.segments[instance.segments.length - 1];
  return last ? segmentRate(last, quote(last.instanceClass, instance.region, snapshot)) : 0;
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

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function iso(t: number): string {
  return new Date(t).toISOString();
}
