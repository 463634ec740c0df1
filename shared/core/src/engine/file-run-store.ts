import { mapLimit } from './map-limit';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LockConflictError } from '../model/errors';
import { runConcerns } from '../model/lock-keys';
import type { Run, RunSummary } from '../model/run';
import { isEnded } from '../model/statuses';
import type { RunFilter, RunStore } from './run-store';
import type { Rollout, RolloutSummary } from '../rollout/rollout';
import { ROLLOUT_ID_PATTERN } from '../rollout/rollout';
import { pageOfSummaries, rolloutListPage, type RolloutList, type RolloutListQuery } from '../rollout/rollout-list';
import type { RolloutStore } from '../rollout/rollout-store';
import { RolloutSummaryFiles } from './rollout-summary-files';
import { RunSummaryCache } from './run-summary-cache';
import { fileStamp } from './file-stamp';
import { RunFileCache, type KeptRunFile } from './run-file-cache';
import { parseJsonText, readJsonFile, readJsonText, StoreFileError, writeError, writeJsonAtomic } from './store-files';

export interface FileRunStoreOptions {
  /** Where warnings go (a run file that cannot be read, left out of a list); default: stderr via console.warn. */
  warn?: (message: string) => void;
}

/**
 * RunStore on a directory: one JSON file per run, written atomically (temp file + rename), and a
 * cross-process mutex (an exclusive-create lock file) around every read-modify-write: one per run,
 * one per lease and one for taking locks, so concurrent runs do not queue behind each other.
 *
 * Locks are not a table of their own: the keys a run holds are its `locks` while it is open, read
 * from the run files. Taking them is the run's own atomic write (under the `locks` mutex, which
 * every create and every reopening put holds), and ending the run releases them in the same write,
 * so no crash or full disk between two files can leave a lock behind.
 * Layout: runs/<id>.json, rollouts/<id>.json, rollout-summaries/<id>.json, leases/<id>.json, mutex/<name>
 * (a `locks.json` of earlier versions is ignored; their `leases.json` is read, never written, so their
 * live leases still hold). A rollout is written like a run: atomically, compare-and-set under its own
 * mutex, and driven under a lease keyed by its id. Each write of a rollout also writes its summary
 * (what lists show), stamped with the record file it summarizes, so a list reads the small summaries
 * and not every whole rollout (rollout-summaries.ts).
 *
 * A run file that cannot be read (empty, cut short, edited by hand) is named in every error and
 * warning. Lists leave it out with a warning. It may be an open run holding locks, so while one
 * is unreadable no run that takes locks may start (a run without locks, or a dry run, still may):
 * the refusal names the file and the fix. A write that fails (a full disk) removes its temp file
 * and throws a `StoreWriteError` naming the file; the file keeps its last good content.
 */
export class FileRunStore implements RunStore, RolloutStore {
  private readonly warned = new Set<string>();
  private readonly summaries: RolloutSummaryFiles;
  private readonly runSummaries = new RunSummaryCache();
  private readonly runFiles = new RunFileCache();

  constructor(
    readonly dir: string,
    private readonly options: FileRunStoreOptions = {},
  ) {
    this.summaries = new RolloutSummaryFiles(dir);
  }

  async create(run: Run): Promise<void> {
    await this.withMutex('locks', async () => {
      if (await this.readRun(this.runPath(run.id))) throw new Error(`run ${run.id} already exists`);
      if (!isEnded(run.status)) await this.refuseHeld(run);
      await this.writeRun(run);
    });
  }

  get(runId: string): Promise<Run | undefined> {
    return this.readRunKept(this.runPath(runId));
  }

  put(run: Run): Promise<boolean> {
    return this.withMutex(`run-${run.id}`, async () => {
      const stored = await this.runFacts(this.runPath(run.id));
      if (!stored || stored.version !== run.version - 1) return false;
      const write = () => this.writeRun(run);
      // An ended run that opens again (a rollback) takes its locks again, checked against the other open runs.
      if (isEnded(stored.status) && !isEnded(run.status) && run.locks.length) {
        await this.withMutex('locks', async () => {
          await this.refuseHeld(run);
          await write();
        });
      } else {
        await write();
      }
      return true;
    });
  }

  async list(filter: RunFilter = {}): Promise<RunSummary[]> {
    const runs = await this.readableRuns();
    return runs
      .filter((r) => !filter.status || filter.status.includes(r.status))
      .filter((r) => !filter.resource || runConcerns(r, filter.resource))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .slice(0, filter.limit ?? Infinity)
      .map((r) => structuredClone(r));
  }

