import type { Block } from '../../runbook/model';
import { executeApproveBlock } from './approve-executor';
import { executeAwsBlock } from './aws-executor';
import type { BlockExecutionContext, BlockExecutorTable, BlockOutcome } from './block-executor';
import { executeCheckBlock } from './check-executor';
import { executeShBlock } from './sh-executor';
import { executeSqlBlock } from './sql-executor';
import { executeWaitBlock } from './wait-executor';

/** One executor per block kind, registered in one table. */
export const BLOCK_EXECUTORS: BlockExecutorTable = {
  aws: executeAwsBlock,
  wait: executeWaitBlock,
  check: executeCheckBlock,
  approve: executeApproveBlock,
  sql: executeSqlBlock,
  sh: executeShBlock,
};

export function executeBlock(ctx: BlockExecutionContext): Promise<BlockOutcome> {
  const executor = BLOCK_EXECUTORS[ctx.block.kind] as (ctx: BlockExecutionContext<Block>) => Promise<BlockOutcome>;
  return executor(ctx);
}

export type { BlockExecutionContext, BlockOutcome } from './block-executor';
export { RunInterrupted } from './block-executor';
