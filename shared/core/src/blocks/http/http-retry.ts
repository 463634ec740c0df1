import type { HttpMethod } from './http-block';
import type { HttpSendError } from './http-errors';

/**
 * Which failed attempts an http block's `retries:` repeat. A request is sent again only when doing
 * so cannot apply a change twice:
 * - no connection was made (refused, unknown host): nothing was sent, any method;
 * - 429 Too Many Requests: the server refused to process it (RFC 6585 §4), any method;
 * - a timeout, a broken connection, 408, 500, 502, 503, 504: only idempotent methods — GET, HEAD,
 *   PUT, DELETE (RFC 9110 §9.2.2: repeating them has the effect of sending them once). A POST or
 *   PATCH whose answer was lost may have taken effect: the step fails and the operator decides.
 */
const IDEMPOTENT: readonly HttpMethod[] = ['GET', 'HEAD', 'PUT', 'DELETE'];
const RETRY_STATUS_IDEMPOTENT = [408, 429, 500, 502, 503, 504];

export function retriesAfterError(method: HttpMethod, error: HttpSendError): boolean {
  if (error.phase === 'aborted') return false;
  return error.notSent || IDEMPOTENT.includes(method);
}

export function retriesAfterStatus(method: HttpMethod, status: number): boolean {
  return status === 429 || (IDEMPOTENT.includes(method) && RETRY_STATUS_IDEMPOTENT.includes(status));
}

/** Backoff before attempt `attempt + 1`: 1 s, 2 s, 4 s … up to 30 s, or the server's `Retry-After` seconds (at most 60), then scaled. */
export function retryDelayMs(attempt: number, retryAfter: string | undefined, timeScale: number): number {
  const asked = retryAfter !== undefined && /^\d+$/.test(retryAfter.trim()) ? Math.min(Number(retryAfter), 60) * 1000 : undefined;
  return (asked ?? Math.min(1000 * 2 ** attempt, 30_000)) / timeScale;
}
