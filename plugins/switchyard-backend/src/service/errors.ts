/**
 * The core's errors as Backstage HTTP errors, so the default error handler answers with the
 * status and the core's message (written for an on-call engineer) in Backstage's JSON shape.
 */
import { ConflictError, InputError, NotAllowedError, NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import {
  ApprovalRefusedError,
  AwsCallError,
  ConnectionConfigError,
  InvalidControlError,
  InvalidTransitionError,
  LockConflictError,
  ResourceNotFoundError,
  RolloutControlError,
  RolloutListQueryError,
  RolloutNotFoundError,
  RolloutPlanError,
  RunNotFoundError,
  RunRejectedError,
  TargetUnavailableError,
} from '@switchyard/core';
import type { ErrorRequestHandler } from 'express';

export function toHttpError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  if (error instanceof RunRejectedError || error instanceof ConnectionConfigError || error instanceof InvalidControlError) {
    return new InputError(error.message);
  }
  // Every problem of a plan at once, with what to do: the page lists them.
  if (error instanceof RolloutPlanError)
    return new InputError(`rollout not planned: ${error.problems.join('; ')}. Fix these and preview the plan again.`);
  if (error instanceof RolloutControlError) return new ConflictError(error.message);
  if (error instanceof RolloutListQueryError) return new InputError(error.message);
  if (error instanceof RolloutNotFoundError) return new NotFoundError(error.message);
  if (error instanceof TargetUnavailableError) {
    return new ServiceUnavailableError(
      `${error.message}: this backend has no AWS access to ${error.target} (check aws.accounts in app-config)`,
    );
  }
  if (error instanceof LockConflictError || error instanceof InvalidTransitionError) return new ConflictError(error.message);
  if (error instanceof ApprovalRefusedError) return new NotAllowedError(error.message);
  if (error instanceof RunNotFoundError || error instanceof ResourceNotFoundError) return new NotFoundError(error.message);
  if (error instanceof AwsCallError) {
    if (/NotFound/.test(error.code)) return new NotFoundError(error.message);
    return new ServiceUnavailableError(`AWS did not answer as expected: ${error.message}`);
  }
  return error;
}

/** Last in the plugin's router: translates, then hands over to Backstage's error handler. */
export const translateErrors: ErrorRequestHandler = (error, _req, _res, next) => next(toHttpError(error));
