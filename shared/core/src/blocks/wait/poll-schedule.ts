/**
 * When a wait polls next. While its condition is unmet a wait polls at its runbook's `interval`,
 * counted from the start of one poll to the start of the next, so a slow read does not stretch the
 * period and a change is seen within one interval of happening. It polls less often only when AWS
 * asks it to (a throttling error or a 5xx, see `awsAskedToSlowDown`): the delay doubles with each
 * such poll in a row, up to `maxBackoffMs`, and is back to `interval` at the first poll AWS answers.
 */
export interface PollResult {
  /** Clock time the poll began and ended (ms). */
  startedAt: number;
  endedAt: number;
  /** Why AWS asked to slow down, when it did (the poll's read was throttled or got a 5xx). */
  slowDown?: string;
  /** While the condition holds under a `for:`, how long it must still hold: the next poll is no later than that. */
  holdRemainingMs?: number;
}

export interface NextPoll {
  /** How long to sleep after the poll ended. */
  delayMs: number;
  /** Set while backing off: why, and the delay instead of the interval. */
  backoff?: { reason: string; delayMs: number; intervalMs: number; /** Polls in a row AWS asked to slow down. */ inARow: number };
}

export class PollSchedule {
  private slowDowns = 0;

  constructor(
    private readonly intervalMs: number,
    private readonly maxBackoffMs: number,
  ) {}

  after(poll: PollResult): NextPoll {
    if (poll.slowDown) {
      this.slowDowns++;
      const ceiling = Math.max(this.maxBackoffMs, this.intervalMs);
      const delayMs = Math.min(this.intervalMs * 2 ** this.slowDowns, ceiling);
      return { delayMs, backoff: { reason: poll.slowDown, delayMs, intervalMs: this.intervalMs, inARow: this.slowDowns } };
    }
    this.slowDowns = 0;
    const untilNextPeriod = poll.startedAt + this.intervalMs - poll.endedAt;
    const delay = poll.holdRemainingMs !== undefined ? Math.min(untilNextPeriod, poll.holdRemainingMs) : untilNextPeriod;
    return { delayMs: Math.max(1, delay) };
  }
}
