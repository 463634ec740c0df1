import type { BlockKind } from '../model';
import { approveBlock } from './approve-block';
import { awsBlock } from './aws-block';
import type { BlockSpec } from './block-spec';
import { checkBlock } from './check-block';
import { shBlock } from './sh-block';
import { sqlBlock } from './sql-block';
import { waitBlock } from './wait-block';

/** Every block kind, by info-string name. */
export const BLOCK_SPECS: { [K in BlockKind]: BlockSpec<K> } = {
  aws: awsBlock,
  wait: waitBlock,
  check: checkBlock,
  approve: approveBlock,
  sql: sqlBlock,
  sh: shBlock,
};

export function blockSpec<K extends BlockKind>(kind: K): BlockSpec<K> {
  return BLOCK_SPECS[kind];
}
