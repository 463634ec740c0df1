import type { AwsGateway } from '../../aws/gateway';
import type { InFlightCall } from '../../model/run';

export type Reconciliation =
  | { verdict: 'applied'; evidence: string }
  | { verdict: 'not-applied'; evidence: string }
  /** `check`: what the operator looks at before retrying or skipping, when the kind can say it exactly. */
  | { verdict: 'unknown'; evidence: string; check?: string };

/**
 * After a crash, a block's call may have been sent without its answer being recorded: a kind's
 * reconciler reads live state and says whether it took effect, so it is never blindly resent.
 * The reconcile half of a `BlockKindModule` (`../kind.ts`).
 */
export type BlockReconciler = (aws: AwsGateway, call: InFlightCall) => Promise<Reconciliation>;
