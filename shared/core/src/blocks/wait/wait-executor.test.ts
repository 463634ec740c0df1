/**
 * The wait's poll schedule, on a manual clock: time moves only when the wait sleeps (or a read
 * takes time), so the poll times are exact. The AWS side is FakeAws answering from that clock:
 * the writer changes at a chosen moment, and reads can be throttled (RDS `Throttling`, HTTP 400)
 * or fail with a 5xx during chosen windows.
 */
import { AwsCallError, type AwsServiceName } from '../../aws/gateway';
import { FakeAws } from '../../engine/testing/fake-aws';
import type { WaitProgress } from '../../model/run';
import type { BlockExecutionContext, BlockOutcome } from '../common/block-executor';
import { RunInterrupted } from '../common/run-interrupted';
import { oneBlock } from '../common/testing/one-block';
import type { WaitBlock } from './wait-block';
import { executeWaitBlock } from './wait-executor';
import { PollSchedule } from './poll-schedule';

/** A clock that moves only when the test (or the code's sleep) moves it, as the simulator's ManualClock. */
class ManualClock {
  constructor(public current = Date.parse('2026-01-01T00:00:00Z')) {}
  readonly now = () => this.current;
  advance(ms: number) {
    if (!(ms >= 0)) throw new Error(`a clock only moves forward; got ${ms} ms`);
    this.current += ms;
  }
}

interface FailureWindow {
  from: number;
  to: number;
  code: string;
  httpStatus: number;
}

/** FakeAws whose cluster changes writer at `writerChangesAt` (ms after the start) by the manual clock. */
class ClockedAws extends FakeAws {
  readonly reads: number[] = [];
  failures: FailureWindow[] = [];
  /** How long each read takes on the clock. */
  readMs = 0;
  constructor(
    private readonly clock: ManualClock,
    private readonly start: number,
    private readonly writerChangesAt: number,
  ) {
    super();
  }

  override async call(service: AwsServiceName, operation: string, input: Record<string, unknown>) {
    if (operation === 'DescribeDBClusters') {
      const at = this.clock.now() - this.start;
      this.reads.push(at);
      this.clock.advance(this.readMs);
      const failing = this.failures.find((f) => at >= f.from && at < f.to);
      if (failing)
        throw new AwsCallError({
          service,
          operation,
          code: failing.code,
          awsMessage: 'Rate exceeded',
          retryable: true,
          httpStatus: failing.httpStatus,
          notApplied: failing.httpStatus < 500,
        });
      if (at >= this.writerChangesAt) {
        this.writer = 'db-1';
        this.readers = ['db-0', 'db-2'];
      }
    }
    return super.call(service, operation, input);
  }
}

const WAIT = (interval: string, extra = '') =>
  `observe: { c: { cluster: c1 } }\nuntil: c.writer == "db-1"\ntimeout: 5m\ninterval: ${interval}\n${extra}`;

async function runWait(body: string, setup: (aws: ClockedAws) => void = () => undefined, writerChangesAt = 30_000) {
  const clock = new ManualClock();
  const start = clock.now();
  const aws = new ClockedAws(clock, start, writerChangesAt);
  setup(aws);
  const { block, codes } = oneBlock('wait', body);
  expect(codes).toEqual([]);
  const progress: WaitProgress[] = [];
  const logs: string[] = [];
  const sleeps: number[] = [];
  const ctx = {
    run: { dryRun: false },
    step: {},
    block: block as WaitBlock,
    scope: {},
    aws,
    timeScale: 1,
    signal: new AbortController().signal,
    now: () => new Date(clock.now()),
    sleep: (ms: number) => {
      sleeps.push(ms);
      clock.advance(ms);
      return Promise.resolve();
    },
    evaluating: <T>(work: () => T) => Promise.resolve().then(work),
    log: (_level: string, text: string) => Promise.resolve(void logs.push(text)),
    beginWait: () => Promise.resolve(),
    waitProgress: (p: WaitProgress) => Promise.resolve(void progress.push(p)),
    stillCurrent: () => Promise.resolve(true),
  } as unknown as BlockExecutionContext<WaitBlock>;
  const outcome: BlockOutcome = await executeWaitBlock(ctx);
  return { outcome, reads: aws.reads, progress, logs, sleeps, elapsed: clock.now() - start };
}