  /** The locks of the open runs. */
  async locks(): Promise<Array<{ key: string; runId: string }>> {
    const open = (await this.readableRuns()).filter((r) => !isEnded(r.status));
    return open.flatMap((r) => r.locks.map((key) => ({ key, runId: r.id }))).sort((a, b) => a.key.localeCompare(b.key));
  }

  /** Throws LockConflictError when another open run holds one of `run`'s keys (call under the `locks` mutex). */
  private async refuseHeld(run: Run): Promise<void> {
    if (!run.locks.length) return;
    const { runs, unreadable } = await this.allRuns();
    if (unreadable.length) {
      const [first, ...more] = unreadable;
      throw new StoreFileError(
        first.file,
        `${first.problem}${more.length ? ` (and ${more.length} more unreadable run file(s): ${more.map((e) => e.file).join(', ')})` : ''}`,
        `it may be an open run holding a lock this run needs, so no run that takes locks starts until it is readable again. ` +
          `Look at it; if that run no longer matters, move it out of the store (mv ${first.file} ${first.file}.broken)`,
      );
    }
    const wanted = new Set(run.locks);
    for (const other of runs) {
      if (other.id === run.id || isEnded(other.status)) continue;
      const key = other.locks.find((k) => wanted.has(k));
      if (key) throw new LockConflictError(key, other.id);
    }
  }

  /** Every run file's summary (re-read only where the file changed); those that cannot be read are returned as their errors. */
  private allRuns(): Promise<{ runs: RunSummary[]; unreadable: StoreFileError[] }> {
    return this.runSummaries.read(path.join(this.dir, 'runs'), (file) => this.readRun(file));
  }

  /** The runs that can be read; each unreadable run file is named in a warning (once per store and problem). */
  private async readableRuns(): Promise<RunSummary[]> {
    const { runs, unreadable } = await this.allRuns();
    for (const error of unreadable) {
      if (this.warned.has(error.message)) continue;
      this.warned.add(error.message);
      (this.options.warn ?? console.warn)(`switchyard: a run is left out: ${error.message}`);
    }
    return runs;
  }

  private readRun(file: string): Promise<Run | undefined> {
    return readJsonFile<Run>(file, runFileFix(file));
  }

  /** A run file: from the text this process kept when the file is unchanged, else read (and kept). */
  private async readRunKept(file: string): Promise<Run | undefined> {
    const { stamp, kept } = await this.keptRunFile(file);
    if (kept) return parseJsonText<Run>(file, kept.text, runFileFix(file));
    return this.readRunAndKeep(file, stamp);
  }

  /** The version and status of a run file (what a write checks), without reading it when it is unchanged. */
  private async runFacts(file: string): Promise<Pick<Run, 'version' | 'status'> | undefined> {
    const { stamp, kept } = await this.keptRunFile(file);
    return kept ?? this.readRunAndKeep(file, stamp);
  }

  /** The file's stamp now, and what this process kept of it when that is still the file. */
  private async keptRunFile(file: string): Promise<{ stamp?: string; kept?: KeptRunFile }> {
    const stamp = await fileStamp(file).catch(() => undefined);
    return { stamp, kept: stamp === undefined ? undefined : this.runFiles.get(file, stamp) };
  }

  /** Reads a run file and keeps its text under the stamp taken before the read (a write in between is told apart by the next stamp). */
  private async readRunAndKeep(file: string, stamp: string | undefined): Promise<Run | undefined> {
    const read = await readJsonText<Run>(file, runFileFix(file));
    if (!read) {
      this.runFiles.forget(file);
      return undefined;
    }
    if (stamp) this.runFiles.keep(file, { stamp, text: read.text, version: read.value.version, status: read.value.status });
    return read.value;
  }

  /**
   * Writes a run file and keeps its text and its summary (under the run's mutex or the locks mutex:
   * no other writer in between), so neither a get nor a lock check reads it back.
   */
  private async writeRun(run: Run): Promise<void> {
    const file = this.runPath(run.id);
    this.runFiles.forget(file);
    const text = await writeJsonAtomic(file, run);
    const stamp = await fileStamp(file).catch(() => undefined);
    if (!stamp) return;
    this.runFiles.keep(file, { stamp, text, version: run.version, status: run.status });
    this.runSummaries.keep(file, stamp, run);
  }

