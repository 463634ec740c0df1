/**
 * Figures a cost report wanted from CloudWatch and did not get. A missing figure is never priced as
 * $0 without saying so: the report lists each one with the reason, is marked `partial`, and every
 * front end shows "partial: N figures missing" beside the totals (they are a lower bound then).
 * Browser-safe: the CLI, the backend, the fleet page and the VS Code webview all word it from here.
 */

/** `storage`: VolumeBytesUsed; `io`: VolumeReadIOPs + VolumeWriteIOPs; `acu`: ServerlessDatabaseCapacity of one instance. */
export type CostFigure = 'storage' | 'io' | 'acu';

/**
 * `throttled`: CloudWatch kept throttling the request through every retry; `error`: the request
 * failed otherwise (access denied, timeout…); `incomplete`: CloudWatch answered with a status other
 * than Complete for the query (InternalError, Forbidden, PartialData); `no-datapoints`: it answered
 * Complete with no datapoints in the environment's window (a cluster minutes old, a wrong region).
 */
export type MissingReason = 'throttled' | 'error' | 'incomplete' | 'no-datapoints';

export interface MissingFigure {
  figure: CostFigure;
  clusterId: string;
  region: string;
  migration: string;
  /** The Serverless v2 instance, for `acu`. */
  instanceId?: string;
  reason: MissingReason;
  /** What happened, in words: the AWS error or status, and what the estimate does instead. */
  detail: string;
}

const FIGURE_NAMES: Record<CostFigure, string> = { storage: 'storage', io: 'I/O', acu: 'ACUs' };

/** `storage of prod-app-green-1 (us-east-1): CloudWatch throttled GetMetricData through every retry (Rate exceeded)`. */
export function missingFigureText(m: MissingFigure): string {
  return `${FIGURE_NAMES[m.figure]} of ${m.instanceId ?? m.clusterId} (${m.region}): ${m.detail}`;
}

/** `partial: 3 figures missing` (of a list, or a count), or null when nothing is missing. */
export function partialLabel(missing: readonly MissingFigure[] | number | undefined): string | null {
  const n = typeof missing === 'number' ? missing : (missing?.length ?? 0);
  if (n === 0) return null;
  return `partial: ${n} figure${n === 1 ? '' : 's'} missing`;
}
