import type { BlockKindModule } from '../kind';
import { checkBlock, type CheckBlock } from './check-block';
import { executeCheckBlock } from './check-executor';

export type { CheckBlock };

export const checkKind: BlockKindModule<CheckBlock> = { ...checkBlock, execute: executeCheckBlock };
