import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Run, RunSummary } from '../model/run';
import { summarize } from '../model/run';
import type { RunFilter, RunStore } from './run-store';

/**
 * RunStore on a directory: one JSON file per run, written atomically (temp file + rename), and a
 * cross-process mutex (an exclusive-create lock file) around every read-modify-write: one per run,
 * one for the lock table and one for the leases, so concurrent runs do not queue behind each other.
 * Layout: runs/<id>.json, locks.json, leases.json, mutex/<name>
 */
export class FileRunStore implements RunStore {
  constructor(readonly dir: string) {}

  async create(run: Run): Promise<void> {
    await this.withMutex(`run-${run.id}`, async () => {
      if (await readJson<Run>(this.runPath(run.id))) throw new Error(`run ${run.id} already exists`);
      await writeJsonAtomic(this.runPath(run.id), run);
    });
  }

  get(runId: string): Promise<Run | undefined> {
    return readJson<Run>(this.runPath(runId));
  }

  put(run: Run): Promise<boolean> {
    return this.withMutex(`run-${run.id}`, async () => {
      const stored = await readJson<Run>(this.runPath(run.id));
      if (!stored || stored.version !== run.version - 1) return false;
      await writeJsonAtomic(this.runPath(run.id), run);
      return true;
    });
  }

  async list(filter: RunFilter = {}): Promise<RunSummary[]> {
    let names: string[] = [];
    try {
      names = (await fs.readdir(path.join(this.dir, 'runs'))).filter((n) => n.endsWith('.json'));
    } catch {
      return [];
    }
    const runs = (await Promise.all(names.map((n) => readJson<Run>(path.join(this.dir, 'runs', n))))).filter((r): r is Run => Boolean(r));
    return runs
      .filter((r) => !filter.status || filter.status.includes(r.status))
      .filter((r) => !filter.resource || mentions(r, filter.resource))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .slice(0, filter.limit ?? Infinity)
      .map(summarize);
  }

  acquireLocks(runId: string, keys: string[]): Promise<{ ok: true } | { ok: false; key: string; heldBy: string }> {
    return this.withMutex('locks', async () => {
      const locks = (await readJson<Record<string, string>>(this.locksPath())) ?? {};
      for (const key of keys) {
        const holder = locks[key];
        if (holder && holder !== runId) return { ok: false as const, key, heldBy: holder };
      }
      for (const key of keys) locks[key] = runId;
      await writeJsonAtomic(this.locksPath(), locks);
      return { ok: true as const };
    });
  }

  releaseLocks(runId: string): Promise<void> {
    return this.withMutex('locks', async () => {
      const locks = (await readJson<Record<string, string>>(this.locksPath())) ?? {};
      const kept = Object.fromEntries(Object.entries(locks).filter(([, holder]) => holder !== runId));
      await writeJsonAtomic(this.locksPath(), kept);
    });
  }

  async locks(): Promise<Array<{ key: string; runId: string }>> {
    const locks = (await readJson<Record<string, string>>(this.locksPath())) ?? {};
    return Object.entries(locks).map(([key, runId]) => ({ key, runId }));
  }

  claim(runId: string, owner: string, ttlMs: number): Promise<boolean> {
    return this.withMutex('leases', async () => {
      const leases = (await readJson<Record<string, { owner: string; until: number }>>(this.leasesPath())) ?? {};
      const lease = leases[runId];
      const now = Date.now();
      if (lease && lease.owner !== owner && lease.until > now && !ownerIsDeadHere(lease.owner)) return false;
      leases[runId] = { owner, until: now + ttlMs };
      await writeJsonAtomic(this.leasesPath(), leases);
      return true;
    });
  }

  release(runId: string, owner: string): Promise<void> {
    return this.withMutex('leases', async () => {
      const leases = (await readJson<Record<string, { owner: string; until: number }>>(this.leasesPath())) ?? {};
      if (leases[runId]?.owner === owner) {
        delete leases[runId];
        await writeJsonAtomic(this.leasesPath(), leases);
      }
    });
  }

  private runPath(runId: string): string {
    if (!/^[A-Za-z0-9_-]+$/.test(runId)) throw new Error(`invalid run id ${JSON.stringify(runId)}`);
    return path.join(this.dir, 'runs', `${runId}.json`);
  }

  private locksPath(): string {
    return path.join(this.dir, 'locks.json');
  }

  private leasesPath(): string {
    return path.join(this.dir, 'leases.json');
  }

  /** Cross-process mutex: O_EXCL lock file; a holder that died leaves a stale file we break after 10 s. */
  private async withMutex<T>(name: string, work: () => Promise<T>): Promise<T> {
    await fs.mkdir(path.join(this.dir, 'runs'), { recursive: true });
    await fs.mkdir(path.join(this.dir, 'mutex'), { recursive: true });
    const mutex = path.join(this.dir, 'mutex', name);
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        const handle = await fs.open(mutex, 'wx');
        await handle.writeFile(String(process.pid));
        await handle.close();
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const stat = await fs.stat(mutex).catch(() => undefined);
        const holder = Number(await fs.readFile(mutex, 'utf8').catch(() => ''));
        const stale = stat && (Date.now() - stat.mtimeMs > 10_000 || (holder > 0 && Date.now() - stat.mtimeMs > 200 && !pidAlive(holder)));
        if (stale) await fs.rm(mutex, { force: true });
        if (Date.now() > deadline)
          throw new Error(`run store ${this.dir} is locked (${mutex}); remove the file if no switchyard process is running`);
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20));
      }
    }
    try {
      return await work();
    } finally {
      await fs.rm(mutex, { force: true });
    }
  }
}

/** Engine owner ids look like `host:pid:random`; a lease held by a dead process on this host is void. */
function ownerIsDeadHere(owner: string): boolean {
  const [host, pid] = owner.split(':');
  return host === os.hostname() && Number(pid) > 0 && !pidAlive(Number(pid));
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function mentions(run: Run, resource: string): boolean {
  return Object.values(run.params).some((v) => v === resource) || run.locks.some((l) => l.endsWith(`:${resource}`));
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

let tmpCounter = 0;
/** Write to a temp file in the same directory, fsync, rename: readers see the old or the new file, never half. */
async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${tmpCounter++}.tmp`;
  const handle = await fs.open(tmp, 'w');
  try {
    await handle.writeFile(JSON.stringify(value, null, 1));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(tmp, file);
}
