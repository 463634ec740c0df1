import type { RunStatus } from '@switchyard/core';

/**
 * How `switchyard run`, `runs --resume` and the controls that drive a run on (approve, retry, skip,
 * rollback) end, as their exit code: how the run rests when the command returns (documented in the
 * README). `abort` and `reject` exit 0 once applied; a refused control exits 1. `switchyard cost`
 * exits `partial` when its report lacks a figure it wanted (CloudWatch throttled or failed, or had
 * no datapoints): the report is printed in full, its totals are a lower bound (docs/cost.md).
 */
export const EXIT = {
  succeeded: 0,
  failed: 1,
  usage: 2,
  waitingApproval: 3,
  aborted: 4,
  rolledBack: 5,
  partial: 6,
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
