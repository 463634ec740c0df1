import { DURATION_HINT, parseDuration } from '../../runbook/duration';
import type { BlockBase } from '../../runbook/model';
import type { BlockSpec } from '../common/block-spec';
import { analyzeShellTemplates } from './shell-templates';

export interface ShBlock extends BlockBase {
  kind: 'sh';
  script: string;
  timeoutSeconds: number;
}

/**
 * ```sh timeout=5m — a local shell script. Runs only where the operator trusts the runbook
 * (VS Code workspace trust, the CLI's flag); the Backstage backend refuses it by default.
 */
export const DEFAULT_SH_TIMEOUT_SECONDS = 300;

export const shBlock: BlockSpec<ShBlock> = {
  kind: 'sh',
  options: ['timeout'],
  parse(fence, ctx, base) {
    ctx.templates({ value: fence.body.text, span: fence.body });
    for (const problem of analyzeShellTemplates(fence.body.text).problems)
      ctx.report(fence.body.posAt(problem.offset), problem.code, problem.message, problem.hint);
    const timeout = fence.info.options.get('timeout');
    const timeoutSeconds = timeout ? parseDuration(timeout.value) : DEFAULT_SH_TIMEOUT_SECONDS;
    if (timeout && timeoutSeconds === undefined)
      ctx.report(timeout.pos, 'invalid-duration', `sh \`timeout=${timeout.value}\` is not a duration`, DURATION_HINT);
    if (fence.body.text.trim() === '') ctx.report(fence.pos, 'empty-block', 'the sh block is empty');
    if (timeoutSeconds === undefined) return undefined;
    return { ...base, kind: 'sh', script: fence.body.text, timeoutSeconds };
  },
  // A script can do anything: always treated as mutating (needs a lock, skipped by dry-run).
  mutates: () => true,
};
