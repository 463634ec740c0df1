/**
 * What every RolloutStore must do, as a suite each store runs (FileRunStore here, KnexRunStore on
 * SQLite and PostgreSQL in the Backstage backend): records once, compare-and-set writes, newest-first
 * summaries, one driver at a time under the rollout's lease.
 */
import { RolloutListQueryError } from '../../rollout/errors';
import type { Rollout } from '../../rollout/rollout';
import { allRollouts, rolloutCursor } from '../../rollout/rollout-list';
import type { RolloutStore } from '../../rollout/rollout-store';

export function testRolloutRecord(id: string, version = 1, createdAt = '2026-12-05T00:00:00.000Z'): Rollout {
  return {
    id,
    version,
    title: 'Upgrade',
    runbook: { file: 'f.md', title: 'Upgrade', source: '' },
    template: { cluster: '{{ cluster.id }}' },
    selection: 'team=payments',
    plan: { waves: [{ count: 1 }, { rest: true }], gate: { kind: 'none' }, budget: { failures: { count: 2 }, guardStops: { count: 2 } } },
    target: 'aws@us-east-1',
    startedBy: 'alice',
    createdAt,
    updatedAt: createdAt,
    status: 'running',
    approvedWaves: [],
    clusters: [
      {
        id: 'pay-1',
        region: 'us-east-1',
        arn: 'arn:aws:rds:us-east-1:123456789012:cluster:pay-1',
        wave: 0,
        params: { cluster: 'pay-1' },
        status: 'pending',
        retries: 0,
      },
      {
        id: 'pay-2',
        region: 'us-east-1',
        arn: 'arn:aws:rds:us-east-1:123456789012:cluster:pay-2',
        wave: 1,
        params: { cluster: 'pay-2' },
        status: 'pending',
        retries: 0,
      },
    ],
    audit: [],
  };
}

