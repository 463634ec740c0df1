/** The colour family of an AWS or run status, as a CSS class suffix (`sy-tone--ok` …). */
import { IN_PROGRESS_RUN_STATUSES } from '@switchyard/core/model';

export type Tone = 'ok' | 'warn' | 'error' | 'neutral' | 'active';

const OK = new Set(['available', 'available-global', 'succeeded', 'switched over', 'switchover_completed', 'ready']);
const ERROR = new Set([
  'failed',
  'inaccessible-encryption-credentials',
  'incompatible-parameters',
  'incompatible-restore',
  'incompatible-network',
  'storage-full',
  'stopped',
  'aborted',
  'rolled-back',
  'rejected',
  'invalid_configuration',
  'switchover_failed',
  'provisioning_failed',
]);
const ACTIVE = new Set<string>(IN_PROGRESS_RUN_STATUSES);

export function statusTone(status: string): Tone {
  const s = status.toLowerCase();
  if (OK.has(s)) return 'ok';
  if (ERROR.has(s) || s.includes('fail')) return 'error';
  if (ACTIVE.has(s)) return 'active';
  if (s === 'skipped' || s === 'cancelled' || s === 'unknown' || s === '') return 'neutral';
  // creating, modifying, rebooting, failing-over, backing-up, deleting, switching over …
  return 'warn';
}
