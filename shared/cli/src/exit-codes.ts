import type { RunStatus } from '@switchyard/core';

/** How `switchyard run` ends, as its exit code (documented in the README). */
export const EXIT = {
  succeeded: 0,
  failed: 1,
  usage: 2,
  waitingApproval: 3,
  aborted: 4,
  rolledBack: 5,
  interrupted: 130,
} as const;

export function exitCodeFor(status: RunStatus): number {
  switch (status) {
    case 'succeeded':
      return EXIT.succeeded;
    case 'failed':
      return EXIT.failed;
    case 'aborted':
      return EXIT.aborted;
    case 'rolled-back':
      return EXIT.rolledBack;
    case 'waiting-approval':
      return EXIT.waitingApproval;
    default:
      return EXIT.interrupted;
  }
}
