import type { BlockKindModule } from '../kind';
import { httpBlock, type HttpBlock } from './http-block';
import { executeHttpBlock } from './http-executor';

export type { HttpBlock };

export const httpKind: BlockKindModule<HttpBlock> = { ...httpBlock, execute: executeHttpBlock };
