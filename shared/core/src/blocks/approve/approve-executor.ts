import type { ApproveBlock } from './approve-block';
import { renderTemplate } from '../../cel';
import type { BlockExecutor } from '../common/block-executor';

/** A human gate: the run rests in `waiting-approval` until someone allowed approves or rejects. */
export const executeApproveBlock: BlockExecutor<ApproveBlock> = async (ctx) => ({
  type: 'approval',
  request: {
    kind: 'approve',
    message: await ctx.evaluating(() => renderTemplate(ctx.block.message, ctx.scope)),
    fourEyes: ctx.block.fourEyes,
    approvers: ctx.block.approvers,
  },
});
