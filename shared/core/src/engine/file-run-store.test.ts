import { mkdirSync, mkdtempSync, promises as fsPromises, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import * as path from 'node:path';
import { FileRunStore } from './file-run-store';
import { RunFileCache } from './run-file-cache';
import { StoreFileError, StoreWriteError } from './store-files';
import { rolloutStoreBehaviours, testRolloutRecord } from './testing/rollout-store-behaviours';
import { runStoreBehaviours, testRun } from './testing/run-store-behaviours';

let dir: string;
let store: FileRunStore;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'switchyard-store-'));
  store = new FileRunStore(dir);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the behaviours every RunStore has', () => runStoreBehaviours(() => store));

describe('the behaviours every RolloutStore has', () => {
  // A second store object on the same directory: another process's view.
  rolloutStoreBehaviours(
    () => store,
    () => new FileRunStore(dir),
  );

  it('refuses a rollout id that could name a path, and names an unreadable rollout file with the fix', async () => {
    await expect(store.getRollout('../runs/x')).rejects.toThrow(/invalid rollout id/);
    const id = 'ro-20261205000000-cccccc';
    await store.createRollout(testRolloutRecord(id));
    writeFileSync(path.join(dir, 'rollouts', `${id}.json`), '{"id":');
    await expect(store.getRollout(id)).rejects.toThrow(/not valid JSON.*mv /);
    const warnings: string[] = [];
    expect(await new FileRunStore(dir, { warn: (m) => warnings.push(m) }).listRollouts()).toEqual({ rollouts: [] });
    expect(warnings[0]).toMatch(/a rollout is left out: cannot read .*ro-20261205000000-cccccc\.json/);
  });
});

describe('rollout summaries: a list reads them, not the records', () => {
  const A = 'ro-20261205000000-aaaaaa';
  const B = 'ro-20261205010000-bbbbbb';
  /** The files under `dir` that `work` reads, by their path relative to the store. */
  async function filesRead(work: () => Promise<unknown>): Promise<string[]> {
    const spy = jest.spyOn(fsPromises, 'readFile');
    try {
      await work();
      return spy.mock.calls.map(([file]) => path.relative(dir, String(file))).sort();
    } finally {
      spy.mockRestore();
    }
  }

  it('lists from the summary files alone while they are fresh', async () => {
    await store.createRollout(testRolloutRecord(A, 1, '2026-12-05T00:00:00.000Z'));
    await store.createRollout(testRolloutRecord(B, 1, '2026-12-05T01:00:00.000Z'));
    const read = await filesRead(() => new FileRunStore(dir).listRollouts({ limit: 1 }));
    expect(read).toEqual([`rollout-summaries/${A}.json`, `rollout-summaries/${B}.json`]);
  });

  it('a record written without its summary (a crash between the two writes, an earlier version) is read once, and its summary rewritten', async () => {
    await store.createRollout(testRolloutRecord(A));
    // The record moves on (a new file renamed in, as every write does) and the process dies before the summary.
    const record = path.join(dir, 'rollouts', `${A}.json`);
    writeFileSync(`${record}.tmp`, JSON.stringify({ ...testRolloutRecord(A, 2), status: 'paused' }));
    await fsPromises.rename(`${record}.tmp`, record);
    const read = await filesRead(async () => expect((await store.listRollouts()).rollouts[0].status).toBe('paused'));
    expect(read).toContain(`rollouts/${A}.json`);
    expect(await filesRead(() => store.listRollouts())).toEqual([`rollout-summaries/${A}.json`]);
    // A store of a version that kept no summaries: each rollout is summarized from its record, then kept.
    rmSync(path.join(dir, 'rollout-summaries'), { recursive: true });
    expect((await store.listRollouts()).rollouts.map((r) => r.status)).toEqual(['paused']);
    expect(readdirSync(path.join(dir, 'rollout-summaries'))).toEqual([`${A}.json`]);
  });

  it('a summary file cut short, or one of another rollout copied over it, is made again from the record', async () => {
    await store.createRollout(testRolloutRecord(A));
    await store.createRollout({ ...testRolloutRecord(B), status: 'paused' });
    const summary = (id: string) => path.join(dir, 'rollout-summaries', `${id}.json`);
    writeFileSync(summary(A), '{"record":');
    expect((await store.listRollouts()).rollouts.map((r) => [r.id, r.status])).toEqual([
      [B, 'paused'],
      [A, 'running'],
    ]);
    expect(JSON.parse(readFileSync(summary(A), 'utf8')).summary.id).toBe(A);
    writeFileSync(summary(A), readFileSync(summary(B)));
    expect((await store.listRollouts()).rollouts.map((r) => [r.id, r.status])).toEqual([
      [B, 'paused'],
      [A, 'running'],
    ]);
  });

  it('leaves out a file in rollouts/ that is no rollout id, and a rollout whose record is gone', async () => {
    await store.createRollout(testRolloutRecord(A));
    writeFileSync(path.join(dir, 'rollouts', 'notes.json'), '{}');
    writeFileSync(path.join(dir, 'rollouts', `${A}.json.123.0.tmp`), '{');
    await store.createRollout(testRolloutRecord(B));
    rmSync(path.join(dir, 'rollouts', `${B}.json`));
    expect((await store.listRollouts()).rollouts.map((r) => r.id)).toEqual([A]);
  });
});