/** `store()` returns a store on empty tables; `other()` a second store on the same tables (another replica), or the same one. */
export function rolloutStoreBehaviours(store: () => RolloutStore, other: () => RolloutStore = store): void {
  const A = 'ro-20261205000000-aaaaaa';
  const B = 'ro-20261205010000-bbbbbb';

  it('records a rollout once and reads it back whole', async () => {
    await store().createRollout(testRolloutRecord(A));
    await expect(other().createRollout(testRolloutRecord(A))).rejects.toThrow(/already exists/);
    expect(await other().getRollout(A)).toEqual(testRolloutRecord(A));
    expect(await store().getRollout(B)).toBeUndefined();
  });

  it('writes compare-and-set on version: of two writers of one version exactly one wins', async () => {
    await store().createRollout(testRolloutRecord(A));
    const paused = { ...testRolloutRecord(A, 2), status: 'paused' as const };
    const aborted = { ...testRolloutRecord(A, 2), status: 'aborted' as const };
    const results = await Promise.all([store().putRollout(paused), other().putRollout(aborted)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await store().getRollout(A))?.status).toBe(results[0] ? 'paused' : 'aborted');
    expect(await store().putRollout(testRolloutRecord(A, 2))).toBe(false);
    expect(await store().putRollout(testRolloutRecord(B, 2))).toBe(false);
  });

  it('lists summaries newest first with runbook, starter and counts per cluster status', async () => {
    await store().createRollout(testRolloutRecord(A, 1, '2026-12-05T00:00:00.000Z'));
    await other().createRollout(testRolloutRecord(B, 1, '2026-12-05T01:00:00.000Z'));
    const list = await store().listRollouts();
    expect(list.rollouts.map((r) => r.id)).toEqual([B, A]);
    expect(list.next).toBeUndefined();
    expect(list.rollouts[0]).toEqual({
      id: B,
      title: 'Upgrade',
      runbook: { file: 'f.md', title: 'Upgrade' },
      status: 'running',
      startedBy: 'alice',
      createdAt: '2026-12-05T01:00:00.000Z',
      updatedAt: '2026-12-05T01:00:00.000Z',
      counts: expect.objectContaining({ pending: 2, succeeded: 0, failed: 0 }),
      waves: 2,
    });
  });

  it('a summary follows every write of its rollout, whichever replica wrote it', async () => {
    await store().createRollout(testRolloutRecord(A));
    const next = testRolloutRecord(A, 2);
    next.status = 'halted';
    next.updatedAt = '2026-12-05T00:05:00.000Z';
    next.clusters[0] = { ...next.clusters[0], status: 'failed' };
    expect(await other().putRollout(next)).toBe(true);
    const [summary] = (await store().listRollouts()).rollouts;
    expect(summary).toMatchObject({ status: 'halted', updatedAt: '2026-12-05T00:05:00.000Z', counts: { failed: 1, pending: 1 } });
    // A write that loses compare-and-set changes no summary either.
    expect(await store().putRollout({ ...testRolloutRecord(A, 2), status: 'aborted' })).toBe(false);
    expect((await other().listRollouts()).rollouts[0].status).toBe('halted');
  });

  it('pages newest first with a cursor: every rollout once, ties on createdAt ordered by id, new rollouts shift no page', async () => {
    const at = (minute: number) => `2026-12-05T00:${String(minute).padStart(2, '0')}:00.000Z`;
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      // Rollouts 2 and 3 share their createdAt: the id orders them.
      const id = `ro-2026120500${String(i).padStart(2, '0')}00-00000${i}`;
      ids.push(id);
      await (i % 2 ? other() : store()).createRollout(testRolloutRecord(id, 1, at(i === 3 ? 2 : i)));
    }
    const first = await store().listRollouts({ limit: 3 });
    expect(first.rollouts.map((r) => r.id)).toEqual([ids[6], ids[5], ids[4]]);
    expect(first.next).toBe(rolloutCursor(first.rollouts[2]));
    // A rollout started between two pages appears on no later page (it is newer than the cursor).
    await store().createRollout(testRolloutRecord('ro-20261205005900-ffffff', 1, at(59)));
    const second = await other().listRollouts({ limit: 3, cursor: first.next });
    expect(second.rollouts.map((r) => r.id)).toEqual([ids[3], ids[2], ids[1]]);
    const last = await store().listRollouts({ limit: 3, cursor: second.next });
    expect(last.rollouts.map((r) => r.id)).toEqual([ids[0]]);
    expect(last.next).toBeUndefined();
    // A page that ends exactly at the last rollout has no next.
    expect((await store().listRollouts({ limit: 8 })).next).toBeUndefined();
    const all: string[] = [];
    for await (const s of allRollouts(store(), 2)) all.push(s.id);
    expect(all).toEqual(['ro-20261205005900-ffffff', ...[...ids].reverse()]);
  });

  it('refuses a limit or cursor that cannot be, naming it, before reading anything', async () => {
    await store().createRollout(testRolloutRecord(A));
    for (const limit of [0, -1, 1.5, 501, Number.NaN, Number.POSITIVE_INFINITY]) {
      await expect(store().listRollouts({ limit })).rejects.toMatchObject({ name: 'RolloutListQueryError', field: 'limit' });
    }
    const hostile = [
      '',
      '~',
      A,
      `2026-12-05T00:00:00.000Z~${A}' OR '1'='1`,
      `2026-12-05T00:00:00.000Z~../../etc/passwd`,
      `2026-12-05T00:00:00.000Z~${A}\n--limit`,
      `--limit=1000~${A}`,
      `2026-13-45T99:00:00.000Z~${A}`,
      `2026-12-05T00:00:00.000Z~${A.toUpperCase()}`,
      `2026-12-05 00:00:00~${A}`,
    ];
    for (const cursor of hostile) {
      const error = await store()
        .listRollouts({ cursor })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RolloutListQueryError);
      expect(error).toMatchObject({ field: 'cursor', value: cursor });
      expect((error as Error).message).toMatch(/pass the `next` value a rollout list returned/);
    }
    // A well-formed cursor of a rollout that is not (or no longer) there still pages from its place.
    expect((await store().listRollouts({ cursor: `2026-12-06T00:00:00.000Z~ro-20261206000000-abcdef` })).rollouts.map((r) => r.id)).toEqual(
      [A],
    );
  });

  it('one driver at a time: the lease is exclusive, renewable, and free once released', async () => {
    await store().createRollout(testRolloutRecord(A));
    expect(await store().claim(A, 'host:1:a', 60_000)).toBe(true);
    expect(await other().claim(A, 'host:2:b', 60_000)).toBe(false);
    expect(await store().claim(A, 'host:1:a', 60_000)).toBe(true);
    await other().release(A, 'host:2:b');
    expect(await other().claim(A, 'host:2:b', 60_000)).toBe(false);
    await store().release(A, 'host:1:a');
    expect(await other().claim(A, 'host:2:b', 60_000)).toBe(true);
  });
}