  private readLease(file: string): Promise<{ owner: string; until: number } | undefined> {
    return readJsonFile(
      file,
      `it only holds the lease of one run or rollout being driven right now: stop the switchyard process driving it, then delete it (rm ${file})`,
    );
  }

  private readLegacyLeases(): Promise<Record<string, { owner: string; until: number }> | undefined> {
    const file = path.join(this.dir, 'leases.json');
    return readJsonFile(
      file,
      `it holds the leases of runs an earlier switchyard version drives: stop every switchyard process using ${this.dir}, then delete it (rm ${file})`,
    );
  }

  /**
   * One lease file per run (or rollout), each under its own mutex: claims of different runs never
   * wait for each other (one `leases.json` for all serialized every claim of every run — 8,651
   * waiting claims in one run of 120 concurrent switchovers, issue 15).
   */
  claim(runId: string, owner: string, ttlMs: number): Promise<boolean> {
    const file = this.leasePath(runId);
    return this.withMutex(`lease-${runId}`, async () => {
      const now = Date.now();
      const held = (lease?: { owner: string; until: number }) =>
        lease && lease.owner !== owner && lease.until > now && !ownerIsDeadHere(lease.owner);
      if (held(await this.readLease(file))) return false;
      // A process of an earlier version keeps its leases in one leases.json: honour them while they last.
      if (held((await this.readLegacyLeases())?.[runId])) return false;
      await writeJsonAtomic(file, { owner, until: now + ttlMs });
      return true;
    });
  }

  release(runId: string, owner: string): Promise<void> {
    const file = this.leasePath(runId);
    return this.withMutex(`lease-${runId}`, async () => {
      if ((await this.readLease(file))?.owner === owner) await fs.rm(file, { force: true });
    });
  }

  async createRollout(rollout: Rollout): Promise<void> {
    const file = this.rolloutPath(rollout.id);
    await this.withMutex(`rollout-${rollout.id}`, async () => {
      if (await this.readRollout(file)) throw new Error(`rollout ${rollout.id} already exists`);
      await writeJsonAtomic(file, rollout);
      await this.summaries.write(rollout);
    });
  }

  async getRollout(id: string): Promise<Rollout | undefined> {
    return this.readRollout(this.rolloutPath(id));
  }

  async putRollout(rollout: Rollout): Promise<boolean> {
    const file = this.rolloutPath(rollout.id);
    return this.withMutex(`rollout-${rollout.id}`, async () => {
      const stored = await this.readRollout(file);
      if (!stored || stored.version !== rollout.version - 1) return false;
      await writeJsonAtomic(file, rollout);
      await this.summaries.write(rollout);
      return true;
    });
  }

