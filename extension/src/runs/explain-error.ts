import { LockConflictError, RunNotFoundError, TargetUnavailableError } from '@switchyard/core';
import { SANDBOX_ID } from '../targets/target-registry';

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
