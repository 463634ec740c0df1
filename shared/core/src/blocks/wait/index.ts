import type { BlockKindModule } from '../kind';
import { waitBlock, type WaitBlock } from './wait-block';
import { executeWaitBlock } from './wait-executor';

export type { WaitBlock };

export const waitKind: BlockKindModule<WaitBlock> = { ...waitBlock, execute: executeWaitBlock };
