import {
  awsFailureKind,
  AwsCallError,
  CLOCK_SKEW_FIX,
  LockConflictError,
  RunNotFoundError,
  TargetUnavailableError,
} from '@switchyard/core';
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

function signInCommand(target?: ErrorTarget): string {
  return `aws sso login${target?.profile ? ` --profile ${target.profile}` : ''}`;
}

/**
 * An error in plain words with the ways forward (Sign in, Start sandbox, Open settings, Show log):
 * missing, expired or refused credentials and an endpoint nobody answers on (the sandbox stopped,
 * no network) are recognised from the SDK's codes and messages; the rest keep their own words.
 */
export function explainFailure(error: unknown, target?: ErrorTarget): ExplainedError {
  const failure = awsFailureKind(error);
  const text = error instanceof AwsCallError ? `${error.awsMessage}` : error instanceof Error ? error.message : String(error);
  const who = target?.kind === 'aws' ? `${target.label} (${target.region})` : 'AWS';
  switch (failure?.kind) {
    case 'no-credentials':
      return {
        message: `No AWS credentials found for ${who}. Sign in (${signInCommand(target)}) or choose a profile in the settings (switchyard.aws.profile), then Refresh.`,
        actions: ['Sign in', 'Open settings', 'Show log'],
      };
    case 'clock-skew':
      return { message: `AWS refused the request for ${who}: ${CLOCK_SKEW_FIX}.`, actions: ['Show log'] };
    case 'expired':
      return {
        message: `Your AWS sign-in for ${who} has expired. Sign in again (${signInCommand(target)}), then Refresh.`,
        actions: ['Sign in', 'Show log'],
      };
    case 'rejected':
      return {
        message: `AWS does not accept the credentials in use for ${who}. Check the profile (switchyard.aws.profile) or sign in again.`,
        actions: ['Open settings', 'Sign in', 'Show log'],
      };
    case 'network':
    case 'timeout': {
      const address = /(?:127\.0\.0\.1|localhost|\[::1\]):\d+/.exec(text)?.[0];
      if (target?.kind === 'sandbox' || (address && !target)) {
        return {
          message: `The sandbox does not answer${address ? ` (nothing listens on ${address})` : ''}: it has stopped. Start it again; runs on it continue from where they were.`,
          actions: ['Start sandbox', 'Show log'],
        };
      }
      const where = target?.endpoint ? `the endpoint ${target.endpoint}` : `AWS in ${target?.region ?? 'the configured region'}`;
      return {
        message: `Cannot reach ${where} (${failure.code}). Check the network, VPN or proxy${target?.endpoint ? ', and switchyard.aws.endpoint' : ''}, then Refresh.`,
        actions: ['Open settings', 'Show log'],
      };
    }
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
