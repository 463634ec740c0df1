import type { BlockKindModule } from '../kind';
import { awsBlock, type AwsBlock } from './aws-block';
import { executeAwsBlock } from './aws-executor';
import { reconcile } from './aws-reconciler';

export type { AwsBlock };

export const awsKind: BlockKindModule<AwsBlock> = { ...awsBlock, execute: executeAwsBlock, reconcile };
