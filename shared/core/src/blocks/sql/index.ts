import type { BlockKindModule } from '../kind';
import { sqlBlock, type SqlBlock } from './sql-block';
import { executeSqlBlock } from './sql-executor';

export type { SqlBlock };

export const sqlKind: BlockKindModule<SqlBlock> = { ...sqlBlock, execute: executeSqlBlock };
