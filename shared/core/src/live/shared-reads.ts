/**
 * One kind of observation (the clusters of a region, its blue/green deployments, …) shared by
 * every run of a host. `get(key, maxAgeMs)` answers from the latest read of `key` when that read
 * began less than `maxAgeMs` ago (0: only the read this request causes or joins) and, for a poll,
 * after the read that answered its previous poll (PollMemory); otherwise the key
 * joins the next batch: one `readBatch` of every key asked for meanwhile plus the keys other runs
 * poll (asked for within twice their freshness bound, read at least half of it ago), so the batch
 * that one run's poll causes also answers the other runs' next polls. One batch at a time: requests made while one is under
 * way join the one after it, unless the one under way already reads their key and is fresh enough.
 */
import { AwsCallError, THROTTLING_CODES } from '../aws/gateway';

/** What a read found for one key: its value, or why there is none (e.g. a ResourceNotFoundError). */
export type ReadOutcome<V> = { value: V } | { error: Error };

export interface SharedReadsOptions<V> {
  /** Reads many keys at once; must answer every key it is given. */
  readBatch(keys: string[]): Promise<Map<string, ReadOutcome<V>>>;
  /**
   * Reads one key on its own: used when AWS refused a whole batch with a client error (a 4xx that is
   * not throttling), so one run's bad identifier cannot fail the other runs' observations.
   */
  readOne(key: string): Promise<ReadOutcome<V>>;
  now?: () => number;
  /** How long past twice its freshness bound a key stays watched (ms). */
  graceMs?: number;
  /**
   * How long a batch waits for more requests before it starts, when none is under way (ms; 0: the
   * same turn of the event loop only). Runs started together (a rollout's wave) ask within it.
   */
  coalesceMs?: number;
}

interface Batch<V> {
  keys: Set<string>;
  startedAt?: number;
  results: Promise<Map<string, ReadOutcome<V>>>;
  start(): void;
}

export interface SharedReadsStats {
  /** Batches read, and the keys they read in all. */
  batches: number;
  keysRead: number;
  /** Requests answered, and of those, how many from a read another request had already caused. */
  requests: number;
  shared: number;
}

export class SharedReads<V> {
  private readonly cache = new Map<string, { outcome: ReadOutcome<V>; readAt: number }>();
  private readonly watched = new Map<string, { lastWantedAt: number; maxAgeMs: number }>();
  private inFlight?: Batch<V>;
  private next?: Batch<V>;
  private readonly now: () => number;
  readonly stats: SharedReadsStats = { batches: 0, keysRead: 0, requests: 0, shared: 0 };

  constructor(private readonly options: SharedReadsOptions<V>) {
    this.now = options.now ?? (() => Date.now());
  }

  /**
   * The value of `key` as read no longer than `maxAgeMs` ago (0: read after this call). With a
   * `poller` (one wait's or watch window's polls), also a read that began after the one that
   * answered its previous poll; its first poll reads after it asks, as a one-shot check does.
   */
  async get(key: string, maxAgeMs: number, poller?: PollMemory): Promise<V> {
    const now = this.now();
    this.stats.requests++;
    const seen = this.watched.get(key);
    this.watched.set(key, { lastWantedAt: now, maxAgeMs: Math.max(maxAgeMs, seen?.maxAgeMs ?? 0) });
    const previous = poller?.lastRead(this, key);
    // 0, or a poller's first poll: only the batch this request joins, which begins after it.
    const bound = poller && previous === undefined ? 0 : maxAgeMs;
    const fresh = (readAt: number) => now - readAt < bound && (previous === undefined || readAt > previous);
    const answered = (readAt: number, outcome: ReadOutcome<V>): V => {
      poller?.remember(this, key, readAt);
      return unwrap(outcome);
    };
    const cached = this.cache.get(key);
    if (cached && fresh(cached.readAt)) {
      this.stats.shared++;
      return answered(cached.readAt, cached.outcome);
    }
    const inFlight = this.inFlight;
    if (inFlight?.startedAt !== undefined && inFlight.keys.has(key) && fresh(inFlight.startedAt)) {
      this.stats.shared++;
      const startedAt = inFlight.startedAt;
      return answered(startedAt, answerFor(await inFlight.results, key));
    }
    const batch = this.nextBatch();
    if (batch.keys.has(key)) this.stats.shared++;
    batch.keys.add(key);
    const outcome = answerFor(await batch.results, key);
    return answered(batch.startedAt ?? now, outcome);
  }

