import { evaluateCondition } from '../../cel';
import { noDatapointsIn } from '../../live/no-datapoints';
import type { WaitBlock } from './wait-block';
import type { BlockExecutionContext, BlockExecutor } from '../common/block-executor';
import { errorMessage } from '../common/block-executor';
import { sleep } from '../common/run-interrupted';
import { evaluateOutputs, observeScope } from '../common/observe-and-evaluate';
import { describeWait } from './wait-progress';
import { PollSchedule, type NextPoll } from './poll-schedule';
import { awsAskedToSlowDown } from '../../aws/gateway';
import { pollFreshness } from '../../live/observe';
import type { WaitProgress } from '../../model/run';

/** The longest a wait backs off to while AWS throttles its reads (seconds of AWS time). */
const MAX_BACKOFF_SECONDS = 30;

/**
 * Polls live state until `until` holds (continuously for `for`, when given), every `interval` from
 * the start of one poll to the next (poll-schedule.ts): a change is seen within one interval. Only
 * AWS throttling the reads or answering 5xx makes it poll less often, and its progress says so. The
 * timeout counts from when the wait first started, also across a crash; reaching it fails the step.
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
  const intervalMs = (block.intervalSeconds * 1000) / timeScale;
  const schedule = new PollSchedule(intervalMs, (MAX_BACKOFF_SECONDS * 1000) / timeScale);
  const sleeping = ctx.sleep ?? ((ms: number) => sleep(ms, ctx.signal));
  let holdingSince: number | null = null;
  let lastProblem = '';
  let polls = 0;
  // Shared with the other runs' polls (live/observer.ts): never older than the interval, never this wait's previous read.
  const freshness = pollFreshness(intervalMs);
  for (;;) {
    if (!(await ctx.stillCurrent())) return { type: 'failed', error: 'interrupted' };
    const pollStartedAt = ctx.now().getTime();
    let scope: Record<string, unknown> | undefined;
    let holds = false;
    let slowDown: string | undefined;
    try {
      const observed = await observeScope(ctx, block.observe, freshness);
      scope = observed;
      // A condition over a metric with no datapoints is not met, and the timeout says why.
      const noData = noDatapointsIn(block.until.that, observed);
      holds = !noData && (await ctx.evaluating(() => evaluateCondition(block.until.that, observed)));
      lastProblem = holds
        ? ''
        : `${block.until.message ?? 'condition not met'}: ${block.until.that}${noData ? ` (${noData.message})` : ''}`;
    } catch (error) {
      lastProblem = errorMessage(error);
      slowDown = awsAskedToSlowDown(error);
    }
    polls++;
    const now = ctx.now().getTime();
    if (holds) holdingSince ??= now;
    else if (holdingSince !== null) {
      await ctx.log('warn', `condition stopped holding after ${((now - holdingSince) / 1000).toFixed(1)} s`);
      holdingSince = null;
    }
    const met = holds && holdingSince !== null && now - holdingSince >= holdMs;
    if (met) {
      await ctx.log('info', `condition met after ${polls} poll(s), ${((now - startedAt) / 1000).toFixed(1)} s: ${block.until.that}`);
      const observed = scope;
      const output = observed && (await ctx.evaluating(() => evaluateOutputs(block.output, observed)));
      return { type: 'done', output: { ...output, polls } };
    }
    const next = schedule.after({
      startedAt: pollStartedAt,
      endedAt: now,
      slowDown,
      ...(holdingSince !== null ? { holdRemainingMs: holdMs - (now - holdingSince) } : {}),
    });
    if (next.backoff?.inARow === 1) {
      const { reason, intervalMs } = next.backoff;
      await ctx.log('warn', `${reason}: the wait polls less often than every ${seconds(intervalMs * timeScale)} until AWS answers again`);
    }
    // Shown instead of a bare spinner: the condition in words, what the poll saw, and when the wait gives up.
    await recordProgress(ctx, scope, lastProblem, next, {
      checkedAt: new Date(now).toISOString(),
      deadline: new Date(startedAt + timeoutMs).toISOString(),
      ...(holdingSince !== null && holdMs > 0 ? { holdingSince: new Date(holdingSince).toISOString() } : {}),
      polls,
    });
    if (now - startedAt >= timeoutMs) {
      return {
        type: 'failed',
        error: `wait timed out after ${block.timeoutSeconds} s${timeScale !== 1 ? ` (÷${timeScale} time scale)` : ''}: ${lastProblem || block.until.that}`,
      };
    }
    const remaining = timeoutMs - (now - startedAt);
    await sleeping(Math.max(1, Math.min(next.delayMs, remaining)));
  }
};

const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(1))} s`;

/** The poll as people read it; a poll that could not observe says why instead of values. */
async function recordProgress(
  ctx: BlockExecutionContext<WaitBlock>,
  scope: Record<string, unknown> | undefined,
  problem: string,
  next: NextPoll,
  poll: Omit<WaitProgress, 'condition' | 'observed'>,
): Promise<void> {
  const { block, timeScale } = ctx;
  const described = scope
    ? describeWait(block.until.that, block.until.message, scope, Object.keys(block.observe))
    : { ...describeWait(block.until.that, block.until.message, ctx.scope, []), observed: [`could not read: ${problem}`] };
  if (!next.backoff) return ctx.waitProgress({ ...described, ...poll });
  const { reason, delayMs, intervalMs } = next.backoff;
  const backoff = `${reason}: polling every ${seconds(delayMs * timeScale)} instead of every ${seconds(intervalMs * timeScale)} until AWS answers again`;
  await ctx.waitProgress({
    ...described,
    observed: [...described.observed, backoff],
    ...poll,
    backoff: { reason, nextPollAt: new Date(Date.parse(poll.checkedAt) + delayMs).toISOString() },
  });
}
