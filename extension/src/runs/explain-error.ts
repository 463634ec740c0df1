import { AwsCallError, LockConflictError, RunNotFoundError, TargetUnavailableError } from '@switchyard/core';
import { SANDBOX_ID } from '../targets/target-registry';

/** What the operator can do about an error, as buttons (commands/error-actions in run-commands.ts). */
export type ErrorAction = 'Start sandbox' | 'Open settings' | 'Sign in' | 'Show log';

export interface ExplainedError {
  message: string;
  actions: ErrorAction[];
}

/** The target an error came from, to say which one and what to do. */
export interface ErrorTarget {
  kind: 'sandbox' | 'aws';
  label: string;
  region: string;
  profile?: string;
  endpoint?: string;
}

const EXPIRED_CODES = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);
const REJECTED_CODES = new Set(['InvalidClientTokenId', 'UnrecognizedClientException', 'SignatureDoesNotMatch', 'AuthFailure']);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'TimeoutError',
]);

/** The SDK's or Node's code of an error, looking through an AwsCallError to its cause. */
function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  for (
    let e = error as { code?: unknown; name?: unknown; Code?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 4;
    depth++
  ) {
    for (const c of [e.Code, e.code, e.name]) if (typeof c === 'string') codes.push(c);
    e = e.cause as typeof e;
  }
  return codes;
}

function signInCommand(target?: ErrorTarget): string {
  return `aws sso login${target?.profile ? ` --profile ${target.profile}` : ''}`;
}

/**
 * An error in plain words with the ways forward (Sign in, Start sandbox, Open settings, Show log):
 * missing, expired or refused credentials and an endpoint nobody answers on (the sandbox stopped,
 * no network) are recognised from the SDK's codes and messages; the rest keep their own words.
 */
export function explainFailure(error: unknown, target?: ErrorTarget): ExplainedError {
  const codes = codesOf(error);
  const text = error instanceof AwsCallError ? `${error.awsMessage}` : error instanceof Error ? error.message : String(error);
  const who = target?.kind === 'aws' ? `${target.label} (${target.region})` : 'AWS';
  if (codes.includes('CredentialsProviderError') || /could not load credentials|credentials? (?:not found|provider)/i.test(text)) {
    return {
      message: `No AWS credentials found for ${who}. Sign in (${signInCommand(target)}) or choose a profile in the settings (switchyard.aws.profile), then Refresh.`,
      actions: ['Sign in', 'Open settings', 'Show log'],
    };
  }
  if (codes.some((c) => EXPIRED_CODES.has(c)) || /(token|session|sso)[^.]*expired|expired[^.]*(token|session)/i.test(text)) {
    return {
      message: `Your AWS sign-in for ${who} has expired. Sign in again (${signInCommand(target)}), then Refresh.`,
      actions: ['Sign in', 'Show log'],
    };
  }
  if (codes.some((c) => REJECTED_CODES.has(c))) {
    return {
      message: `AWS does not accept the credentials in use for ${who}. Check the profile (switchyard.aws.profile) or sign in again.`,
      actions: ['Open settings', 'Sign in', 'Show log'],
    };
  }
  const network =
    codes.find((c) => NETWORK_CODES.has(c)) ?? /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|socket hang up)\b/.exec(text)?.[1];
  if (network) {
    const address = /(?:127\.0\.0\.1|localhost|\[::1\]):\d+/.exec(text)?.[0];
    if (target?.kind === 'sandbox' || (address && !target)) {
      return {
        message: `The sandbox does not answer${address ? ` (nothing listens on ${address})` : ''}: it has stopped. Start it again; runs on it continue from where they were.`,
        actions: ['Start sandbox', 'Show log'],
      };
    }
    const where = target?.endpoint ? `the endpoint ${target.endpoint}` : `AWS in ${target?.region ?? 'the configured region'}`;
    return {
      message: `Cannot reach ${where} (${network}). Check the network, VPN or proxy${target?.endpoint ? ', and switchyard.aws.endpoint' : ''}, then Refresh.`,
      actions: ['Open settings', 'Show log'],
    };
  }
  return { message: explainError(error), actions: ['Show log'] };
}

/** A core error in words, with the editor's way forward (the core's messages name no front end). */
export function explainError(error: unknown): string {
  if (error instanceof TargetUnavailableError) {
    return error.target === SANDBOX_ID
      ? `${error.message}: start the sandbox (Switchyard: Start sandbox) to drive it on`
      : `${error.message}: check the switchyard.aws settings (profile, region, endpoint)`;
  }
  if (error instanceof LockConflictError) return `${error.message} (see it in the Runs view)`;
  if (error instanceof RunNotFoundError) return `${error.message} in this editor's runs`;
  return error instanceof Error ? error.message : String(error);
}
