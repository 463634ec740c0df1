/**
 * A cache of Price List answers: in memory with a time to live, optionally kept in a JSON file so
 * the next `switchyard cost` (or a restarted backend) does not ask again. Prices change rarely;
 * the default time to live is a day. A missing, unreadable or corrupt file is an empty cache, and
 * a file that cannot be written leaves the cache in memory only (the reason is in `writeError`).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export interface PriceCacheOptions {
  /** How long an answer is reused; default 24 hours. */
  ttlMs?: number;
  /** A JSON file to keep answers in across processes. */
  file?: string;
  /** Clock, for tests. */
  now?: () => number;
}

export interface CachedAnswer<T> {
  value: T;
  /** When it was fetched (epoch ms). */
  fetchedAt: number;
}

interface CacheFile {
  version: 1;
  entries: Record<string, CachedAnswer<unknown>>;
}

export const DEFAULT_PRICE_CACHE_TTL_MS = 24 * 3_600_000;

export class PriceCache {
  private entries: Map<string, CachedAnswer<unknown>> | undefined;
  private readonly ttlMs: number;
  private readonly now: () => number;
  /** Why the cache file could not be written, if it could not. */
  writeError: string | undefined;

  constructor(private readonly options: PriceCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? DEFAULT_PRICE_CACHE_TTL_MS;
    this.now = options.now ?? Date.now;
  }

  /** A fresh answer for `key`, or undefined (absent or older than the time to live). */
  get<T>(key: string): CachedAnswer<T> | undefined {
    const entry = this.load().get(key);
    if (!entry || this.now() - entry.fetchedAt > this.ttlMs || entry.fetchedAt > this.now()) return undefined;
    return entry as CachedAnswer<T>;
  }

  set<T>(key: string, value: T): CachedAnswer<T> {
    const entry = { value, fetchedAt: this.now() };
    const entries = this.load();
    entries.set(key, entry);
    this.save(entries);
    return entry;
  }

  private load(): Map<string, CachedAnswer<unknown>> {
    if (this.entries) return this.entries;
    this.entries = new Map();
    if (!this.options.file) return this.entries;
    try {
      const parsed = JSON.parse(readFileSync(this.options.file, 'utf8')) as Partial<CacheFile>;
      if (parsed.version === 1 && parsed.entries && typeof parsed.entries === 'object') {
        for (const [key, entry] of Object.entries(parsed.entries)) {
          if (entry && typeof entry.fetchedAt === 'number') this.entries.set(key, entry);
        }
      }
    } catch {
      // no file yet, or not ours: start empty
    }
    return this.entries;
  }

  private save(entries: Map<string, CachedAnswer<unknown>>): void {
    const file = this.options.file;
    if (!file) return;
    const fresh = [...entries].filter(([, e]) => this.now() - e.fetchedAt <= this.ttlMs);
    const content: CacheFile = { version: 1, entries: Object.fromEntries(fresh) };
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, `${JSON.stringify(content)}\n`);
      renameSync(temporary, file);
      this.writeError = undefined;
    } catch (error) {
      this.writeError = `price cache ${file} not written: ${(error as Error).message}`;
    }
  }
}
