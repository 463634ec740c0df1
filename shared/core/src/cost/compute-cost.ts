/**
 * Compute cost of instances: pure arithmetic over instance lifetimes and prices. Times are epoch
 * milliseconds. Aurora bills instances per second with a 10-minute minimum after each billable
 * status change (create, start, class change); Serverless v2 bills ACU-hours.
 */
import { asPriceBook, type PriceBook } from './price-book';
import { AURORA_POSTGRESQL_PRICES, type PriceQuote, type PriceSnapshot, type StorageConfig } from './price-snapshot';

export const MINIMUM_BILLED_SECONDS = 600;
const HOUR_MS = 3_600_000;

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
  /** RDS engine (`aurora-postgresql`, `aurora-mysql`); absent: the snapshot's engine. */
  engine?: string;
  /** The cluster's storage configuration; absent: Aurora Standard. */
  storage?: StorageConfig;
}

export interface SegmentCost {
  instanceClass: string;
  seconds: number;
  billedSeconds: number;
  usd: number;
  price: PriceQuote;
  /** `db.serverless`: the average ACUs the segment was priced at. */
  acu?: number;
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

export function segmentRate(segment: InstanceSegment, price: PriceQuote): number {
  return price.unit === 'ACU-hour' ? price.usdPerHour * (segment.acu ?? 0) : price.usdPerHour;
}

export function priceOf(instance: InstanceLifetime, instanceClass: string, prices: PriceBook): PriceQuote {
  return prices.instance(instanceClass, instance.region, instance.engine, instance.storage);
}

/** Cost of one instance up to `now` (segments ending later are cut at `now`). */
export function instanceCost(
  instance: InstanceLifetime,
  now: number,
  prices: PriceBook | PriceSnapshot = AURORA_POSTGRESQL_PRICES,
): InstanceCost {
  const book = asPriceBook(prices);
  let usdPerHour = 0;
  const segments = instance.segments
    .filter((s) => s.from < now)
    .map((s): SegmentCost => {
      const price = priceOf(instance, s.instanceClass, book);
      const end = Math.min(s.to ?? now, now);
      const seconds = Math.max(0, (end - s.from) / 1000);
      const billed = billedSeconds(seconds);
      const rate = segmentRate(s, price);
      if (s.to === undefined || s.to > now) usdPerHour += rate;
      return {
        instanceClass: s.instanceClass,
        seconds,
        billedSeconds: billed,
        usd: (billed / 3600) * rate,
        price,
        ...(s.acu !== undefined ? { acu: s.acu } : {}),
      };
    });
  return { id: instance.id, usd: sum(segments.map((s) => s.usd)), usdPerHour, segments };
}

/** Compute cost accrued inside [from, to) (no minimum: for "since it could have been deleted"). */
export function costBetween(
  instance: InstanceLifetime,
  from: number,
  to: number,
  prices: PriceBook | PriceSnapshot = AURORA_POSTGRESQL_PRICES,
): number {
  const book = asPriceBook(prices);
  return sum(
    instance.segments.map((s) => {
      const start = Math.max(s.from, from);
      const end = Math.min(s.to ?? to, to);
      return end > start ? ((end - start) / HOUR_MS) * segmentRate(s, priceOf(instance, s.instanceClass, book)) : 0;
    }),
  );
}

/** USD per hour of an instance at its latest class. */
export function currentRate(instance: InstanceLifetime, prices: PriceBook): number {
  const last = instance.segments[instance.segments.length - 1];
  return last ? segmentRate(last, priceOf(instance, last.instanceClass, prices)) : 0;
}

export function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
