import type { BlockKindModule } from '../kind';
import { shBlock, type ShBlock } from './sh-block';
import { executeShBlock } from './sh-executor';

export type { ShBlock };

export const shKind: BlockKindModule<ShBlock> = { ...shBlock, execute: executeShBlock };
