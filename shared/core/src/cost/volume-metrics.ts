/**
 * Measures what an environment's own cluster volume and Serverless v2 instances use, from
 * CloudWatch — for all environments at once, in GetMetricData batches of up to 500 queries per
 * region (live/metric-batches.ts), sent under one shared rate limit with backoff on throttling
 * (live/metric-batch-reads.ts):
 * - `VolumeBytesUsed` (Maximum, last 24 h of the window): billed storage, for greens and clones only;
 * - `VolumeReadIOPs` + `VolumeWriteIOPs` (Sum over the window): billed I/O, Aurora Standard only;
 * - `ServerlessDatabaseCapacity` (Average per instance): the ACUs a `db.serverless` instance ran at.
 * Every figure wanted and not obtained is in the environment's `missing`, with the reason (never
 * a silent $0); what is not measurable by design (an old blue's storage) is in `notMeasured`.
 */
import type { AwsReads } from '../aws/gateway';
import { readMetricBatches, type MetricBatchReadOptions, type MetricReadResult, type MetricReadStats } from '../live/metric-batch-reads';
import { planMetricBatches, type MetricRequest } from '../live/metric-batches';
import type { MetricSeries } from '../live/metric-series';
import type { CostFigure, MissingFigure, MissingReason } from '../model/cost-missing';
import type { ParallelEnvironment } from './model';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const GIB = 1024 ** 3;

export type VolumeMeasureOptions = MetricBatchReadOptions & {
  /** Queries per GetMetricData request (default and maximum 500). */
  maxQueries?: number;
};

/** One environment's window and what is wanted of it. */
interface Plan {
  env: ParallelEnvironment;
  start: number;
  to: number;
  end: number;
  ownVolume: boolean;
  standard: boolean;
  serverless: ParallelEnvironment['instances'];
}

function planOf(env: ParallelEnvironment, now: number): Plan {
  const end = Math.min(env.endedAt ?? now, now);
  // Whole hours around the window: CloudWatch aggregates by aligned periods.
  const start = Math.floor(env.since / HOUR_MS) * HOUR_MS;
  const to = Math.max(start + HOUR_MS, Math.ceil(end / HOUR_MS) * HOUR_MS);
  return {
    env,
    start,
    to,
    end,
    ownVolume: env.kind !== 'old-blue',
    standard: (env.storageConfig ?? 'standard') === 'standard',
    serverless: env.instances.filter((i) => i.segments.some((s) => s.instanceClass === 'db.serverless')),
  };
}

/** Request keys are `<environment index>/<query>`: unique across environments, never sent to AWS. */
function requestsOf(p: Plan, index: number): MetricRequest[] {
  const base = { region: p.env.region, namespace: 'AWS/RDS', period: 3600, from: p.start, to: p.to };
  const cluster = { DBClusterIdentifier: p.env.clusterId };
  return [
    ...(p.ownVolume ? [{ ...base, key: `${index}/storage`, metricName: 'VolumeBytesUsed', dimensions: cluster, stat: 'Maximum' }] : []),
    ...(p.standard
      ? [
          { ...base, key: `${index}/reads`, metricName: 'VolumeReadIOPs', dimensions: cluster, stat: 'Sum' },
          { ...base, key: `${index}/writes`, metricName: 'VolumeWriteIOPs', dimensions: cluster, stat: 'Sum' },
        ]
      : []),
    ...p.serverless.map((i, n) => ({
      ...base,
      key: `${index}/acu${n}`,
      metricName: 'ServerlessDatabaseCapacity',
      dimensions: { DBInstanceIdentifier: i.id },
      stat: 'Average',
    })),
  ];
}

/**
 * Fills `storage`, `io`, `missing`, `notMeasured` and serverless ACUs of each environment, in
 * place; returns what the CloudWatch reads did.
 */
export async function measureVolumes(
  aws: AwsReads,
  envs: ParallelEnvironment[],
  now: number,
  options: VolumeMeasureOptions = {},
): Promise<MetricReadStats & { requests: number }> {
  const plans = envs.map((env) => planOf(env, now));
  const requests = plans.flatMap((p, i) => requestsOf(p, i));
  const batches = planMetricBatches(requests, options.maxQueries);
  const { results, stats } = await readMetricBatches(aws, batches, options);
  plans.forEach((p, i) => interpret(p, (q) => results.get(`${i}/${q}`)));
  return { ...stats, requests: batches.length };
}

