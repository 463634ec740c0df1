import type { AwsGateway } from '../aws/gateway';
import type { InFlightCall } from '../model/run';
import type { BlockExecutionContext, BlockOutcome } from './common/block-executor';
import type { Reconciliation } from './common/block-reconciler';
import { kindModule, type Block } from './registry';

/** Runs a block with its kind's executor. */
export function executeBlock(ctx: BlockExecutionContext): Promise<BlockOutcome> {
  return kindModule(ctx.block.kind).execute(ctx);
}

/** After a crash: asks the block's kind whether the call it had in flight took effect; a kind without a reconciler cannot tell. */
export function reconcileBlock(block: Block, aws: AwsGateway, call: InFlightCall): Promise<Reconciliation> {
  const { reconcile } = kindModule(block.kind);
  if (reconcile) return reconcile(aws, call);
  return Promise.resolve({
    verdict: 'unknown',
    evidence: `Switchyard cannot tell from live state whether the ${block.kind} block took effect`,
  });
}

export type { BlockExecutionContext, BlockOutcome } from './common/block-executor';
export { RunInterrupted } from './common/run-interrupted';
