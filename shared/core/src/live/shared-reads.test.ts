/**
 * SharedReads on a manual clock: which keys each batch reads, and which requests a read answers
 * (its freshness bound), with a fake batch read that records what it was asked.
 */
import { AwsCallError } from '../aws/gateway';
import { ResourceNotFoundError } from './resource-not-found';
import { PollMemory, SharedReads, type ReadOutcome } from './shared-reads';

function setup(options: { hold?: boolean; fail?: (keys: string[]) => Error | undefined } = {}) {
  let now = 0;
  const batches: string[][] = [];
  const single: string[] = [];
  /** The value a key has in "AWS" now: changes when the test says. */
  const world = new Map<string, number>();
  const releases: Array<() => void> = [];
  const reads = new SharedReads<number>({
    now: () => now,
    readBatch: async (keys) => {
      batches.push([...keys].sort());
      const snapshot = new Map(keys.map((k) => [k, world.get(k)]));
      if (options.hold) await new Promise<void>((resolve) => releases.push(resolve));
      const failure = options.fail?.(keys);
      if (failure) throw failure;
      return new Map(
        keys.map((k): [string, ReadOutcome<number>] => {
          const v = snapshot.get(k);
          return [k, v === undefined ? { error: new ResourceNotFoundError('cluster', k, 'us-east-1') } : { value: v }];
        }),
      );
    },
    readOne: async (key) => {
      single.push(key);
      if (key.includes(' '))
        throw new AwsCallError({
          service: 'rds',
          operation: 'DescribeDBClusters',
          code: 'InvalidParameterValue',
          awsMessage: 'bad id',
          retryable: false,
          notApplied: true,
          httpStatus: 400,
        });
      const v = world.get(key);
      return v === undefined ? { error: new ResourceNotFoundError('cluster', key, 'us-east-1') } : { value: v };
    },
  });
  return {
    reads,
    batches,
    single,
    world,
    releaseAll: () => releases.splice(0).forEach((r) => r()),
    advance: (ms: number) => (now += ms),
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('SharedReads: one batch serves every request due', () => {
  it('20 runs asking for 20 clusters at once: one batch of all 20', async () => {
    const { reads, batches, world } = setup();
    for (let i = 0; i < 20; i++) world.set(`c${i}`, i);
    const values = await Promise.all(Array.from({ length: 20 }, (_, i) => reads.get(`c${i}`, 2000)));
    expect(values).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(20);
  });

  it('a batch that one run causes answers the other runs’ next polls while it is fresh (their interval)', async () => {
    const { reads, batches, world, advance } = setup();
    world.set('a', 1);
    world.set('b', 1);
    await Promise.all([reads.get('a', 2000), reads.get('b', 2000)]);
    world.set('b', 2);
    advance(500);
    // b's next poll, 0.5 s later: the read is 0.5 s old, within b's 2 s.
    expect(await reads.get('b', 2000)).toBe(1);
    advance(1500);
    // a's next poll, 2 s after the read: no longer fresh, a new batch, which reads b as well (watched).
    expect(await reads.get('a', 2000)).toBe(1);
    expect(batches).toEqual([
      ['a', 'b'],
      ['a', 'b'],
    ]);
    advance(100);
    expect(await reads.get('b', 2000)).toBe(2);
    expect(batches).toHaveLength(2);
  });

  it('one run alone reads at every poll: its previous read is exactly one interval old, not fresh', async () => {
    const { reads, batches, world, advance } = setup();
    world.set('a', 1);
    for (let i = 0; i < 5; i++) {
      await reads.get('a', 2000);
      advance(2000);
    }
    expect(batches).toHaveLength(5);
  });

  it('maxAge 0 (a one-shot check) never takes an earlier read, but shares the batch of requests made with it', async () => {
    const { reads, batches, world } = setup();
    world.set('a', 1);
    await reads.get('a', 60_000);
    world.set('a', 2);
    const [x, y] = await Promise.all([reads.get('a', 0), reads.get('a', 0)]);
    expect([x, y]).toEqual([2, 2]);
    expect(batches).toEqual([['a'], ['a']]);
  });

  it('a request made while a batch is under way joins it when that batch reads its key, else the next one', async () => {
    const h = setup({ hold: true });
    h.world.set('a', 1);
    h.world.set('b', 1);
    const first = h.reads.get('a', 2000);
    await tick();
    expect(h.batches).toEqual([['a']]);
    const joined = h.reads.get('a', 2000);
    const later = h.reads.get('b', 2000);
    await tick();
    expect(h.batches).toHaveLength(1);
    h.releaseAll();
    expect(await Promise.all([first, joined])).toEqual([1, 1]);
    await tick();
    // a was just read: the next batch leaves it out.
    expect(h.batches).toEqual([['a'], ['b']]);
    h.releaseAll();
    expect(await later).toBe(1);
  });

  it('reads along only the keys other runs poll whose read is at least half their bound old; never one-shot keys', async () => {
    const { reads, batches, world, advance } = setup();
    for (const k of ['polled', 'young', 'once']) world.set(k, 1);
    await Promise.all([reads.get('polled', 2000), reads.get('once', 0)]);
    advance(500);
    await reads.get('young', 2000);
    advance(600);
    // polled's read is 1.1 s old (≥ half of 2 s), young's 0.6 s: only polled rides along; once never does.
    await reads.get('other', 2000).catch(() => undefined);
    expect(batches).toEqual([['once', 'polled'], ['young'], ['other', 'polled']]);
  });

  it('forgets a key nobody asked for in twice its freshness bound (plus 2 s)', async () => {
    const { reads, batches, world, advance } = setup();
    world.set('a', 1);
    world.set('b', 1);
    await Promise.all([reads.get('a', 1000), reads.get('b', 1000)]);
    advance(4001);
    await reads.get('a', 1000);
    expect(batches[1]).toEqual(['a']);
  });

  it('a key AWS has not: a not-found error for that run only', async () => {
    const { reads, world } = setup();
    world.set('a', 1);
    const [a, gone] = await Promise.allSettled([reads.get('a', 1000), reads.get('gone', 1000)]);
    expect(a).toEqual({ status: 'fulfilled', value: 1 });
    expect(gone).toMatchObject({ status: 'rejected', reason: expect.any(ResourceNotFoundError) });
  });
});

describe('SharedReads: a poller (one wait’s polls)', () => {
  it('its first poll reads after it asks, though another run’s read is fresh: a wait after a change never sees the state before it', async () => {
    const { reads, batches, world, advance } = setup();
    world.set('a', 1);
    await reads.get('a', 10_000);
    world.set('a', 2); // the change the wait is about
    advance(100);
    expect(await reads.get('a', 10_000, new PollMemory())).toBe(2);
    expect(batches).toEqual([['a'], ['a']]);
  });

  it('never takes the read that answered its previous poll, or an older one, even within its interval', async () => {
    const { reads, batches, world, advance } = setup();
    world.set('a', 1);
    const poller = new PollMemory();
    await reads.get('a', 10_000, poller);
    world.set('a', 2);
    advance(1000); // well within the interval: the read is fresh, but it is this poller's own
    expect(await reads.get('a', 10_000, poller)).toBe(2);
    expect(batches).toHaveLength(2);
  });

  it('takes another run’s newer read while it is under one interval old, never an older one', async () => {
    const { reads, batches, world, advance } = setup();
    world.set('a', 1);
    const mine = new PollMemory();
    await reads.get('a', 10_000, mine); // t = 0
    advance(3000);
    world.set('a', 2);
    await reads.get('a', 0); // another run's one-shot read at t = 3 s
    advance(9000); // t = 12 s: that read is 9 s old, newer than mine
    expect(await reads.get('a', 10_000, mine)).toBe(2);
    expect(batches).toHaveLength(2);
    world.set('a', 3);
    advance(10_000); // t = 22 s: the newest read (3 s) is 19 s old: too old, a new batch
    expect(await reads.get('a', 10_000, mine)).toBe(3);
    expect(batches).toHaveLength(3);
  });

  it('20 runs polling every 10 s out of phase: one batch per interval, each poll seeing state under 10 s old', async () => {
    const { reads, batches, world, advance } = setup();
    const interval = 10_000;
    const pollers = Array.from({ length: 20 }, () => new PollMemory());
    for (let i = 0; i < 20; i++) world.set(`c${i}`, 0);
    let t = 0;
    let worst = 0;
    for (let round = 0; round < 30; round++) {
      for (let i = 0; i < 20; i++) {
        const due = round * interval + (i * interval) / 20;
        advance(due - t);
        t = due;
        for (let j = 0; j < 20; j++) world.set(`c${j}`, t); // AWS's state is the time now
        const seen = await reads.get(`c${i}`, interval, pollers[i]);
        worst = Math.max(worst, t - seen);
      }
    }
    expect(worst).toBeLessThan(interval);
    // 20 first polls each read after asking (20 batches in the first round), then one batch per interval.
    expect(batches.length).toBeLessThanOrEqual(20 + 30);
    expect(batches.length).toBeGreaterThanOrEqual(29);
  });
});

describe('SharedReads: failures', () => {
  it('AWS throttling the batch fails every request of it (each run backs off), and nothing is cached', async () => {
    let throttle = true;
    const throttled = new AwsCallError({
      service: 'rds',
      operation: 'DescribeDBClusters',
      code: 'Throttling',
      awsMessage: 'Rate exceeded',
      retryable: true,
      notApplied: true,
      httpStatus: 400,
    });
    const { reads, world, single } = setup({ fail: () => (throttle ? throttled : undefined) });
    world.set('a', 1);
    world.set('b', 2);
    const settled = await Promise.allSettled([reads.get('a', 1000), reads.get('b', 1000)]);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
    expect(single).toEqual([]);
    throttle = false;
    expect(await reads.get('a', 1000)).toBe(1);
  });

  it('AWS refusing a batch (a 4xx: one run’s bad identifier) does not fail the others: each key is read on its own', async () => {
    const refused = new AwsCallError({
      service: 'rds',
      operation: 'DescribeDBClusters',
      code: 'InvalidParameterValue',
      awsMessage: 'bad',
      retryable: false,
      notApplied: true,
      httpStatus: 400,
    });
    const { reads, world, single } = setup({ fail: (keys) => (keys.some((k) => k.includes(' ')) ? refused : undefined) });
    world.set('a', 1);
    world.set('b', 2);
    const settled = await Promise.allSettled([reads.get('a', 1000), reads.get('b', 1000), reads.get('x --no-deletion-protection', 1000)]);
    expect(settled[0]).toEqual({ status: 'fulfilled', value: 1 });
    expect(settled[1]).toEqual({ status: 'fulfilled', value: 2 });
    expect(settled[2]).toMatchObject({ status: 'rejected', reason: { code: 'InvalidParameterValue' } });
    expect(single.sort()).toEqual(['a', 'b', 'x --no-deletion-protection']);
  });
});

it('counts what it shared', async () => {
  const { reads, world, advance } = setup();
  for (let i = 0; i < 10; i++) world.set(`c${i}`, i);
  await Promise.all(Array.from({ length: 10 }, (_, i) => reads.get(`c${i}`, 5000)));
  advance(1000);
  await Promise.all(Array.from({ length: 10 }, (_, i) => reads.get(`c${i}`, 5000)));
  expect(reads.stats).toEqual({ batches: 1, keysRead: 10, requests: 20, shared: 10 });
});
