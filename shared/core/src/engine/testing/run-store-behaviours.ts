/**
 * What every RunStore must do, as a suite each store runs (FileRunStore here, KnexRunStore on
 * SQLite and PostgreSQL in the Backstage backend): compare-and-set writes, locks taken and released
 * in the run's own writes, exclusive renewable leases, filtered lists.
 */
import { LockConflictError } from '../../model/errors';
import type { Run } from '../../model/run';
import type { RunStore } from '../run-store';

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

  it("takes a run's locks with the run, all or none, and refuses a run another open run blocks", async () => {
    await store().create(testRun('a', 1, { locks: ['x', 'y'] }));
    const refused = other().create(testRun('b', 1, { locks: ['z', 'y'] }));
    await expect(refused).rejects.toBeInstanceOf(LockConflictError);
    await expect(refused).rejects.toMatchObject({ resource: 'y', heldBy: 'a' });
    expect(await other().get('b')).toBeUndefined();
    expect(await store().locks()).toEqual([
      { key: 'x', runId: 'a' },
      { key: 'y', runId: 'a' },
    ]);
    // Ending the run releases its locks in the same write.
    expect(await store().put(testRun('a', 2, { locks: ['x', 'y'], status: 'aborted' }))).toBe(true);
    expect(await store().locks()).toEqual([]);
    await other().create(testRun('b', 1, { locks: ['z', 'y'] }));
    expect((await store().locks()).map((l) => `${l.key}=${l.runId}`)).toEqual(['y=b', 'z=b']);
    // A failed run still holds its locks (it is open: an operator retries, skips, aborts or rolls back).
    expect(await other().put(testRun('b', 2, { locks: ['z', 'y'], status: 'failed' }))).toBe(true);
    await expect(store().create(testRun('c', 1, { locks: ['z'] }))).rejects.toMatchObject({ resource: 'z', heldBy: 'b' });
  });

  it('an ended run that opens again (a rollback) takes its locks again, or is refused with nothing written', async () => {
    await store().create(testRun('a', 1, { locks: ['x'] }));
    expect(await store().put(testRun('a', 2, { locks: ['x'], status: 'succeeded' }))).toBe(true);
    await other().create(testRun('b', 1, { locks: ['x'] }));
    await expect(store().put(testRun('a', 3, { locks: ['x'], status: 'running', phase: 'rollback' }))).rejects.toMatchObject({
      resource: 'x',
      heldBy: 'b',
    });
    expect(await store().get('a')).toMatchObject({ version: 2, status: 'succeeded' });
    expect(await other().put(testRun('b', 2, { locks: ['x'], status: 'aborted' }))).toBe(true);
    expect(await store().put(testRun('a', 3, { locks: ['x'], status: 'running', phase: 'rollback' }))).toBe(true);
    expect(await other().locks()).toEqual([{ key: 'x', runId: 'a' }]);
  });

  it('racing creates of runs on one lock: exactly one is recorded', async () => {
    const attempts = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => (i % 2 ? other() : store()).create(testRun(`race-${i}`, 1, { locks: ['k', `own-${i}`] }))),
    );
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    for (const a of attempts) if (a.status === 'rejected') expect(a.reason).toBeInstanceOf(LockConflictError);
    expect((await store().list()).length).toBe(1);
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
    await store().create({ ...testRun('elsewhere', 3), params: { cluster: 'C2' }, locks: ['global-cluster:g1@123456789012'] });
    expect((await store().list()).map((r) => r.id)).toEqual(['elsewhere', 'new', 'old']);
    expect((await store().list({ status: ['running'] })).map((r) => r.id)).toEqual(['elsewhere', 'old']);
    expect((await store().list({ resource: 'c1' })).map((r) => r.id)).toEqual(['new', 'old']);
    expect((await store().list({ resource: 'g1' })).map((r) => r.id)).toEqual(['elsewhere']);
    expect(await store().list({ resource: 'other' })).toEqual([]);
    expect((await store().list({ resource: 'arn:aws:rds:us-east-1:123456789012:cluster:c2' })).map((r) => r.id)).toEqual(['elsewhere']);
    expect(await store().list({ resource: 'arn:aws:rds:eu-west-1:123456789012:cluster:c2' })).toEqual([]);
    expect((await store().list({ limit: 1 })).map((r) => r.id)).toEqual(['elsewhere']);
    const [summary] = await store().list({ resource: 'c2' });
    expect(summary).toMatchObject({ id: 'elsewhere', title: 'T', file: 'f.md', status: 'running', params: { cluster: 'C2' } });
  });
}
