import type { CheckBlock } from './check-block';
import type { BlockExecutionContext, BlockExecutor, BlockOutcome } from '../common/block-executor';
import { errorMessage } from '../common/block-executor';
import { sleep } from '../common/run-interrupted';
import { pollFreshness, type Freshness } from '../../live/observe';
import { evaluateExpectations, evaluateOutputs, observeScope } from '../common/observe-and-evaluate';
import { changeWasPreviewed, unknownBeforeRealRun } from '../common/dry-run-unknown';

/**
 * Guards that must hold now — or, with `for`, at every poll through a watch window (the first
 * breach fails the step at once). A failed guard stops the run before anything after it mutates.
 */
export const executeCheckBlock: BlockExecutor<CheckBlock> = async (ctx) => {
  const holdMs = ((ctx.block.holdSeconds ?? 0) * 1000) / ctx.timeScale;
  if (holdMs <= 0) return checkOnce(ctx, true);
  if (ctx.run.dryRun) {
    await ctx.log('info', `dry-run: watch window of ${ctx.block.holdSeconds} s checked once`);
    return checkOnce(ctx, true);
  }
  await ctx.beginWait();
  const startedAt = ctx.step.waitStartedAt ? Date.parse(ctx.step.waitStartedAt) : ctx.now().getTime();
  const intervalMs = ((ctx.block.intervalSeconds || 10) * 1000) / ctx.timeScale;
  let polls = 0;
  const freshness = pollFreshness(intervalMs);
  for (;;) {
    if (!(await ctx.stillCurrent())) return { type: 'failed', error: 'interrupted' };
    const outcome = await checkOnce(ctx, false, freshness);
    polls++;
    if (outcome.type === 'failed') return outcome;
    const elapsed = ctx.now().getTime() - startedAt;
    if (elapsed >= holdMs) {
      await ctx.log('info', `all guards held for ${ctx.block.holdSeconds} s (${polls} polls)`);
      return outcome;
    }
    await sleep(Math.max(1, Math.min(intervalMs, holdMs - elapsed)), ctx.signal);
  }
};

/** One look at the guards; `freshness`: a watch window's poll (pollFreshness), or once: read now. */
async function checkOnce(ctx: BlockExecutionContext<CheckBlock>, logPasses: boolean, freshness?: Freshness): Promise<BlockOutcome> {
  let scope: Record<string, unknown>;
  try {
    scope = await observeScope(ctx, ctx.block.observe, freshness);
  } catch (error) {
    return { type: 'failed', error: `could not read live state for the check: ${errorMessage(error)}` };
  }
  const results = await ctx.evaluating(() => evaluateExpectations(ctx.block.expect, scope));
  for (const r of results) if (logPasses && r.holds) await ctx.log('info', r.text);
  const failures = results.filter((r) => !r.holds);
  if (failures.length && ctx.run.dryRun && mutationWasPreviewed(ctx)) {
    // Guards after a previewed (unsent) change check a state that never came: report, don't fail.
    for (const r of failures) await ctx.log('error', r.text);
    await ctx.log('warn', `dry-run: ${failures.length} guard(s) would fail now because earlier changes were only previewed`);
  } else if (failures.length) {
    // Not logged here: failing the step logs its error, so each failed guard is in the log once.
    return { type: 'failed', error: failures.map((r) => r.text).join('\n') };
  }
  const output = await ctx.evaluating(() => evaluateOutputs(ctx.block.output, scope));
  if (ctx.run.dryRun && mutationWasPreviewed(ctx)) {
    // An output reading what a previewed change would have made: marked unknown, so later steps still preview.
    for (const [name, value] of Object.entries(output)) {
      if (!isEvaluationError(value)) continue;
      output[name] = unknownBeforeRealRun(`steps.${ctx.step.id}.output.${name}`);
      await ctx.log(
        'warn',
        `dry-run: output ${name} is not known before the real run (earlier changes were only previewed): ${value.error}`,
      );
    }
  }
  return { type: 'done', output };
}

function mutationWasPreviewed(ctx: BlockExecutionContext<CheckBlock>): boolean {
  return changeWasPreviewed(ctx.run.steps);
}

function isEvaluationError(value: unknown): value is { error: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.keys(value).length === 1 &&
    typeof (value as { error?: unknown }).error === 'string'
  );
}
