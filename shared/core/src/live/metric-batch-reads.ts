/**
 * Sends planned GetMetricData batches (metric-batches.ts) and answers every request key: its
 * series, or why there is none. Nothing is dropped: a batch that fails leaves each of its keys
 * with the failure.
 *
 * The rate limit is shared: all batches of a region go through the gateway's one CloudWatch client
 * of that region (the SDK's adaptive retry mode keeps one client-side rate limiter per client and
 * backs off on throttling), and at most `concurrency` of them are in flight at once, well under
 * CloudWatch's GetMetricData quota of 50 requests per second per Region [AWS Knowledge Center,
 * "cloudwatch-getmetricdata-api": 50 TPS, 500 metrics and 100,800 datapoints per call]. A batch
 * the SDK gave up on because AWS kept throttling (or erred retryably) is tried again after an
 * exponential backoff with full jitter, `attempts` times in all.
 */
import { isThrottling } from '../aws/sdk-errors';
import type { AwsReads } from '../aws/gateway';
import type { MetricBatch } from './metric-batches';
import { fetchMetricSeries, type MetricSeries } from './metric-series';

export type MetricReadResult = { ok: true; series: MetricSeries } | { ok: false; reason: 'throttled' | 'error'; detail: string };

export interface MetricBatchReadOptions {
  /** Batches in flight at once per region (default 4). */
  concurrency?: number;
  /**
   * Tries of a batch in all, each with the SDK's own retries (default 3: with the gateway's 5 SDK
   * attempts a batch CloudWatch throttles throughout gives up after about 40 s).
   */
  attempts?: number;
  /** First backoff before trying a throttled batch again; it doubles each time (default 1 s, capped at 20 s). */
  baseDelayMs?: number;
  /** For tests: how to wait, and the jitter's source. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** What the reads did, for the caller's figures (bench, logs). */
export interface MetricReadStats {
  /** GetMetricData batches sent, counting each try (the SDK's own retries and pages not included). */
  tries: number;
  /** Tries that failed because AWS throttled them through the SDK's retries. */
  throttledTries: number;
}

const MAX_DELAY_MS = 20_000;

/** `ThrottlingException: Rate exceeded`: AWS's code and words, without the hint the detail already gives. */
function awsWords(error: unknown): string {
  const e = error as { code?: string; awsMessage?: string; name?: string; message?: string };
  return e.code && e.awsMessage ? `${e.code}: ${e.awsMessage}` : `${e.name ?? 'Error'}: ${e.message ?? String(error)}`;
}
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Every key of every batch → its series or its failure. */
export async function readMetricBatches(
  aws: AwsReads,
  batches: MetricBatch[],
  options: MetricBatchReadOptions = {},
): Promise<{ results: Map<string, MetricReadResult>; stats: MetricReadStats }> {
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const attempts = Math.max(1, options.attempts ?? 3);
  const baseDelay = options.baseDelayMs ?? 1_000;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const results = new Map<string, MetricReadResult>();
  const stats: MetricReadStats = { tries: 0, throttledTries: 0 };

  async function readOne(batch: MetricBatch): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      stats.tries += 1;
      try {
        const series = await fetchMetricSeries(aws, batch.region, batch.input);
        for (const [id, key] of batch.keys) results.set(key, { ok: true, series: series.get(id) ?? { timestamps: [], values: [] } });
        return;
      } catch (error) {
        const throttled = isThrottling(error);
        if (throttled) stats.throttledTries += 1;
        const retryable = throttled || (error as { retryable?: boolean }).retryable === true;
        if (retryable && attempt < attempts) {
          await sleep(random() * Math.min(MAX_DELAY_MS, baseDelay * 2 ** (attempt - 1)));
          continue;
        }
        const detail = throttled
          ? `CloudWatch throttled GetMetricData through ${attempts} tries, each with the SDK's retries (${awsWords(error)}); not estimated, try again in a minute`
          : `CloudWatch GetMetricData failed (${error instanceof Error ? error.message : String(error)}); not estimated`;
        for (const key of batch.keys.values()) results.set(key, { ok: false, reason: throttled ? 'throttled' : 'error', detail });
        return;
      }
    }
  }

  const byRegion = new Map<string, MetricBatch[]>();
  for (const b of batches) byRegion.set(b.region, [...(byRegion.get(b.region) ?? []), b]);
  await Promise.all(
    [...byRegion.values()].map(async (queue) => {
      let next = 0;
      const worker = async () => {
        while (next < queue.length) await readOne(queue[next++]);
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
    }),
  );
  return { results, stats };
}