  /** The batch new requests join: created on demand, started at once or when the one under way ends. */
  private nextBatch(): Batch<V> {
    if (this.next) return this.next;
    let resolve!: (results: Map<string, ReadOutcome<V>>) => void;
    let reject!: (error: unknown) => void;
    const results = new Promise<Map<string, ReadOutcome<V>>>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // A batch nobody awaits any more (every caller gave up) must not be an unhandled rejection.
    results.catch(() => undefined);
    const batch: Batch<V> = {
      keys: new Set(),
      results,
      start: () => {
        this.next = undefined;
        this.inFlight = batch;
        const startedAt = (batch.startedAt = this.now());
        for (const key of this.stillWatched(startedAt)) batch.keys.add(key);
        const keys = [...batch.keys];
        this.stats.batches++;
        this.stats.keysRead += keys.length;
        this.read(keys)
          .then((read) => {
            for (const [key, outcome] of read) {
              const cached = this.cache.get(key);
              if (!cached || cached.readAt <= startedAt) this.cache.set(key, { outcome, readAt: startedAt });
            }
            resolve(read);
          }, reject)
          .finally(() => {
            this.inFlight = undefined;
            this.next?.start();
          });
      },
    };
    this.next = batch;
    // Requests made in the same moment (the runs whose polls fell due together) join before it starts.
    const startIfIdle = () => (this.next === batch && !this.inFlight ? batch.start() : undefined);
    if (!this.inFlight) {
      const wait = this.options.coalesceMs ?? 0;
      if (wait > 0) setTimeout(startIfIdle, wait);
      else setImmediate(startIfIdle);
    }
    return batch;
  }

  private async read(keys: string[]): Promise<Map<string, ReadOutcome<V>>> {
    try {
      return await this.options.readBatch(keys);
    } catch (error) {
      if (keys.length < 2 || !isClientError(error)) throw error;
      const outcomes = await Promise.all(keys.map(async (key) => [key, await this.readOneSafely(key)] as const));
      return new Map(outcomes);
    }
  }

  private async readOneSafely(key: string): Promise<ReadOutcome<V>> {
    try {
      return await this.options.readOne(key);
    } catch (error) {
      return { error: error instanceof Error ? error : new Error(String(error)) };
    }
  }

  /**
   * The watched keys worth reading with this batch: polled (a freshness bound above 0), asked for
   * within twice that bound (plus a grace), and with a read at least half that bound old (a newer
   * one still serves their next poll). Keys asked for longer ago are forgotten.
   */
  private stillWatched(now: number): string[] {
    const grace = this.options.graceMs ?? 2000;
    const keys: string[] = [];
    for (const [key, w] of this.watched) {
      if (now - w.lastWantedAt > 2 * w.maxAgeMs + grace) {
        this.watched.delete(key);
        this.cache.delete(key);
        continue;
      }
      const readAt = this.cache.get(key)?.readAt;
      if (w.maxAgeMs > 0 && (readAt === undefined || now - readAt >= w.maxAgeMs / 2)) keys.push(key);
    }
    return keys;
  }
}

/**
 * What one poller (a wait's or a watch window's successive polls) was last answered with, per
 * shared read and key: when that read began. A poll never takes that read, or an older one, again.
 */
export class PollMemory {
  private readonly readAt = new WeakMap<object, Map<string, number>>();

  lastRead(reads: object, key: string): number | undefined {
    return this.readAt.get(reads)?.get(key);
  }

  remember(reads: object, key: string, readAt: number): void {
    let byKey = this.readAt.get(reads);
    if (!byKey) this.readAt.set(reads, (byKey = new Map()));
    byKey.set(key, Math.max(readAt, byKey.get(key) ?? -Infinity));
  }
}

/** AWS refused the request itself (a 4xx other than throttling): something in it, not AWS, is at fault. */
function isClientError(error: unknown): boolean {
  return (
    error instanceof AwsCallError &&
    error.httpStatus !== undefined &&
    error.httpStatus >= 400 &&
    error.httpStatus < 500 &&
    !THROTTLING_CODES.has(error.code)
  );
}

function answerFor<V>(results: Map<string, ReadOutcome<V>>, key: string): ReadOutcome<V> {
  return results.get(key) ?? { error: new Error(`the shared read answered nothing for ${key}`) };
}

function unwrap<V>(outcome: ReadOutcome<V>): V {
  if ('error' in outcome) throw outcome.error;
  return outcome.value;
}
