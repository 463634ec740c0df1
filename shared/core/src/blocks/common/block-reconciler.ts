import type { AwsGateway } from '../../aws/gateway';
import type { InFlightCall } from '../../model/run';

export type Reconciliation =
  { verdict: 'applied'; evidence: string } | { verdict: 'not-applied'; evidence: string } | { verdict: 'unknown'; evidence: string };

/**
 * After a crash, a block's call may have been sent without its answer being recorded: a kind's
 * reconciler reads live state and says whether it took effect, so it is never blindly resent.
 * The reconcile half of a `BlockKindModule` (`../kind.ts`).
 */
export type BlockReconciler = (aws: AwsGateway, call: InFlightCall) => Promise<Reconciliation>;
