import { parseAwsCli } from '../../aws/cli/parse-aws-cli';
import type { AwsCommand, BlockBase } from '../../runbook/model';
import type { BlockSpec } from '../common/block-spec';

export interface AwsBlock extends BlockBase {
  kind: 'aws';
  command: AwsCommand;
}

/**
 * ```aws — one AWS CLI command, exactly as the AWS docs write it. Parsed against the SDK's own
 * operation schemas, never run by a shell.
 */
export const awsBlock: BlockSpec<AwsBlock> = {
  kind: 'aws',
  options: [],
  parse(fence, ctx, base) {
    ctx.templates({ value: fence.body.text, span: fence.body });
    const parsed = parseAwsCli(fence.body.text);
    if (!parsed.ok) {
      for (const error of parsed.errors) ctx.report(fence.body.posAt(error.offset), error.code, error.message, error.hint);
      return undefined;
    }
    return { ...base, kind: 'aws', command: parsed.command };
  },
  mutates: (block) => block.command.mutating,
};
