import { parseAwsCli, redactInput, redactOutput } from '../../aws/cli';
import { applyQuery, AwsQueryError } from '../../aws/cli/query';
import { AwsCallError, type AwsServiceName } from '../../aws/gateway';
import type { AwsBlock } from './aws-block';
import type { BlockExecutor } from '../common/block-executor';
import { errorMessage } from '../common/block-executor';

/** Runs one `aws` line through the SDK: parsed as written, each template one value; mutating calls recorded before sending. */
export const executeAwsBlock: BlockExecutor<AwsBlock> = async (ctx) => {
  const parsed = await ctx.evaluating(() => parseAwsCli(ctx.block.source, { scope: ctx.scope }));
  if (!parsed.ok) {
    return { type: 'failed', error: `aws line is invalid after substituting params: ${parsed.errors.map((e) => e.message).join('; ')}` };
  }
  const { command, globals } = parsed;
  const region = typeof globals.region === 'string' ? globals.region : undefined;
  const service = command.service as AwsServiceName;
  const label = `${command.service} ${command.cliOperation}`;
  // What is logged, recorded and shown of the call: members AWS marks sensitive (passwords) redacted.
  const shown = redactInput(service, command.operation, command.input);
  if (command.mutating && ctx.run.dryRun) {
    await ctx.log('info', `dry-run: would call ${command.operation} ${JSON.stringify(shown)}${region ? ` in ${region}` : ''}`);
    return { type: 'done', output: { dryRun: true, operation: command.operation, input: shown } };
  }
  if (command.mutating) {
    await ctx.recordInFlight({ service, operation: command.operation, input: shown, region });
    await ctx.log('info', `calling ${command.operation} (mutating) ${JSON.stringify(shown)}`);
  }
  try {
    const output = await ctx.aws.call(service, command.operation, command.input, { region, signal: ctx.signal, audit: ctx.audit });
    await ctx.log('info', `${label}: ok`);
    // Plain JSON (dates as ISO strings): what the store keeps is what CEL sees, before and after a resume.
    const response = redactOutput(service, command.operation, JSON.parse(JSON.stringify(output)));
    // --query filters the answer as the AWS CLI does (client-side); --output only changes how the CLI prints.
    return { type: 'done', output: command.query === undefined ? response : applyQuery(response, command.query) };
  } catch (error) {
    if (error instanceof AwsQueryError) {
      // A change AWS made stays made: record it (output null) rather than fail into a retry that would send it again.
      if (command.mutating) {
        await ctx.log('warn', `${label}: ok, but ${error.message}; the step's output is null`);
        return { type: 'done', output: null };
      }
      return { type: 'failed', error: `${label} was answered, but ${error.message}`, notApplied: true };
    }
    if (error instanceof AwsCallError) {
      return {
        type: 'failed',
        error: `${label} failed: ${error.code}: ${error.awsMessage}${error.hint ? ` — ${error.hint}` : ''}`,
        notApplied: error.notApplied,
      };
    }
    return { type: 'failed', error: `${label} failed: ${errorMessage(error)}` };
  }
};
