import { evaluateCondition } from '../../cel';
import { noDatapointsIn } from '../../live/no-datapoints';
import type { WaitBlock } from './wait-block';
import type { BlockExecutionContext, BlockExecutor } from '../common/block-executor';
import { errorMessage } from '../common/block-executor';
import { sleep } from '../common/run-interrupted';
import { evaluateOutputs, observeScope } from '../common/observe-and-evaluate';
import { describeWait } from './wait-progress';
import type { WaitProgress } from '../../model/run';

const MAX_INTERVAL_SECONDS = 30;

/**
 * Polls live state until `until` holds (continuously for `for`, when given), with an adaptive
 * interval: it starts at `interval` and backs off ×1.5 up to 30 s while nothing changes. The timeout
 * counts from when the wait first started, also across a crash; reaching it fails the step.
 */
export const executeWaitBlock: BlockExecutor<WaitBlock> = async (ctx) => {
  const { block, timeScale } = ctx;
  if (ctx.run.dryRun) {
    await ctx.log('info', `dry-run: wait skipped (until ${block.until.that})`);
    return { type: 'done', output: { dryRun: true } };
  }
  await ctx.beginWait();
  const startedAt = ctx.step.waitStartedAt ? Date.parse(ctx.step.waitStartedAt) : ctx.now().getTime();
  const timeoutMs = (block.timeoutSeconds * 1000) / timeScale;
  const holdMs = (block.holdSeconds * 1000) / timeScale;
  const baseInterval = (block.intervalSeconds * 1000) / timeScale;
  let interval = baseInterval;
  let holdingSince: number | null = null;
  let lastProblem = '';
  let polls = 0;
  for (;;) {
    if (!(await ctx.stillCurrent())) return { type: 'failed', error: 'interrupted' };
    let scope: Record<string, unknown> | undefined;
    let holds = false;
    try {
      const observed = await observeScope(ctx, block.observe);
      scope = observed;
      // A condition over a metric with no datapoints is not met, and the timeout says why.
      const noData = noDatapointsIn(block.until.that, observed);
      holds = !noData && (await ctx.evaluating(() => evaluateCondition(block.until.that, observed)));
      lastProblem = holds
        ? ''
        : `${block.until.message ?? 'condition not met'}: ${block.until.that}${noData ? ` (${noData.message})` : ''}`;
    } catch (error) {
      lastProblem = errorMessage(error);
    }
    polls++;
    const now = ctx.now().getTime();
    if (holds) holdingSince ??= now;
    else if (holdingSince !== null) {
      await ctx.log('warn', `condition stopped holding after ${((now - holdingSince) / 1000).toFixed(1)} s`);
      holdingSince = null;
    }
    const met = holds && holdingSince !== null && now - holdingSince >= holdMs;
    // Shown instead of a bare spinner: the condition in words, what the poll saw, and when the wait gives up.
    if (!met)
      await recordProgress(ctx, scope, lastProblem, {
        checkedAt: new Date(now).toISOString(),
        deadline: new Date(startedAt + timeoutMs).toISOString(),
        ...(holdingSince !== null && holdMs > 0 ? { holdingSince: new Date(holdingSince).toISOString() } : {}),
        polls,
      });
    if (holds && holdingSince !== null) {
      if (met) {
        await ctx.log('info', `condition met after ${polls} poll(s), ${((now - startedAt) / 1000).toFixed(1)} s: ${block.until.that}`);
        const observed = scope;
        const output = observed && (await ctx.evaluating(() => evaluateOutputs(block.output, observed)));
        return { type: 'done', output: { ...output, polls } };
      }
      interval = Math.min(baseInterval, Math.max(holdMs - (now - holdingSince), 1));
    }
    if (now - startedAt >= timeoutMs) {
      return {
        type: 'failed',
        error: `wait timed out after ${block.timeoutSeconds} s${timeScale !== 1 ? ` (÷${timeScale} time scale)` : ''}: ${lastProblem || block.until.that}`,
      };
    }
    const remaining = timeoutMs - (now - startedAt);
    await sleep(Math.max(1, Math.min(interval, remaining)), ctx.signal);
    if (holdingSince === null) interval = Math.min(interval * 1.5, (MAX_INTERVAL_SECONDS * 1000) / timeScale);
  }
};

/** The poll as people read it; a poll that could not observe says why instead of values. */
async function recordProgress(
  ctx: BlockExecutionContext<WaitBlock>,
  scope: Record<string, unknown> | undefined,
  problem: string,
  poll: Omit<WaitProgress, 'condition' | 'observed'>,
): Promise<void> {
  const { block } = ctx;
  const described = scope
    ? describeWait(block.until.that, block.until.message, scope, Object.keys(block.observe))
    : { ...describeWait(block.until.that, block.until.message, ctx.scope, []), observed: [`could not read: ${problem}`] };
  await ctx.waitProgress({ ...described, ...poll });
}
