import { parseAwsCli, redactInput, redactOutput } from '../../aws/cli';
import { mergePages, nextToken, pagingModel, type PagingModel } from '../../aws/cli/paging';
import { applyQuery, AwsQueryError } from '../../aws/cli/query';
import { AwsCallError, type AwsServiceName } from '../../aws/gateway';
import type { AwsBlock } from './aws-block';
import type { BlockExecutor } from '../common/block-executor';
import { errorMessage } from '../common/block-executor';
import { unknownsIn } from '../common/dry-run-unknown';

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
    const unknown = unknownsIn(shown);
    if (unknown.length) {
      await ctx.log(
        'warn',
        `dry-run: inputs not known before the real run: ${unknown.join(', ')} (they read what earlier, previewed changes would have made)`,
      );
      return { type: 'done', output: { dryRun: true, operation: command.operation, input: shown, unknown } };
    }
    return { type: 'done', output: { dryRun: true, operation: command.operation, input: shown } };
  }
  if (command.mutating) {
    await ctx.recordInFlight({ service, operation: command.operation, input: shown, region });
    await ctx.log('info', `calling ${command.operation} (mutating) ${JSON.stringify(shown)}`);
  }
  try {
    const paging =
      command.mutating || globals['no-paginate'] === true ? undefined : pagingBy(pagingModel(service, command.operation), command.input);
    const send = (input: Record<string, unknown>) =>
      ctx.aws.call(service, command.operation, input, { region, signal: ctx.signal, audit: ctx.audit });
    const { merged: answer, pages } = paging
      ? await allPages(paging, command.input, globals['page-size'], send)
      : { merged: await send(command.input), pages: 1 };
    await ctx.log('info', `${label}: ok${pages > 1 ? ` (${pages} pages, merged as the AWS CLI merges them)` : ''}`);
    // Plain JSON (dates as ISO strings): what the store keeps is what CEL sees, before and after a resume.
    const response = redactOutput(service, command.operation, JSON.parse(JSON.stringify(answer)));
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

/**
 * The paging a read gets, as the AWS CLI decides it (awscli `customizations/paginate.py`,
 * `check_should_enable_pagination`): a line that sets the input token or the page limit member
 * itself (`--marker`, `--max-records 100`) turns paging off and gets that one page as answered.
 */
function pagingBy(model: PagingModel | undefined, input: Record<string, unknown>): PagingModel | undefined {
  if (!model) return undefined;
  return input[model.inputToken] !== undefined || (model.limitKey !== undefined && input[model.limitKey] !== undefined) ? undefined : model;
}

/** Pages one request may follow; an endless token chain (a service bug) stops here instead of looping. */
const MAX_PAGES = 1000;

interface Paged {
  merged: Record<string, unknown>;
  pages: number;
}

/**
 * Every page of a paginated read, merged as the AWS CLI merges them before `--query` (paging.ts):
 * `--page-size` sets the page's limit member, the output token goes back as the input token.
 */
async function allPages(
  model: PagingModel,
  input: Record<string, unknown>,
  pageSize: string | boolean | undefined,
  send: (input: Record<string, unknown>) => Promise<Record<string, unknown>>,
): Promise<Paged> {
  const first: Record<string, unknown> = { ...input };
  if (typeof pageSize === 'string' && model.limitKey) first[model.limitKey] = Number(pageSize);
  const pages: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    const page = await send(token === undefined ? first : { ...first, [model.inputToken]: token });
    pages.push(page);
    token = nextToken(model, page);
    // botocore stops with "The same next token was received twice" rather than loop.
    if (token !== undefined && seen.has(token)) throw new Error(`the same next token was received twice (${token})`);
    if (token !== undefined) seen.add(token);
  } while (token !== undefined && pages.length < MAX_PAGES);
  if (token !== undefined) throw new Error(`more than ${MAX_PAGES} pages; narrow the request with the operation's filters`);
  return { merged: mergePages(model, pages), pages: pages.length };
}
