/**
 * The prices the cost model reads, behind one synchronous interface: fetching (AWS Price List API,
 * cache) happens before the arithmetic, and whatever is not fetched comes from the bundled
 * snapshot. Every figure says where it comes from (`source`, `date`, `basis`).
 */
import {
  AURORA_POSTGRESQL_PRICES,
  quote,
  type PriceBasis,
  type PriceQuote,
  type PriceSnapshot,
  type StorageConfig,
} from './price-snapshot';

/** A price per unit of usage other than instance time: a GB-month of storage, a million I/O requests. */
export interface UsagePrice {
  region: string;
  usd: number;
  unit: 'GB-month' | 'million I/O requests';
  source: string;
  date: string;
  basis: PriceBasis;
  storage: StorageConfig;
}

export interface PriceBook {
  /** USD per instance-hour (per ACU-hour for `db.serverless`) of a class, engine and storage configuration. */
  instance(instanceClass: string, region: string, engine?: string, storage?: StorageConfig): PriceQuote;
  /** USD per GB-month of cluster storage. */
  storage(region: string, storage?: StorageConfig): UsagePrice;
  /** USD per million I/O requests (Aurora Standard; I/O-Optimized has no I/O charge). */
  io(region: string): UsagePrice;
}

function isSnapshot(prices: PriceBook | PriceSnapshot): prices is PriceSnapshot {
  return 'instanceHourly' in prices;
}

/** The bundled snapshot as a price book: other regions by its factor, other engines flagged `other-engine`. */
export function snapshotPriceBook(snapshot: PriceSnapshot = AURORA_POSTGRESQL_PRICES): PriceBook {
  const factor = (region: string) => snapshot.regionFactors[region] ?? snapshot.defaultRegionFactor;
  const basis = (region: string): PriceBasis => (factor(region) === 1 ? 'listed' : 'region-factor');
  return {
    instance(instanceClass, region, engine, storage = 'standard') {
      const q = quote(instanceClass, region, snapshot, storage);
      return engine && engine !== snapshot.engine && q.basis !== 'unknown-class' ? { ...q, basis: 'other-engine' } : q;
    },
    storage(region, storage = 'standard') {
      const gbMonth =
        storage === 'io-optimized' ? (snapshot.ioOptimized?.storageGbMonth ?? snapshot.storageGbMonth) : snapshot.storageGbMonth;
      return {
        region,
        usd: gbMonth * factor(region),
        unit: 'GB-month',
        source: snapshot.source,
        date: snapshot.date,
        basis: basis(region),
        storage,
      };
    },
    io(region) {
      return {
        region,
        usd: snapshot.ioPerMillion * factor(region),
        unit: 'million I/O requests',
        source: snapshot.source,
        date: snapshot.date,
        basis: basis(region),
        storage: 'standard',
      };
    },
  };
}

/** Model functions accept a price book or, as before, a bare snapshot. */
export function asPriceBook(prices: PriceBook | PriceSnapshot): PriceBook {
  return isSnapshot(prices) ? snapshotPriceBook(prices) : prices;
}