/** The datapoints of one answer that fall in [from, to): a batch's window is wider than each series'. */
function within(s: MetricSeries, from: number, to: number): { timestamps: Date[]; values: number[] } {
  const keep = s.timestamps.map((t) => t.getTime() >= from && t.getTime() < to);
  return { timestamps: s.timestamps.filter((_, i) => keep[i]), values: s.values.filter((_, i) => keep[i]) };
}

type Answer = { ok: true; points: { timestamps: Date[]; values: number[] } } | { ok: false; reason: MissingReason; detail: string };

/** A read result as the figure sees it: its datapoints in the window, or why there are none to trust. */
function answerOf(result: MetricReadResult | undefined, metric: string, from: number, to: number): Answer {
  if (!result) return { ok: false, reason: 'error', detail: `no answer for ${metric}; not estimated` };
  if (!result.ok) return result;
  const { status, messages } = result.series;
  if (status && status !== 'Complete') {
    const why = messages?.length ? ` (${messages.join('; ')})` : '';
    return { ok: false, reason: 'incomplete', detail: `CloudWatch answered ${metric} with StatusCode ${status}${why}; not estimated` };
  }
  return { ok: true, points: within(result.series, from, to) };
}

function interpret(p: Plan, result: (query: string) => MetricReadResult | undefined): void {
  const { env, start, to, end } = p;
  const id = env.clusterId;
  const notes: string[] = (env.notMeasured ??= []);
  const missing: MissingFigure[] = (env.missing ??= []);
  const miss = (figure: CostFigure, reason: MissingReason, detail: string, instanceId?: string) =>
    missing.push({
      figure,
      clusterId: id,
      region: env.region,
      migration: env.migration,
      reason,
      detail,
      ...(instanceId ? { instanceId } : {}),
    });
  const lastDay = (points: { timestamps: Date[]; values: number[] }) =>
    points.values.filter((_, i) => points.timestamps[i].getTime() >= to - DAY_MS);
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

  if (!p.ownVolume) {
    notes.push(
      `storage of ${id}: an old blue's volume still shares its pages with the new production, which pays for them once ${id} is deleted; the part only ${id} holds is not measurable`,
    );
  } else {
    const storage = answerOf(result('storage'), 'VolumeBytesUsed', start, to);
    if (!storage.ok) miss('storage', storage.reason, storage.detail);
    else {
      const recent = lastDay(storage.points);
      if (recent.length) env.storage = { gb: Math.max(...recent) / GIB, source: 'CloudWatch VolumeBytesUsed, Maximum of the last 24 h' };
      else miss('storage', 'no-datapoints', 'CloudWatch has no VolumeBytesUsed datapoints for it in the window; not estimated');
    }
  }

  if (p.standard) {
    const reads = answerOf(result('reads'), 'VolumeReadIOPs', start, to);
    const writes = answerOf(result('writes'), 'VolumeWriteIOPs', start, to);
    if (!reads.ok || !writes.ok) {
      const failed = !reads.ok ? reads : (writes as Extract<Answer, { ok: false }>);
      miss('io', failed.reason, failed.detail);
    } else if (reads.points.values.length + writes.points.values.length === 0) {
      miss('io', 'no-datapoints', 'CloudWatch has no VolumeReadIOPs/VolumeWriteIOPs datapoints for it in the window; not estimated');
    } else {
      // The rate over the time the environment actually existed in the last day of the window.
      const hours = Math.max(5 * 60_000, end - Math.max(env.since, to - DAY_MS)) / HOUR_MS;
      env.io = {
        requests: sum(reads.points.values) + sum(writes.points.values),
        requestsPerHour: (sum(lastDay(reads.points)) + sum(lastDay(writes.points))) / hours,
        source: 'CloudWatch VolumeReadIOPs + VolumeWriteIOPs, Sum over the window',
      };
    }
  }

  p.serverless.forEach((instance, n) => {
    const segment = instance.segments[instance.segments.length - 1];
    const acu = answerOf(result(`acu${n}`), 'ServerlessDatabaseCapacity', start, to);
    if (acu.ok && acu.points.values.length) {
      segment.acu = sum(acu.points.values) / acu.points.values.length;
      return;
    }
    const reason = acu.ok ? 'no-datapoints' : acu.reason;
    const why = acu.ok
      ? 'CloudWatch has no ServerlessDatabaseCapacity datapoints for it in the window'
      : acu.detail.replace(/; not estimated.*$/, '');
    miss(
      'acu',
      reason,
      segment.acu !== undefined
        ? `${why}; priced at the cluster's minimum capacity (${segment.acu} ACU), a lower bound`
        : `${why}; no minimum capacity either, so its compute is priced at $0`,
      instance.id,
    );
  });
}