describe('wait: polls at its interval while the condition is unmet', () => {
  it('polls every 2 s for a 30 s failover and sees the new writer at the first poll after it (never 1.5× later each time)', async () => {
    const { outcome, reads } = await runWait(WAIT('2s'));
    expect(outcome).toMatchObject({ type: 'done', output: { polls: 16 } });
    expect(reads).toEqual(Array.from({ length: 16 }, (_, i) => i * 2000));
    // Detection: the change at 30 s is seen at the poll at 30 s, within one interval.
    expect(reads[reads.length - 1] - 30_000).toBeLessThan(2000);
  });

  it('counts the interval from the start of each poll: a read taking 700 ms does not stretch the period', async () => {
    const { reads, sleeps } = await runWait(WAIT('2s'), (aws) => (aws.readMs = 700), 10_000);
    expect(reads).toEqual([0, 2000, 4000, 6000, 8000, 10_000]);
    expect(new Set(sleeps)).toEqual(new Set([1300]));
  });

  it('keeps the interval over a long wait (a 5 min transition is still polled every 5 s at the end)', async () => {
    const { reads } = await runWait(WAIT('5s'), undefined, 290_000);
    const gaps = reads.slice(1).map((at, i) => at - reads[i]);
    expect(new Set(gaps)).toEqual(new Set([5000]));
    expect(reads[reads.length - 1]).toBe(290_000);
  });

  it('keeps polling at the interval when a read fails for another reason (a 4xx that is not throttling)', async () => {
    const { reads, progress } = await runWait(
      WAIT('2s'),
      (aws) => {
        aws.failures = [{ from: 4000, to: 8000, code: 'AccessDenied', httpStatus: 403 }];
      },
      10_000,
    );
    expect(reads).toEqual([0, 2000, 4000, 6000, 8000, 10_000]);
    expect(progress.some((p) => p.backoff)).toBe(false);
    expect(progress[2].observed[0]).toMatch(/^could not read: rds:DescribeDBClusters failed: AccessDenied/);
  });
});

describe('wait: backs off only when AWS asks it to, and says so', () => {
  it('doubles the delay while AWS throttles (up to 30 s), says so in the progress, and is back to the interval at once', async () => {
    const { outcome, reads, progress, logs } = await runWait(
      WAIT('2s'),
      (aws) => {
        aws.failures = [{ from: 4000, to: 40_000, code: 'Throttling', httpStatus: 400 }];
      },
      70_000,
    );
    expect(outcome.type).toBe('done');
    // 0, 2 s, then throttled at 4 s → +4, 8 s → +8, 16 s → +16, 32 s → +30 (the ceiling), 62 s answered, 64 s …
    expect(reads.slice(0, 8)).toEqual([0, 2000, 4000, 8000, 16_000, 32_000, 62_000, 64_000]);
    const throttled = progress[2];
    expect(throttled.backoff).toEqual({ reason: 'AWS is throttling DescribeDBClusters (Throttling)', nextPollAt: expect.any(String) });
    expect(throttled.observed).toEqual([
      expect.stringMatching(/^could not read: rds:DescribeDBClusters failed: Throttling: Rate exceeded/),
      'AWS is throttling DescribeDBClusters (Throttling): polling every 4 s instead of every 2 s until AWS answers again',
    ]);
    expect(Date.parse(throttled.backoff!.nextPollAt) - Date.parse(throttled.checkedAt)).toBe(4000);
    expect(progress[6].backoff).toBeUndefined();
    // One warning when the backing off starts, not one per poll.
    expect(logs.filter((l) => l.includes('polls less often'))).toEqual([
      'AWS is throttling DescribeDBClusters (Throttling): the wait polls less often than every 2 s until AWS answers again',
    ]);
  });

  it('backs off on a 5xx from AWS as on throttling', async () => {
    const { reads, progress } = await runWait(
      WAIT('2s'),
      (aws) => {
        aws.failures = [{ from: 2000, to: 3000, code: 'InternalFailure', httpStatus: 500 }];
      },
      8000,
    );
    expect(reads).toEqual([0, 2000, 6000, 8000]);
    expect(progress[1].backoff?.reason).toBe('AWS answered DescribeDBClusters with 500 InternalFailure');
  });

  it('never sleeps past the timeout while backing off: the wait fails at its deadline with AWS’s reason', async () => {
    const { outcome, elapsed } = await runWait(WAIT('2s').replace('timeout: 5m', 'timeout: 20s'), (aws) => {
      aws.failures = [{ from: 0, to: 1e9, code: 'Throttling', httpStatus: 400 }];
    });
    expect(elapsed).toBe(20_000);
    expect(outcome).toMatchObject({
      type: 'failed',
      error: expect.stringMatching(/^wait timed out after 20 s: rds:DescribeDBClusters failed: Throttling/),
    });
  });
});

