import { isScalar } from 'yaml';
import type { YamlField } from '../../runbook/yaml-body';
import type { BlockParseContext } from './block-spec';

/** `on-failure: rollback` (wait/check): a failed guard starts the run's rollback at once. */
export function readOnFailure(field: YamlField | undefined, ctx: BlockParseContext): { onFailure?: 'rollback' } {
  if (!field) return {};
  if (isScalar(field.node) && field.node.value === 'rollback') return { onFailure: 'rollback' };
  ctx.report(field.pos, 'invalid-value', '`on-failure` can only be `rollback`', 'leave it out to just fail the step');
  return {};
}
