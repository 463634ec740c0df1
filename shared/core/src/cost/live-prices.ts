/**
 * Prices from the AWS Price List API (GetProducts, ServiceCode AmazonRDS) for exactly what a report
 * needs — each instance class per engine, region and storage configuration, Serverless v2, storage
 * and I/O per region — through a cache, with the bundled snapshot for whatever the API does not
 * answer. Every figure says which: "AWS Price List API" and the day it was read, or the snapshot.
 */
import { snapshotPriceBook, type PriceBook, type UsagePrice } from './price-book';
import type { PriceCache } from './price-cache';
import { PRICING_REGION, type PriceListClient, type PriceListFilter } from './price-list-client';
import { parsePriceList, type ListedPrice } from './price-list-parse';
import { AURORA_POSTGRESQL_PRICES, type PriceQuote, type PriceSnapshot, type StorageConfig } from './price-snapshot';

export const PRICE_LIST_SOURCE = `AWS Price List API (GetProducts, ${PRICING_REGION})`;

/** The Price List's `databaseEngine` of each Aurora engine. */
const ENGINE_NAMES: Record<string, string> = {
  'aurora-postgresql': 'Aurora PostgreSQL',
  'aurora-mysql': 'Aurora MySQL',
  aurora: 'Aurora MySQL',
};

export interface PriceNeeds {
  instances: Array<{ instanceClass: string; region: string; engine: string; storage: StorageConfig }>;
  /** Regions (and storage configurations) whose storage price is needed. */
  storage: Array<{ region: string; storage: StorageConfig }>;
  /** Regions whose I/O price is needed. */
  io: string[];
}

export interface LivePriceOptions {
  client: PriceListClient;
  cache?: PriceCache;
  /** What prices what the API does not answer; default the bundled snapshot. */
  fallback?: PriceSnapshot;
}

export interface LivePrices {
  book: PriceBook;
  /** Distinct sources the book's figures came from. */
  sources: Array<{ source: string; date: string }>;
  /** Why the API was not (fully) used, for the report: it failed, or it had no product for a need. */
  notes: string[];
}

const match = (Field: string, Value: string): PriceListFilter => ({ Type: 'TERM_MATCH', Field, Value });
const day = (t: number) => new Date(t).toISOString().slice(0, 10);

interface Answer {
  prices: ListedPrice[];
  date: string;
}

/** One GetProducts query, all pages, through the cache. */
async function ask(options: LivePriceOptions, filters: PriceListFilter[]): Promise<Answer> {
  const key = `${options.client.target}|AmazonRDS|${JSON.stringify(filters.map((f) => [f.Field, f.Value]))}`;
  const cached = options.cache?.get<ListedPrice[]>(key);
  if (cached) return { prices: cached.value, date: day(cached.fetchedAt) };
  const prices: ListedPrice[] = [];
  let token: string | undefined;
  do {
    const out = await options.client.getProducts({
      ServiceCode: 'AmazonRDS',
      Filters: filters,
      FormatVersion: 'aws_v1',
      MaxResults: 100,
      ...(token ? { NextToken: token } : {}),
    });
    prices.push(...parsePriceList(out.PriceList));
    token = out.NextToken || undefined;
  } while (token);
  const entry = options.cache?.set(key, prices);
  return { prices, date: day(entry?.fetchedAt ?? Date.now()) };
}

const instanceUsage = (storage: StorageConfig) => (storage === 'io-optimized' ? /InstanceUsageIOOptimized:/ : /(^|-)InstanceUsage:/);
const serverlessUsage = (storage: StorageConfig) => (storage === 'io-optimized' ? /ServerlessV2IOOptimizedUsage$/ : /ServerlessV2Usage$/);
const storageUsage = (storage: StorageConfig) =>
  storage === 'io-optimized' ? /Aurora:IO-?OptimizedStorageUsage$/i : /Aurora:StorageUsage$/;

