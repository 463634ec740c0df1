import { awsFailureKind, CLOCK_SKEW_FIX } from './failure-kind';
import { AwsCallError, THROTTLING_CODES, type AwsServiceName } from './gateway';

/** The call that failed, and where it went (`aws` or a custom endpoint such as the simulator). */
export interface FailedCall {
  service: AwsServiceName;
  operation: string;
  target: string;
}

/** What the SDK puts on a failure: AWS's answer (`$metadata.httpStatusCode`) or the Node error of a request that got none. */
interface SdkFailure {
  name?: string;
  Code?: string;
  code?: string;
  message?: string;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number };
}

/** Whether a failure is AWS throttling the caller (an AwsCallError, or an SDK error by its code or name). */
export function isThrottling(error: unknown): boolean {
  const e = (error ?? {}) as SdkFailure;
  return [e.code, e.Code, e.name].some((c) => c !== undefined && THROTTLING_CODES.has(c));
}

/**
 * An SDK failure as an AwsCallError. `notApplied` is decided here and only here: AWS answered with a
 * 4xx, so the request certainly did not take effect (a 5xx or no answer at all leaves that open).
 */
export function toAwsCallError(error: unknown, call: FailedCall): AwsCallError {
  if (error instanceof AwsCallError) return error;
  const e = (error ?? {}) as SdkFailure;
  // `Code` is AWS's code from the wire (`DBInstanceNotFound`); `name` the SDK's class (`DBInstanceNotFoundFault`).
  const code = e.Code ?? (e.name && e.name !== 'Error' ? e.name : undefined) ?? e.code ?? 'Unknown';
  const status = e.$metadata?.httpStatusCode;
  return new AwsCallError({
    service: call.service,
    operation: call.operation,
    code,
    awsMessage: e.message ?? String(error),
    retryable: Boolean(e.$retryable) || THROTTLING_CODES.has(code) || (status ?? 0) >= 500,
    httpStatus: status,
    notApplied: status !== undefined && status >= 400 && status < 500,
    hint: hintFor(error, code, status, call),
    cause: error,
  });
}

/** Plain words for an on-call engineer; undefined when AWS's own message says it all. */
function hintFor(error: unknown, code: string, status: number | undefined, call: FailedCall): string | undefined {
  const kind = awsFailureKind(error)?.kind;
  if (status === undefined) return noAnswerHint(code, kind, call.target === 'aws' ? 'AWS' : `the endpoint ${call.target}`);
  switch (kind) {
    case 'clock-skew':
      return CLOCK_SKEW_FIX;
    case 'expired':
      return 'the AWS session has expired: sign in again (e.g. aws sso login) and retry';
    case 'rejected':
      return 'AWS does not accept these credentials: check the profile or keys in use';
    case 'denied':
      return `these credentials may not call ${call.service}:${call.operation}: ask for that IAM permission or use another profile`;
    case 'throttling':
      return 'AWS kept throttling the call through every retry: wait a minute and try again';
  }
  if (status >= 500) return 'AWS had an internal error; trying again later usually works';
  return undefined;
}

/** Why a request got no answer from `where`, and what to check. */
function noAnswerHint(code: string, kind: string | undefined, where: string): string | undefined {
  if (code === 'AbortError') return undefined;
  if (kind === 'no-credentials') return 'no AWS credentials were found: set a profile (AWS_PROFILE) or sign in (aws sso login)';
  if (kind === 'timeout') return `${where} did not answer in time; if this was a change, look at the resource before sending it again`;
  // Connection refused, DNS, reset: Node's codes (which the SDK does not always keep) all mean the same here.
  return `no answer from ${where}: check the network, VPN or proxy, and the endpoint`;
}
