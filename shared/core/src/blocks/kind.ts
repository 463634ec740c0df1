import type { BlockBase } from '../runbook/model';
import type { BlockExecutor } from './common/block-executor';
import type { BlockReconciler } from './common/block-reconciler';
import type { BlockSpec } from './common/block-spec';

/**
 * Everything about one block kind `B`, kept in its folder `blocks/<kind>/`: how the parser reads its
 * fences and whether a block mutates (`BlockSpec`), how the engine runs it, and how a crash in the
 * middle of it is reconciled. `registry.ts` lists one module per kind; nothing else names a kind.
 */
export interface BlockKindModule<B extends BlockBase = BlockBase> extends BlockSpec<B> {
  execute: BlockExecutor<B>;
  /** Says whether a call recorded in flight before a crash took effect; without one, the operator decides. */
  reconcile?: BlockReconciler;
}

/** The block type a kind module reads and runs. */
export type BlockOf<M> = M extends BlockKindModule<infer B> ? B : never;
