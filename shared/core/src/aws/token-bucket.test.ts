import { TokenBucket, type BucketClock } from './token-bucket';

/**
 * A clock that moves only when the bucket sleeps: every token is handed out at an exact time. It
 * moves on the next turn of the event loop, after the callers the bucket let through have run.
 */
function manualClock(): BucketClock & { current: number } {
  const clock = {
    current: 0,
    now: () => clock.current,
    sleep: (ms: number) =>
      new Promise<void>((resolve) =>
        setImmediate(() => {
          clock.current += ms;
          resolve();
        }),
      ),
  };
  return clock;
}

describe('TokenBucket', () => {
  it('lets a burst through at once, then one request every 1/rate seconds, in order', async () => {
    const clock = manualClock();
    const bucket = new TokenBucket(20, 20, clock);
    const grantedAt: number[] = [];
    await Promise.all(Array.from({ length: 60 }, () => bucket.take().then(() => grantedAt.push(clock.now()))));
    expect(grantedAt.slice(0, 20)).toEqual(Array(20).fill(0));
    expect(grantedAt.slice(20)).toEqual(Array.from({ length: 40 }, (_, i) => (i + 1) * 50));
    // 60 requests at 20 req/s with a burst of 20: the last one 2 s after the first.
    expect(grantedAt[59]).toBe(2000);
    expect(bucket.stats).toEqual({ taken: 60, waited: 40, waitedMs: grantedAt.slice(20).reduce((a, b) => a + b, 0) });
  });

  it('never goes over the rate over any second once the burst is spent', async () => {
    const clock = manualClock();
    const bucket = new TokenBucket(5, 1, clock);
    const grantedAt: number[] = [];
    await Promise.all(Array.from({ length: 26 }, () => bucket.take().then(() => grantedAt.push(clock.now()))));
    for (const t of grantedAt) expect(grantedAt.filter((u) => u >= t && u < t + 1000).length).toBeLessThanOrEqual(5);
    expect(grantedAt[25]).toBe(5000);
  });

  it('refills while idle, up to the burst and no more', async () => {
    const clock = manualClock();
    const bucket = new TokenBucket(10, 3, clock);
    await Promise.all([bucket.take(), bucket.take(), bucket.take()]);
    clock.current += 10_000;
    const grantedAt: number[] = [];
    await Promise.all(Array.from({ length: 4 }, () => bucket.take().then(() => grantedAt.push(clock.now()))));
    expect(grantedAt).toEqual([10_000, 10_000, 10_000, 10_100]);
  });

  it('serves a change (priority) before the reads already waiting, and changes among themselves in order', async () => {
    const clock = manualClock();
    const bucket = new TokenBucket(1, 1, clock);
    const order: string[] = [];
    const all = [
      bucket.take().then(() => order.push('read-1')),
      bucket.take().then(() => order.push('read-2')),
      bucket.take().then(() => order.push('read-3')),
      bucket.take(true).then(() => order.push('change-1')),
      bucket.take(true).then(() => order.push('change-2')),
    ];
    await Promise.all(all);
    expect(order).toEqual(['read-1', 'change-1', 'change-2', 'read-2', 'read-3']);
  });

  it('refuses a rate or burst that could never hand out a token', () => {
    expect(() => new TokenBucket(0)).toThrow(/positive rate/);
    expect(() => new TokenBucket(Number.NaN)).toThrow(/positive rate/);
    expect(() => new TokenBucket(10, 0.5)).toThrow(/burst of at least 1/);
  });
});
