import { approveKind } from './approve';
import { awsKind } from './aws';
import { checkKind } from './check';
import { httpKind } from './http';
import type { BlockKindModule, BlockOf } from './kind';
import { shKind } from './sh';
import { sqlKind } from './sql';
import { waitKind } from './wait';

export type { ApproveBlock } from './approve';
export type { AwsBlock } from './aws';
export type { CheckBlock } from './check';
export type { HttpBlock } from './http';
export type { ShBlock } from './sh';
export type { SqlBlock } from './sql';
export type { WaitBlock } from './wait';

/**
 * Every block kind, by its info-string name. A kind is a folder `blocks/<kind>/` whose index
 * exports its `BlockKindModule`; registering it here is the only other change a new kind needs.
 */
export const BLOCK_KIND_MODULES = {
  aws: awsKind,
  wait: waitKind,
  check: checkKind,
  approve: approveKind,
  sql: sqlKind,
  sh: shKind,
  http: httpKind,
} as const;

/** A block of any registered kind. */
export type Block = BlockOf<(typeof BLOCK_KIND_MODULES)[keyof typeof BLOCK_KIND_MODULES]>;
/** Taken from the blocks, not the keys, so indexing the registry by it fails to compile if a key is not its module's kind. */
export type BlockKind = Block['kind'];

export const BLOCK_KINDS = Object.keys(BLOCK_KIND_MODULES) as readonly BlockKind[];

/**
 * The module of a kind, typed as taking any block: it is only ever handed blocks of its own kind,
 * which TypeScript cannot follow from `block.kind` through the union.
 */
export function kindModule(kind: BlockKind): BlockKindModule<Block> {
  return BLOCK_KIND_MODULES[kind] as unknown as BlockKindModule<Block>;
}
