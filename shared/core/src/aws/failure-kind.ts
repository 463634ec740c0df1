import { THROTTLING_CODES } from './gateway';

/**
 * What kind of trouble an AWS call ran into, for the words and the way forward (the core's hints,
 * the editor's buttons): the one list of AWS's and Node's error codes for each kind.
 */
export type AwsFailureKind = 'no-credentials' | 'clock-skew' | 'expired' | 'rejected' | 'denied' | 'throttling' | 'timeout' | 'network';

export interface AwsFailure {
  kind: AwsFailureKind;
  /** The code it was recognised by, when a code did it. */
  code?: string;
}

/**
 * The request's time is too far from AWS's: "in most cases, a request must reach AWS within five
 * minutes of the time stamp in the request" (IAM User Guide, "AWS Signature Version 4 for API
 * requests"; some services, e.g. S3, allow 15). S3's `RequestTimeTooSkewed`, EC2's
 * `RequestInTheFuture`, or a signature code saying "Signature expired: … is now earlier than …" or
 * "Signature not yet current".
 */
const SKEW = new Set(['RequestTimeTooSkewed', 'RequestInTheFuture']);
const SIGNATURE = new Set(['SignatureDoesNotMatch', 'InvalidSignatureException', 'AuthFailure']);
const SKEW_MESSAGE = /signature (?:expired|not yet current)/i;

const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);
const EXPIRED_MESSAGE = /(token|session|sso)[^.]*expired|expired[^.]*(token|session)/i;
const REJECTED = new Set(['InvalidClientTokenId', 'UnrecognizedClientException', 'SignatureDoesNotMatch', 'AuthFailure']);
const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation']);
const TIMEOUT = new Set(['TimeoutError', 'RequestTimeout', 'ETIMEDOUT']);
const NETWORK = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH']);
const NETWORK_MESSAGE = /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|socket hang up)\b/;
const NO_CREDENTIALS_MESSAGE = /could not load credentials|credentials? (?:not found|provider)/i;

interface Failure {
  Code?: unknown;
  code?: unknown;
  name?: unknown;
  awsMessage?: unknown;
  message?: unknown;
  cause?: unknown;
}

/** The codes and messages of an error and its causes (an AwsCallError wraps the SDK's error). */
function readError(error: unknown): { codes: string[]; text: string } {
  const codes: string[] = [];
  const texts: string[] = [];
  for (let e = error as Failure | undefined, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    for (const c of [e.Code, e.code, e.name]) if (typeof c === 'string') codes.push(c);
    const text = typeof e.awsMessage === 'string' ? e.awsMessage : e.message;
    if (typeof text === 'string') texts.push(text);
    e = e.cause as Failure | undefined;
  }
  if (typeof error === 'string') texts.push(error);
  return { codes, text: texts.join('\n') };
}

/** The kind of an AWS call's failure (an SDK error, an AwsCallError, a Node error), or undefined. */
export function awsFailureKind(error: unknown): AwsFailure | undefined {
  const { codes, text } = readError(error);
  const first = (set: ReadonlySet<string>) => codes.find((c) => set.has(c));
  if (codes.includes('CredentialsProviderError') || NO_CREDENTIALS_MESSAGE.test(text)) return { kind: 'no-credentials' };
  const skew = first(SKEW) ?? (SKEW_MESSAGE.test(text) ? first(SIGNATURE) : undefined);
  if (skew) return { kind: 'clock-skew', code: skew };
  const expired = first(EXPIRED);
  if (expired || EXPIRED_MESSAGE.test(text)) return { kind: 'expired', code: expired };
  const known: Array<[AwsFailureKind, ReadonlySet<string>]> = [
    ['rejected', REJECTED],
    ['denied', DENIED],
    ['throttling', THROTTLING_CODES],
    ['timeout', TIMEOUT],
    ['network', NETWORK],
  ];
  for (const [kind, set] of known) {
    const code = first(set);
    if (code) return { kind, code };
  }
  const network = NETWORK_MESSAGE.exec(text)?.[1];
  return network ? { kind: 'network', code: network } : undefined;
}

/** The fix for a clock off by more than AWS allows, in one place for every front end. */
export const CLOCK_SKEW_FIX =
  "this machine's clock is off by more than 5 minutes, and AWS refuses requests signed at the wrong time: compare `date -u` with the real UTC time, turn on time sync (e.g. `timedatectl set-ntp true`), then retry";
