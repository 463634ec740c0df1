import type { CheckBlock } from '../../runbook/model';
import type { BlockExecutor } from './block-executor';
import { errorMessage } from './block-executor';
import { evaluateExpectations, evaluateOutputs, observeScope } from './observe-and-evaluate';

/** Guards that must hold now; a failed guard fails the step before anything after it mutates. */
export const executeCheckBlock: BlockExecutor<CheckBlock> = async (ctx) => {
  let scope: Record<string, unknown>;
  try {
    scope = await observeScope(ctx, ctx.block.observe);
  } catch (error) {
    return { type: 'failed', error: `could not read live state for the check: ${errorMessage(error)}` };
  }
  const results = evaluateExpectations(ctx.block.expect, scope);
  for (const r of results) await ctx.log(r.holds ? 'info' : 'error', r.text);
  const failures = results.filter((r) => !r.holds);
  if (failures.length) return { type: 'failed', error: failures.map((r) => r.text).join('\n') };
  return { type: 'done', output: evaluateOutputs(ctx.block.output, scope) };
};
