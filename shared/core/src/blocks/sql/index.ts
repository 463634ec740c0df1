import type { BlockKindModule } from '../kind';
import { sqlBlock, type SqlBlock } from './sql-block';
import { executeSqlBlock } from './sql-executor';
import { reconcileSqlBlock } from './sql-in-doubt';

export type { SqlBlock };

export const sqlKind: BlockKindModule<SqlBlock> = { ...sqlBlock, execute: executeSqlBlock, reconcile: reconcileSqlBlock };
