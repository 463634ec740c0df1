/**
 * What every RolloutStore must do, as a suite each store runs (FileRunStore here, KnexRunStore on
 * SQLite and PostgreSQL in the Backstage backend): records once, compare-and-set writes, newest-first
 * summaries, one driver at a time under the rollout's lease.
 */
import type { Rollout } from '../../rollout/rollout';
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

  it('lists summaries newest first with counts per cluster status', async () => {
    await store().createRollout(testRolloutRecord(A, 1, '2026-12-05T00:00:00.000Z'));
    await other().createRollout(testRolloutRecord(B, 1, '2026-12-05T01:00:00.000Z'));
    const list = await store().listRollouts();
    expect(list.map((r) => r.id)).toEqual([B, A]);
    expect(list[0]).toMatchObject({ status: 'running', waves: 2, counts: { pending: 2, succeeded: 0 } });
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