/** The run fixture every store test uses. */
const run = (id: string, version = 1) => testRun(id, version);

it('writes compare-and-set on version: a stale writer loses', async () => {
  await store.create(run('r1'));
  expect(await store.put(run('r1', 2))).toBe(true);
  expect(await store.put(run('r1', 2))).toBe(false);
  expect((await store.get('r1'))?.version).toBe(2);
  expect(readdirSync(path.join(dir, 'runs'))).toEqual(['r1.json']);
});

it('concurrent writers of one version: exactly one wins', async () => {
  await store.create(run('r1'));
  const results = await Promise.all(Array.from({ length: 8 }, () => store.put(run('r1', 2))));
  expect(results.filter(Boolean)).toHaveLength(1);
});

it("keeps no lock table: the locks are the open runs' own, so a crash between two files cannot strand one", async () => {
  await store.create(run('r1'));
  expect(await store.locks()).toEqual([{ key: 'rds-cluster:c1', runId: 'r1' }]);
  expect(readdirSync(dir).sort()).toEqual(['mutex', 'runs']);
});

describe('a run file is read again only when it changed (run-summary-cache.ts, run-file-cache.ts)', () => {
  const ended = (id: string, version: number) => ({ ...run(id, version), status: 'succeeded' as const });
  const reopened = (id: string, version: number) => ({ ...run(id, version), status: 'running' as const });

  it('sees what another process wrote: an end releases the lock, a reopening (a rollback) takes it again', async () => {
    const other = new FileRunStore(dir); // another process on the same directory
    await other.create(run('r1'));
    await expect(store.create(run('r2'))).rejects.toThrow(/r1/);
    expect(await other.put(ended('r1', 2))).toBe(true);
    await store.create(run('r2'));
    expect((await store.list()).map((r) => [r.id, r.status])).toEqual(expect.arrayContaining([['r1', 'succeeded']]));
    expect(await store.put(ended('r2', 2))).toBe(true);
    expect(await other.put(reopened('r1', 3))).toBe(true);
    await expect(store.create(run('r3'))).rejects.toThrow(/r1/);
    expect(await store.locks()).toEqual([{ key: 'rds-cluster:c1', runId: 'r1' }]);
  });

  it('a file changed in place (same inode) after it was read is read again: cut short, it refuses runs that take locks', async () => {
    await store.create(run('r1'));
    expect(await store.put(ended('r1', 2))).toBe(true);
    await store.create(run('r2'));
    expect(await store.put(ended('r2', 2))).toBe(true);
    const file = path.join(dir, 'runs', 'r1.json');
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 40)); // same inode, another size
    await expect(store.create(run('r3'))).rejects.toBeInstanceOf(StoreFileError);
    // Written back in place as an open run holding the lock.
    writeFileSync(file, JSON.stringify(reopened('r1', 3)));
    await expect(store.create(run('r3'))).rejects.toThrow(/r1/);
  });

  it('get and put see what another process wrote since this one kept the file: a stale write loses, the fresh one wins', async () => {
    const other = new FileRunStore(dir);
    await store.create(run('r1')); // this store keeps version 1 as it wrote it
    expect((await store.get('r1'))?.version).toBe(1);
    expect(await other.put({ ...run('r1', 2), params: { cluster: 'c1', note: 'from the other process' } })).toBe(true);
    expect(await store.get('r1')).toMatchObject({ version: 2, params: { note: 'from the other process' } });
    expect(await store.put(run('r1', 2))).toBe(false);
    expect(await store.put(run('r1', 3))).toBe(true);
    expect((await other.get('r1'))?.version).toBe(3);
  });

  it('a run file cut short in place after this process kept it is read again and named as unreadable; what get returns is a copy', async () => {
    await store.create(run('r1'));
    const got = (await store.get('r1'))!;
    got.locks.push('rds-cluster:mutated');
    expect((await store.get('r1'))?.locks).toEqual(['rds-cluster:c1']);
    const file = path.join(dir, 'runs', 'r1.json');
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 30));
    await expect(store.get('r1')).rejects.toThrow(`cannot read ${file}: not valid JSON`);
    await expect(store.put(run('r1', 2))).rejects.toBeInstanceOf(StoreFileError);
  });

  it('keeps the files used last, up to its limit of text', () => {
    const cache = new RunFileCache(4); // four characters of text
    const kept = (stamp: string) => ({ stamp, text: '{ }', version: 1, status: 'running' as const });
    cache.keep('a', kept('1'));
    expect(cache.get('a', '1')).toBeDefined();
    cache.keep('b', kept('1')); // 6 characters: a, used longest ago, goes
    expect([cache.get('a', '1'), cache.get('b', '1')].map(Boolean)).toEqual([false, true]);
    cache.keep('b', kept('1')); // kept again: counted once
    cache.keep('c', { ...kept('1'), text: '1' });
    expect([cache.get('b', '1'), cache.get('c', '1')].map(Boolean)).toEqual([true, true]);
    expect(cache.get('b', '2')).toBeUndefined(); // another stamp: the file changed
    expect(cache.get('b', '1')).toBeUndefined();
    cache.keep('d', { ...kept('1'), text: 'x'.repeat(5) }); // larger than the limit: not kept at all
    expect(cache.get('d', '1')).toBeUndefined();
  });

  it('a run file removed is no longer listed nor holds its lock; a list cannot change what the store keeps', async () => {
    await store.create(run('r1'));
    const [listed] = await store.list();
    listed.locks.push('rds-cluster:mutated');
    listed.status = 'succeeded';
    expect(await store.locks()).toEqual([{ key: 'rds-cluster:c1', runId: 'r1' }]);
    rmSync(path.join(dir, 'runs', 'r1.json'));
    expect(await store.list()).toEqual([]);
    await store.create(run('r2'));
  });
});