  /**
   * A page of summaries: every rollout's summary file is read (a few hundred bytes each) and
   * checked against its record's stat; a rollout whose summary is missing or stale (written by an
   * earlier version, or a crash between the two writes) is read whole once and its summary rewritten.
   */
  async listRollouts(query?: RolloutListQuery): Promise<RolloutList> {
    const page = rolloutListPage(query);
    let names: string[] = [];
    try {
      names = await fs.readdir(path.join(this.dir, 'rollouts'));
    } catch {
      return { rollouts: [] };
    }
    const ids = names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -'.json'.length));
    const summaries = await mapLimit(
      ids.filter((id) => ROLLOUT_ID_PATTERN.test(id)),
      32,
      async (id) => {
        try {
          return await this.summaries.read(
            id,
            () => this.readRollout(this.rolloutPath(id)),
            (work) => this.withMutex(`rollout-${id}`, work),
          );
        } catch (error) {
          if (!(error instanceof StoreFileError)) throw error;
          if (!this.warned.has(error.message)) {
            this.warned.add(error.message);
            (this.options.warn ?? console.warn)(`switchyard: a rollout is left out: ${error.message}`);
          }
          return undefined;
        }
      },
    );
    return pageOfSummaries(
      summaries.filter((s): s is RolloutSummary => s !== undefined),
      page,
    );
  }

  private readRollout(file: string): Promise<Rollout | undefined> {
    return readJsonFile<Rollout>(file, `if that rollout no longer matters, move the file out of the store (mv ${file} ${file}.broken)`);
  }

  private rolloutPath(id: string): string {
    if (!ROLLOUT_ID_PATTERN.test(id))
      throw new Error(`invalid rollout id ${JSON.stringify(id)} (rollout ids look like ro-20261205093000-1a2b3c)`);
    return path.join(this.dir, 'rollouts', `${id}.json`);
  }

  private runPath(runId: string): string {
    if (!/^[A-Za-z0-9_-]+$/.test(runId)) throw new Error(`invalid run id ${JSON.stringify(runId)}`);
    return path.join(this.dir, 'runs', `${runId}.json`);
  }

  private leasePath(id: string): string {
    if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new Error(`invalid run id ${JSON.stringify(id)}`);
    return path.join(this.dir, 'leases', `${id}.json`);
  }

  /**
   * Cross-process mutex: an exclusive-create file holding its owner (`host:pid:random`). It is a
   * lease without expiry: a live holder keeps it however slow it is, and it is broken only when its
   * holder is provably gone (a process on this host that no longer exists). Breaking is itself
   * exclusive (a `.breaking` file), and a holder removes the file only while it still names it, so
   * no one ever deletes another process's fresh mutex.
   */
  private withMutex<T>(name: string, work: () => Promise<T>): Promise<T> {
    // Waiters in this process queue in order (no polling among themselves); the file mutex then
    // only settles who goes first between processes.
    const key = path.join(path.resolve(this.dir), 'mutex', name);
    const turn = (IN_PROCESS.get(key) ?? Promise.resolve()).then(() => this.withFileMutex(name, work));
    const settled = turn.then(
      () => undefined,
      () => undefined,
    );
    IN_PROCESS.set(key, settled);
    void settled.then(() => {
      if (IN_PROCESS.get(key) === settled) IN_PROCESS.delete(key);
    });
    return turn;
  }

  private async withFileMutex<T>(name: string, work: () => Promise<T>): Promise<T> {
    const mutex = path.join(this.dir, 'mutex', name);
    try {
      await fs.mkdir(path.join(this.dir, 'runs'), { recursive: true });
      await fs.mkdir(path.join(this.dir, 'mutex'), { recursive: true });
    } catch (error) {
      throw writeError(path.dirname(mutex), error);
    }
    const me = `${os.hostname()}:${process.pid}:${randomBytes(6).toString('hex')}`;
    const deadline = Date.now() + 30_000;
    while (!(await createExclusive(mutex, me))) {
      const holder = await readOwner(mutex);
      if (holder && ownerIsDeadHere(holder)) await breakIfStill(mutex, holder, me);
      if (Date.now() > deadline) {
        throw new Error(
          `run store ${this.dir} is busy: ${mutex} is held by ${holder ?? 'another process'}; if no switchyard process is running there, remove that file`,
        );
      }
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20));
    }
    try {
      return await work();
    } finally {
      if ((await readOwner(mutex)) === me) await fs.rm(mutex, { force: true });
    }
  }
}

/** The tail of each mutex's queue of waiters in this process (every FileRunStore on a directory shares it). */
const IN_PROCESS = new Map<string, Promise<void>>();

/** Creates `file` holding `owner` if it does not exist; false when another process holds it. */
async function createExclusive(file: string, owner: string): Promise<boolean> {
  let handle;
  try {
    handle = await fs.open(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw writeError(file, error);
  }
  try {
    await handle.writeFile(owner);
  } catch (error) {
    // Created but not written (a full disk): remove it, or every process would wait on a holder nobody can name.
    await handle.close().catch(() => undefined);
    await fs.rm(file, { force: true });
    throw writeError(file, error);
  }
  await handle.close();
  return true;
}

async function readOwner(file: string): Promise<string | undefined> {
  return (await fs.readFile(file, 'utf8').catch(() => '')).trim() || undefined;
}

/**
 * Removes a dead holder's mutex — under the exclusive `.breaking` file, and only if the mutex still
 * names that holder, so a mutex taken fresh in between is never removed. A breaker that died
 * holding `.breaking` is recognised the same way.
 */
async function breakIfStill(mutex: string, deadHolder: string, me: string): Promise<void> {
  const breaking = `${mutex}.breaking`;
  if (!(await createExclusive(breaking, me))) {
    const breaker = await readOwner(breaking);
    if (breaker && ownerIsDeadHere(breaker) && (await readOwner(breaking)) === breaker) await fs.rm(breaking, { force: true });
    return;
  }
  try {
    if ((await readOwner(mutex)) === deadHolder) await fs.rm(mutex, { force: true });
  } finally {
    if ((await readOwner(breaking)) === me) await fs.rm(breaking, { force: true });
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

/** What to do about a run file that cannot be read. */
function runFileFix(file: string): string {
  return `if that run no longer matters, move the file out of the store (mv ${file} ${file}.broken)`;
}
