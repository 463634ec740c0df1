/**
 * Storage and I/O cost of a parallel environment's own cluster volume: pure arithmetic.
 *
 * Storage: billed GB (CloudWatch `VolumeBytesUsed`, "[Billed] Volume Bytes Used") × USD per
 * GB-month, per hour of the parallel window (a month is 730 hours, as AWS bills GB-months). A green
 * or a clone is a copy-on-write clone of production, so its volume bills only the pages it changed
 * or added. The latest size is applied to the whole window (storage grows, so this leans high).
 * I/O: billed requests on the volume (`VolumeReadIOPs` + `VolumeWriteIOPs`, summed over the window)
 * × USD per million; none on Aurora I/O-Optimized.
 */
import type { UsagePrice } from './price-book';

const HOUR_MS = 3_600_000;
export const HOURS_PER_MONTH = 730;

/** Billed storage of the environment's volume, as measured. */
export interface StorageUsage {
  gb: number;
  /** Where the figure comes from, e.g. `CloudWatch VolumeBytesUsed (Maximum, last 24 h)`. */
  source: string;
}

/** Billed I/O requests on the environment's volume during its parallel window, and the recent rate. */
export interface IoUsage {
  requests: number;
  requestsPerHour: number;
  source: string;
}

export interface UsagePriceRef {
  usd: number;
  unit: string;
  source: string;
  date: string;
  basis: string;
}

export interface StorageCost {
  gb: number;
  hours: number;
  usd: number;
  /** USD per hour while the environment lives; 0 once it is gone. */
  usdPerHour: number;
  source: string;
  price: UsagePriceRef;
}

export interface IoCost {
  requests: number;
  usd: number;
  usdPerHour: number;
  source: string;
  price: UsagePriceRef;
}

const ref = (p: UsagePrice): UsagePriceRef => ({ usd: p.usd, unit: p.unit, source: p.source, date: p.date, basis: p.basis });

/** Storage cost over [from, to): GB × price per GB-month ÷ 730 per hour. */
export function storageCost(usage: StorageUsage, from: number, to: number, alive: boolean, price: UsagePrice): StorageCost {
  const hours = Math.max(0, to - from) / HOUR_MS;
  const perHour = (usage.gb * price.usd) / HOURS_PER_MONTH;
  return { gb: usage.gb, hours, usd: perHour * hours, usdPerHour: alive ? perHour : 0, source: usage.source, price: ref(price) };
}

/** I/O cost: requests ÷ 1 million × price; the burn rate from the recent request rate. */
export function ioCost(usage: IoUsage, alive: boolean, price: UsagePrice): IoCost {
  return {
    requests: usage.requests,
    usd: (usage.requests / 1_000_000) * price.usd,
    usdPerHour: alive ? (usage.requestsPerHour / 1_000_000) * price.usd : 0,
    source: usage.source,
    price: ref(price),
  };
}