/** Fetches what `needs` lists; falls back to the snapshot per figure, and altogether after the first API error. */
export async function fetchPriceBook(needs: PriceNeeds, options: LivePriceOptions): Promise<LivePrices> {
  const fallback = snapshotPriceBook(options.fallback ?? AURORA_POSTGRESQL_PRICES);
  const notes: string[] = [];
  let failed = false;
  const instances = new Map<string, PriceQuote>();
  const storage = new Map<string, UsagePrice>();
  const io = new Map<string, UsagePrice>();
  const pick = async (
    what: string,
    filters: PriceListFilter[],
    usage: RegExp,
    unit: string,
  ): Promise<{ usd: number; date: string } | undefined> => {
    if (failed) return undefined;
    try {
      const answer = await ask(options, filters);
      const found = answer.prices
        .filter((p) => usage.test(p.usagetype) && p.unit === unit)
        .sort((a, b) => a.usagetype.localeCompare(b.usagetype))[0];
      if (!found) notes.push(`the AWS Price List has no On-Demand price for ${what}; priced from the bundled snapshot`);
      return found ? { usd: found.usd, date: answer.date } : undefined;
    } catch (error) {
      failed = true;
      notes.push(`AWS Price List API unavailable (${(error as Error).message}); prices from the bundled snapshot`);
      return undefined;
    }
  };
  const source = (date: string) => ({ source: PRICE_LIST_SOURCE, date, basis: 'listed' as const });

  for (const need of needs.instances) {
    const engine = ENGINE_NAMES[need.engine];
    if (!engine) continue;
    const serverless = need.instanceClass === 'db.serverless';
    const base = [match('databaseEngine', engine), match('regionCode', need.region)];
    const what = `${need.instanceClass} (${engine}, ${need.region}${need.storage === 'io-optimized' ? ', I/O-Optimized' : ''})`;
    const found = serverless
      ? await pick(what, [...base, match('productFamily', 'ServerlessV2')], serverlessUsage(need.storage), 'ACU-Hr')
      : await pick(
          what,
          [...base, match('instanceType', need.instanceClass), match('deploymentOption', 'Single-AZ')],
          instanceUsage(need.storage),
          'Hrs',
        );
    if (!found) continue;
    instances.set(`${need.instanceClass}|${need.region}|${need.engine}|${need.storage}`, {
      instanceClass: need.instanceClass,
      region: need.region,
      usdPerHour: found.usd,
      unit: serverless ? 'ACU-hour' : 'instance-hour',
      ...source(found.date),
      ...(need.storage === 'io-optimized' ? { storage: need.storage } : {}),
    });
  }
  for (const need of needs.storage) {
    const found = await pick(
      `Aurora ${need.storage === 'io-optimized' ? 'I/O-Optimized ' : ''}storage in ${need.region}`,
      [match('regionCode', need.region), match('productFamily', 'Database Storage')],
      storageUsage(need.storage),
      'GB-Mo',
    );
    if (found)
      storage.set(`${need.region}|${need.storage}`, {
        region: need.region,
        usd: found.usd,
        unit: 'GB-month',
        storage: need.storage,
        ...source(found.date),
      });
  }
  for (const region of needs.io) {
    const found = await pick(
      `Aurora I/O in ${region}`,
      [match('regionCode', region), match('productFamily', 'System Operation')],
      /Aurora:StorageIOUsage$/,
      'IOs',
    );
    if (found)
      io.set(region, { region, usd: found.usd * 1_000_000, unit: 'million I/O requests', storage: 'standard', ...source(found.date) });
  }

  const book: PriceBook = {
    instance: (instanceClass, region, engine = 'aurora-postgresql', config = 'standard') =>
      instances.get(`${instanceClass}|${region}|${engine}|${config}`) ?? fallback.instance(instanceClass, region, engine, config),
    storage: (region, config = 'standard') => storage.get(`${region}|${config}`) ?? fallback.storage(region, config),
    io: (region) => io.get(region) ?? fallback.io(region),
  };
  const used = [...instances.values(), ...storage.values(), ...io.values()].map((p) => ({ source: p.source, date: p.date }));
  const all = needs.instances.length + needs.storage.length + needs.io.length;
  if (used.length < all) {
    const snapshot = options.fallback ?? AURORA_POSTGRESQL_PRICES;
    used.push({ source: snapshot.source, date: snapshot.date });
  }
  const sources = [...new Map(used.map((s) => [`${s.source}|${s.date}`, s])).values()];
  return { book, sources, notes };
}
