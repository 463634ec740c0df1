import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { summarize, type Run, type RunSummary } from '../model/run';
import { fileStamp } from './file-stamp';
import { StoreFileError } from './store-files';

/**
 * The summaries of a store's run files (status, locks, params: what lists and the lock check read),
 * each kept while its file is unchanged (`fileStamp`): a file whose stamp is the same is not read
 * again. Whoever wrote it, this process or another.
 *
 * Why: the lock check reads every open run's locks at each run's start, and a run file is about
 * 100 KB (its runbook included). Read whole each time, n starts on one store parsed n²/2 files:
 * 1,000 clusters' runs, about 49 GB of JSON (issue 15's 1,000-cluster rollout).
 */
export class RunSummaryCache {
  private readonly entries = new Map<string, { stamp: string; summary: RunSummary }>();

  /** Every run file's summary; those that cannot be read are returned as their errors (never kept). */
  async read(
    runsDir: string,
    readRun: (file: string) => Promise<Run | undefined>,
  ): Promise<{ runs: RunSummary[]; unreadable: StoreFileError[] }> {
    let names: string[] = [];
    try {
      names = (await fs.readdir(runsDir)).filter((n) => n.endsWith('.json'));
    } catch {
      return { runs: [], unreadable: [] };
    }
    const present = new Set(names);
    for (const name of this.entries.keys()) if (!present.has(name)) this.entries.delete(name);
    const runs: RunSummary[] = [];
    const unreadable: StoreFileError[] = [];
    await Promise.all(
      names.map(async (name) => {
        const file = path.join(runsDir, name);
        try {
          const summary = await this.summary(name, file, readRun);
          if (summary) runs.push(summary);
        } catch (error) {
          if (!(error instanceof StoreFileError)) throw error;
          this.entries.delete(name);
          unreadable.push(error);
        }
      }),
    );
    return { runs, unreadable };
  }

  /**
   * Keeps the summary of a run as this process just wrote it (`stamp`: the file's after the write),
   * so the next lock check or list does not read back what this process wrote.
   */
  keep(file: string, stamp: string, run: Run): void {
    // A copy: the writer's run object may live on (the engine's), the summary must stay what was written.
    this.entries.set(path.basename(file), { stamp, summary: structuredClone(summarize(run)) });
  }

  private async summary(name: string, file: string, readRun: (file: string) => Promise<Run | undefined>): Promise<RunSummary | undefined> {
    // The stat first, then the read: a write between them leaves a newer file under an older stamp,
    // which the next stat tells apart and reads again; never the other way round.
    const stamp = await fileStamp(file).catch(() => undefined);
    if (!stamp) {
      this.entries.delete(name);
      return undefined; // removed since the directory was read
    }
    const kept = this.entries.get(name);
    if (kept?.stamp === stamp) return kept.summary;
    const run = await readRun(file);
    if (!run) {
      this.entries.delete(name);
      return undefined;
    }
    const summary = summarize(run);
    this.entries.set(name, { stamp, summary });
    return summary;
  }
}
