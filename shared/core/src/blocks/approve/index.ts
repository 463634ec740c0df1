import type { BlockKindModule } from '../kind';
import { approveBlock, type ApproveBlock } from './approve-block';
import { executeApproveBlock } from './approve-executor';

export type { ApproveBlock };

export const approveKind: BlockKindModule<ApproveBlock> = { ...approveBlock, execute: executeApproveBlock };