it('leases: one owner at a time, renewable, void when the owner process is dead', async () => {
  const me = `${hostname()}:${process.pid}:a`;
  expect(await store.claim('r1', me, 60_000)).toBe(true);
  expect(await store.claim('r1', `${hostname()}:${process.pid}:b`, 60_000)).toBe(false);
  expect(await store.claim('r1', me, 60_000)).toBe(true);
  await store.release('r1', me);
  expect(await store.claim('r1', `${hostname()}:999999999:dead`, 60_000)).toBe(true);
  expect(await store.claim('r1', me, 60_000)).toBe(true);
});

it('lists newest first, filtered by status and resource', async () => {
  await store.create(run('old', 1));
  await store.create({ ...run('new', 2), status: 'succeeded' });
  expect((await store.list()).map((r) => r.id)).toEqual(['new', 'old']);
  expect((await store.list({ status: ['running'] })).map((r) => r.id)).toEqual(['old']);
  expect((await store.list({ resource: 'c1' })).length).toBe(2);
  expect((await store.list({ resource: 'other' })).length).toBe(0);
});

describe('the store mutex is a lease without expiry: broken only when its holder is gone', () => {
  const mutexFile = (name: string) => path.join(dir, 'mutex', name);
  const plant = (name: string, owner: string, ageMs = 0) => {
    mkdirSync(path.join(dir, 'mutex'), { recursive: true });
    writeFileSync(mutexFile(name), owner);
    const when = new Date(Date.now() - ageMs);
    utimesSync(mutexFile(name), when, when);
  };

  it('a live holder slower than any clock rule keeps it: nobody breaks in, whatever its age', async () => {
    await store.create(run('r1'));
    plant('run-r1', `${hostname()}:${process.pid}:slow-holder`, 60_000); // this process is alive; the file is a minute old
    let done = false;
    const put = store.put(run('r1', 2)).then((ok) => {
      done = true;
      return ok;
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(done).toBe(false);
    expect(readFileSync(mutexFile('run-r1'), 'utf8')).toBe(`${hostname()}:${process.pid}:slow-holder`);
    rmSync(mutexFile('run-r1')); // the holder releases it
    expect(await put).toBe(true);
  });

  it('a dead holder’s mutex (and a dead breaker’s) is broken, and racing writers still exclude each other', async () => {
    await store.create(run('r1'));
    plant('run-r1', `${hostname()}:999999999:crashed`);
    plant('run-r1.breaking', `${hostname()}:999999998:crashed-breaker`);
    const results = await Promise.all(Array.from({ length: 10 }, () => new FileRunStore(dir).put(run('r1', 2))));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(readdirSync(path.join(dir, 'mutex'))).toEqual([]);
  });

  it('a holder on another host is never broken: after waiting, the error names the file and the holder', async () => {
    await store.create(run('r1'));
    plant('run-r1', 'another-host:4242:abc');
    jest.useFakeTimers({ doNotFake: ['setTimeout', 'setImmediate', 'nextTick'], now: Date.now() });
    try {
      const put = store.put(run('r1', 2));
      await new Promise((r) => setTimeout(r, 300)); // it is waiting for the holder
      jest.setSystemTime(Date.now() + 31_000);
      await expect(put).rejects.toThrow(
        /mutex\/run-r1 is held by another-host:4242:abc; if no switchyard process is running there, remove that file/,
      );
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('files that cannot be read: named, left out of lists, never a reason to stop working', () => {
  let warnings: string[];
  beforeEach(() => {
    warnings = [];
    store = new FileRunStore(dir, { warn: (m) => warnings.push(m) });
  });
  const runFile = (id: string) => path.join(dir, 'runs', `${id}.json`);
  beforeEach(() => mkdirSync(path.join(dir, 'runs'), { recursive: true }));

  it.each([
    ['empty', '', 'the file is empty'],
    ['half-written', '{"id": "r2", "version": 3, "status": "runn', 'not valid JSON'],
  ])('%s: a run file is left out of lists and locks with a warning naming it; the other runs are listed', async (_, text, problem) => {
    await store.create(run('r1'));
    writeFileSync(runFile('r2'), text);
    expect((await store.list()).map((r) => r.id)).toEqual(['r1']);
    expect(await store.locks()).toEqual([{ key: 'rds-cluster:c1', runId: 'r1' }]);
    expect(await store.list()).toHaveLength(1);
    expect(warnings).toHaveLength(1); // once per file and problem, not on every list
    expect(warnings[0].startsWith(`switchyard: a run is left out: cannot read ${runFile('r2')}: ${problem}`)).toBe(true);
    expect(warnings[0]).toContain(`move the file out of the store (mv ${runFile('r2')} ${runFile('r2')}.broken)`);
    await expect(store.get('r2')).rejects.toThrow(`cannot read ${runFile('r2')}: ${problem}`);
  });

  it('while a run file is unreadable, a run that takes locks is refused (it may hold them), naming the file and the fix; one without locks starts', async () => {
    writeFileSync(runFile('r2'), '{ not json');
    const refused = store.create(run('r3'));
    await expect(refused).rejects.toBeInstanceOf(StoreFileError);
    await expect(refused).rejects.toThrow(
      new RegExp(
        `^cannot read ${runFile('r2')}: not valid JSON .*; it may be an open run holding a lock this run needs, so no run that takes locks starts until it is readable again\\. .*mv ${runFile('r2')} ${runFile('r2')}\\.broken`,
      ),
    );
    expect(readdirSync(path.join(dir, 'runs'))).toEqual(['r2.json']);
    await store.create({ ...run('r4'), locks: [] });
    expect((await store.list()).map((r) => r.id)).toEqual(['r4']);
    rmSync(runFile('r2'));
    await store.create(run('r3'));
  });

  it('a corrupt lease file is named, with what to do; it concerns its run only', async () => {
    mkdirSync(path.join(dir, 'leases'), { recursive: true });
    const file = path.join(dir, 'leases', 'r1.json');
    writeFileSync(file, '');
    await expect(store.claim('r1', 'me', 1000)).rejects.toThrow(
      `cannot read ${file}: the file is empty; it only holds the lease of one run or rollout being driven right now: stop the switchyard process driving it, then delete it (rm ${file})`,
    );
    expect(await store.claim('r2', 'me', 1000)).toBe(true);
  });

  it('a lease an earlier version holds in leases.json still holds while it lasts', async () => {
    writeFileSync(
      path.join(dir, 'leases.json'),
      JSON.stringify({ r1: { owner: 'elsewhere:1:x', until: Date.now() + 60_000 }, r2: { owner: 'elsewhere:1:x', until: Date.now() - 1 } }),
    );
    expect(await store.claim('r1', 'me', 1000)).toBe(false);
    expect(await store.claim('r2', 'me', 1000)).toBe(true);
  });

  it('leases are per run: 120 runs claimed at once from two processes’ stores each get theirs, and no claim waits on another run’s', async () => {
    const other = new FileRunStore(dir);
    const ids = Array.from({ length: 120 }, (_, i) => `run-${i}`);
    const started = Date.now();
    const claimed = await Promise.all(ids.map((id, i) => (i % 2 ? store : other).claim(id, `host:${i}:x`, 60_000)));
    expect(claimed.every(Boolean)).toBe(true);
    expect(readdirSync(path.join(dir, 'leases')).sort()).toEqual(ids.map((id) => `${id}.json`).sort());
    // Renewals by the holder, refusals to anyone else, per run.
    expect(await other.claim('run-1', 'host:1:x', 60_000)).toBe(true);
    expect(await other.claim('run-1', 'host:2:x', 60_000)).toBe(false);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

describe('a write that fails (a full disk, injected as ENOSPC from the file system)', () => {
  const noSpace = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  afterEach(() => jest.restoreAllMocks());

  /** Every write to a temp file fails as on a full disk (the file is created, its content is not). */
  function fillTheDisk() {
    const open = fsPromises.open.bind(fsPromises);
    jest.spyOn(fsPromises, 'open').mockImplementation(async (file, flags, mode) => {
      const handle = await open(file, flags, mode);
      if (String(file).endsWith('.tmp')) handle.writeFile = () => Promise.reject(noSpace());
      return handle;
    });
  }

  it('throws a StoreWriteError naming the file, removes its temp file and keeps the last good content', async () => {
    await store.create(run('r1'));
    fillTheDisk();
    const failed = store.put(run('r1', 2));
    await expect(failed).rejects.toBeInstanceOf(StoreWriteError);
    await expect(failed).rejects.toThrow(
      `cannot write ${path.join(dir, 'runs', 'r1.json')}: no space left on the device (ENOSPC); the store keeps what it had before this write`,
    );
    expect(readdirSync(path.join(dir, 'runs'))).toEqual(['r1.json']);
    expect(readdirSync(path.join(dir, 'mutex'))).toEqual([]);
    expect((await store.get('r1'))?.version).toBe(1);
    await expect(store.claim('r1', 'me', 1000)).rejects.toThrow(/cannot write .*leases\/r1\.json: no space left on the device/);
    expect(readdirSync(dir).sort()).toEqual(['leases', 'mutex', 'runs']);
    expect(readdirSync(path.join(dir, 'leases'))).toEqual([]);
  });

  it('a mutex that could be created but not written is removed, not left to block every process', async () => {
    const open = fsPromises.open.bind(fsPromises);
    jest.spyOn(fsPromises, 'open').mockImplementation(async (file, flags, mode) => {
      const handle = await open(file, flags, mode);
      if (String(file).includes(`${path.sep}mutex${path.sep}`)) handle.writeFile = () => Promise.reject(noSpace());
      return handle;
    });
    await expect(store.create(run('r1'))).rejects.toThrow(/cannot write .*mutex.locks: no space left on the device/);
    jest.restoreAllMocks();
    expect(readdirSync(path.join(dir, 'mutex'))).toEqual([]);
    await store.create(run('r1'));
  });
});
