import { ApprovalRefusedError, LockConflictError, RunNotFoundError } from '@switchyard/core';

/** A core error in words, with the terminal's way forward: the CLI command to run next. */
export function explain(error: unknown): string {
  if (error instanceof RunNotFoundError) return `${error.message}; list runs with \`switchyard runs\``;
  if (error instanceof LockConflictError) {
    return `${error.message} (see it with \`switchyard runs\`; abort it with \`switchyard abort ${error.heldBy} --reason TEXT\`)`;
  }
  if (error instanceof ApprovalRefusedError && error.refusal.rule === 'four-eyes') {
    return `${error.message}; they run: switchyard approve <run id> --as <their name>`;
  }
  return error instanceof Error ? error.message : String(error);
}
