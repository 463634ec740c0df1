import { evaluateCondition } from '../../cel';
import { noDatapointsIn } from '../../live/no-datapoints';
import type { WaitBlock } from './wait-block';
import type { BlockExecutor } from '../common/block-executor';
import { errorMessage } from '../common/block-executor';
import { sleep } from '../common/run-interrupted';
import { evaluateOutputs, observeScope } from '../common/observe-and-evaluate';

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
    if (holds) {
      holdingSince ??= now;
      if (now - holdingSince >= holdMs) {
        await ctx.log('info', `condition met after ${polls} poll(s), ${((now - startedAt) / 1000).toFixed(1)} s: ${block.until.that}`);
        const observed = scope;
        const output = observed && (await ctx.evaluating(() => evaluateOutputs(block.output, observed)));
        return { type: 'done', output: { ...output, polls } };
      }
      interval = Math.min(baseInterval, Math.max(holdMs - (now - holdingSince), 1));
    } else {
      if (holdingSince !== null) await ctx.log('warn', `condition stopped holding after ${((now - holdingSince) / 1000).toFixed(1)} s`);
      holdingSince = null;
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
