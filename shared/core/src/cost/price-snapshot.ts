/**
 * A bundled, dated snapshot of Aurora PostgreSQL on-demand prices, used offline and whenever the
 * AWS Price List API cannot be asked (price-list.ts). Every figure the cost model derives from it
 * carries `source` and `date`.
 */

export interface PriceSnapshot {
  source: string;
  /** When the figures were taken (YYYY-MM). */
  date: string;
  currency: 'USD';
  engine: string;
  /** The region the table lists; other regions use `regionFactors` (or `defaultRegionFactor`). */
  baseRegion: string;
  /** On-demand USD per instance-hour, Aurora Standard storage configuration. */
  instanceHourly: Record<string, number>;
  /** Aurora Serverless v2, USD per ACU-hour. */
  serverlessAcuHourly: number;
  /** Aurora Standard storage, USD per GB-month. */
  storageGbMonth: number;
  /** Aurora Standard I/O, USD per million requests. */
  ioPerMillion: number;
  /** Aurora I/O-Optimized: instance and ACU prices × `computeFactor`, its own storage price, no I/O charge. */
  ioOptimized?: { computeFactor: number; storageGbMonth: number };
  /** Explicit multipliers against `baseRegion`. */
  regionFactors: Record<string, number>;
  /** Multiplier for regions not listed: an approximation, flagged on every figure that uses it. */
  defaultRegionFactor: number;
}

export const AURORA_POSTGRESQL_PRICES: PriceSnapshot = {
  source:
    'bundled snapshot: awslabs agent-toolkit-for-aws, amazon-aurora-postgresql references (static fallback table, us-east-1 On-Demand, Aurora Standard), not the live AWS Price List',
  date: '2026-08',
  currency: 'USD',
  engine: 'aurora-postgresql',
  baseRegion: 'us-east-1',
  instanceHourly: {
    'db.t4g.medium': 0.073,
    'db.r6g.large': 0.26,
    'db.r6g.xlarge': 0.519,
    'db.r6g.2xlarge': 1.038,
    'db.r7g.large': 0.276,
    'db.r7g.xlarge': 0.553,
    'db.r7g.2xlarge': 1.106,
  },
  serverlessAcuHourly: 0.12,
  storageGbMonth: 0.1,
  ioPerMillion: 0.2,
  ioOptimized: { computeFactor: 1.3, storageGbMonth: 0.225 },
  regionFactors: { 'us-east-1': 1, 'us-east-2': 1, 'us-west-2': 1 },
  defaultRegionFactor: 1.1,
};

export interface PriceQuote {
  instanceClass: string;
  region: string;
  /** USD per instance-hour, or per ACU-hour for `db.serverless`. */
  usdPerHour: number;
  unit: 'instance-hour' | 'ACU-hour';
  source: string;
  date: string;
  /**
   * How the figure was obtained: listed (in the snapshot, or read from the Price List API), a region
   * factor applied, the class is in neither (priced at 0), or another engine's snapshot figure.
   */
  basis: PriceBasis;
  /** Aurora storage configuration the figure is for (absent: Aurora Standard). */
  storage?: StorageConfig;
}

export type PriceBasis = 'listed' | 'region-factor' | 'unknown-class' | 'other-engine';

/** Aurora Standard (I/O billed per request) or Aurora I/O-Optimized (no I/O charge, dearer compute). */
export type StorageConfig = 'standard' | 'io-optimized';

/**
 * The on-demand price of one class in one region from a snapshot; unknown classes price at 0 and
 * say so. I/O-Optimized applies the snapshot's compute factor.
 */
export function quote(
  instanceClass: string,
  region: string,
  snapshot: PriceSnapshot = AURORA_POSTGRESQL_PRICES,
  storage: StorageConfig = 'standard',
): PriceQuote {
  const factor = snapshot.regionFactors[region] ?? snapshot.defaultRegionFactor;
  const optimized = storage === 'io-optimized' ? (snapshot.ioOptimized?.computeFactor ?? 1) : 1;
  const serverless = instanceClass === 'db.serverless';
  const base = serverless ? snapshot.serverlessAcuHourly : snapshot.instanceHourly[instanceClass];
  return {
    instanceClass,
    region,
    usdPerHour: base === undefined ? 0 : base * factor * optimized,
    unit: serverless ? 'ACU-hour' : 'instance-hour',
    source: snapshot.source,
    date: snapshot.date,
    basis: base === undefined ? 'unknown-class' : factor === 1 ? 'listed' : 'region-factor',
    ...(storage === 'io-optimized' ? { storage } : {}),
  };
}