describe('wait with for: a hold', () => {
  it('polls at the interval, and no later than the end of the hold, once the condition holds', async () => {
    const { outcome, reads } = await runWait(WAIT('2s', 'for: 3s'), undefined, 4000);
    expect(outcome.type).toBe('done');
    // Holds from 4 s; 6 s (held 2 s), then 7 s (the hold is over) rather than 8 s.
    expect(reads).toEqual([0, 2000, 4000, 6000, 7000]);
  });
});

describe('PollSchedule', () => {
  it('resets the backoff after one answered poll and doubles again from the interval', () => {
    const s = new PollSchedule(1000, 30_000);
    const throttled = (at: number) => s.after({ startedAt: at, endedAt: at, slowDown: 'throttled' }).delayMs;
    expect([throttled(0), throttled(2000), throttled(6000)]).toEqual([2000, 4000, 8000]);
    expect(s.after({ startedAt: 14_000, endedAt: 14_100 }).delayMs).toBe(900);
    expect(throttled(15_000)).toBe(2000);
  });

  it('with an interval above the ceiling, backing off never polls more often than the interval', () => {
    const s = new PollSchedule(60_000, 30_000);
    expect(s.after({ startedAt: 0, endedAt: 0, slowDown: 'throttled' }).delayMs).toBe(60_000);
  });

  it('a poll that took longer than the interval is followed at once (1 ms), not skipped', () => {
    expect(new PollSchedule(2000, 30_000).after({ startedAt: 0, endedAt: 5000 }).delayMs).toBe(1);
  });
});

it('an abort during the sleep ends the wait (the default sleep rejects with RunInterrupted)', async () => {
  const { block } = oneBlock('wait', WAIT('2s'));
  const controller = new AbortController();
  const aws = new ClockedAws(new ManualClock(), 0, Infinity);
  const ctx = {
    run: { dryRun: false },
    step: {},
    block: block as WaitBlock,
    scope: {},
    aws,
    timeScale: 1000,
    signal: controller.signal,
    now: () => new Date(),
    evaluating: <T>(work: () => T) => Promise.resolve().then(work),
    log: () => Promise.resolve(),
    beginWait: () => Promise.resolve(),
    waitProgress: () => Promise.resolve(void controller.abort()),
    stillCurrent: () => Promise.resolve(true),
  } as unknown as BlockExecutionContext<WaitBlock>;
  await expect(executeWaitBlock(ctx)).rejects.toBeInstanceOf(RunInterrupted);
});
