/**
 * What every RunStore must do (the core's FileRunStore tests, as a suite any store can run):
 * compare-and-set writes, all-or-nothing locks, exclusive renewable leases, filtered lists.
 */
import type { Run, RunStore } from '@switchyard/core';

export function testRun(id: string, version = 1, overrides: Partial<Run> = {}): Run {
  return {
    id,
    version,
    runbook: { file: 'f.md', title: 'T', source: '' },
    params: { cluster: 'c1' },
    status: 'running',
    phase: 'forward',
    dryRun: false,
    startedBy: 'alice',
    createdAt: new Date(2026, 0, version).toISOString(),
    updatedAt: new Date(2026, 0, version, 1).toISOString(),
    steps: [],
    rollbackSteps: [],
    current: 0,
    locks: ['rds-cluster:c1'],
    target: { endpoint: 'aws', region: 'us-east-1' },
    audit: [],
    ...overrides,
  };
}

/** `store()` returns a store on empty tables; `other()` a second store on the same tables (another replica), or the same one. */
export function runStoreBehaviours(store: () => RunStore, other: () => RunStore = store): void {
  it('creates once: a second create of the same id is refused', async () => {
    await store().create(testRun('r1'));
    await expect(other().create(testRun('r1'))).rejects.toThrow(/already exists/);
    expect(await other().get('r1')).toEqual(testRun('r1'));
    expect(await store().get('nope')).toBeUndefined();
  });

  it('writes compare-and-set on version: a stale writer loses', async () => {
    await store().create(testRun('r1'));
    expect(await store().put(testRun('r1', 2))).toBe(true);
    expect(await other().put(testRun('r1', 2))).toBe(false);
    expect(await store().put(testRun('r9', 2))).toBe(false);
    expect((await other().get('r1'))?.version).toBe(2);
  });

  it('concurrent writers of one version: exactly one wins', async () => {
    await store().create(testRun('r1'));
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? other() : store()).put(testRun('r1', 2))));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('takes every lock or none', async () => {
    expect(await store().acquireLocks('a', ['x', 'y'])).toEqual({ ok: true });
    expect(await store().acquireLocks('a', ['x', 'y'])).toEqual({ ok: true });
    expect(await other().acquireLocks('b', ['z', 'y'])).toEqual({ ok: false, key: 'y', heldBy: 'a' });
    expect((await store().locks()).map((l) => l.key).sort()).toEqual(['x', 'y']);
    await store().releaseLocks('a');
    expect(await other().acquireLocks('b', ['z', 'y'])).toEqual({ ok: true });
    expect(await store().locks()).toEqual([
      { key: 'y', runId: 'b' },
      { key: 'z', runId: 'b' },
    ]);
  });

  it('leases: one owner at a time, renewable, free again once released or expired', async () => {
    expect(await store().claim('r1', 'host-a:1:a', 60_000)).toBe(true);
    expect(await other().claim('r1', 'host-b:1:b', 60_000)).toBe(false);
    expect(await store().claim('r1', 'host-a:1:a', 60_000)).toBe(true);
    await other().release('r1', 'host-b:1:b'); // not the holder: no effect
    expect(await other().claim('r1', 'host-b:1:b', 60_000)).toBe(false);
    await store().release('r1', 'host-a:1:a');
    expect(await other().claim('r1', 'host-b:1:b', 1)).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    expect(await store().claim('r1', 'host-a:1:a', 60_000)).toBe(true);
  });

  it('lists newest first, filtered by status, resource and limit', async () => {
    await store().create(testRun('old', 1));
    await other().create({ ...testRun('new', 2), status: 'succeeded' });
    await store().create({ ...testRun('elsewhere', 3), params: { cluster: 'c2' }, locks: ['global-cluster:g1'] });
    expect((await store().list()).map((r) => r.id)).toEqual(['elsewhere', 'new', 'old']);
    expect((await store().list({ status: ['running'] })).map((r) => r.id)).toEqual(['elsewhere', 'old']);
    expect((await store().list({ resource: 'c1' })).map((r) => r.id)).toEqual(['new', 'old']);
    expect((await store().list({ resource: 'g1' })).map((r) => r.id)).toEqual(['elsewhere']);
    expect(await store().list({ resource: 'other' })).toEqual([]);
    expect((await store().list({ limit: 1 })).map((r) => r.id)).toEqual(['elsewhere']);
    const [summary] = await store().list({ resource: 'c2' });
    expect(summary).toMatchObject({ id: 'elsewhere', title: 'T', file: 'f.md', status: 'running', params: { cluster: 'c2' } });
  });
}
