/**
 * A client-side token bucket: `take()` resolves when a request may be sent, at most `ratePerSecond`
 * on average with bursts of up to `burst`. Every AWS call of one gateway to one service in one
 * region takes a token (sdk-gateway.ts), so all the runs sharing the gateway (one per account and
 * region in each host) slow down together instead of failing on AWS's throttling. Waiters are
 * served in order; a `priority` one (a change a runbook sends) goes before waiting reads.
 */
export interface BucketClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: BucketClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface BucketStats {
  /** Tokens taken so far. */
  taken: number;
  /** Of those, how many had to wait for a token, and for how long in all (ms). */
  waited: number;
  waitedMs: number;
}

interface Waiter {
  priority: boolean;
  resolve: () => void;
}

export class TokenBucket {
  private tokens: number;
  private at: number;
  private readonly queue: Waiter[] = [];
  private draining = false;
  readonly stats: BucketStats = { taken: 0, waited: 0, waitedMs: 0 };

  constructor(
    readonly ratePerSecond: number,
    readonly burst: number = ratePerSecond,
    private readonly clock: BucketClock = realClock,
  ) {
    if (!(ratePerSecond > 0)) throw new Error(`a token bucket needs a positive rate, got ${ratePerSecond}`);
    if (!(burst >= 1)) throw new Error(`a token bucket needs a burst of at least 1, got ${burst}`);
    this.tokens = burst;
    this.at = clock.now();
  }

  /** Resolves when the caller may send one request. */
  take(priority = false): Promise<void> {
    this.refill();
    if (this.queue.length === 0 && this.tokens >= 1) {
      this.tokens -= 1;
      this.stats.taken++;
      return Promise.resolve();
    }
    const asked = this.clock.now();
    return new Promise<void>((resolve) => {
      const waiter: Waiter = {
        priority,
        resolve: () => {
          this.stats.taken++;
          this.stats.waited++;
          this.stats.waitedMs += this.clock.now() - asked;
          resolve();
        },
      };
      // Priority waiters go after the other priority ones, before every read.
      const at = priority ? this.queue.findIndex((w) => !w.priority) : -1;
      if (at === -1) this.queue.push(waiter);
      else this.queue.splice(at, 0, waiter);
      void this.drain();
    });
  }

  /** How many requests wait for a token now. */
  get waiting(): number {
    return this.queue.length;
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.ratePerSecond);
    this.at = now;
  }

  /** Hands tokens to the queue as they come, one drain loop at a time. */
  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        this.refill();
        if (this.tokens >= 1) {
          this.tokens -= 1;
          this.queue.shift()!.resolve();
          continue;
        }
        await this.clock.sleep(Math.ceil(((1 - this.tokens) * 1000) / this.ratePerSecond));
      }
    } finally {
      this.draining = false;
    }
  }
}
