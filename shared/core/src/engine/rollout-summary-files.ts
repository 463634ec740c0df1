import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { summarizeRollout, type Rollout, type RolloutSummary } from '../rollout/rollout';
import { StoreWriteError, writeJsonAtomic } from './store-files';

/** A rollout's summary file: the summary, and the stat of the record file it was made from. */
interface SummaryFile {
  record: string;
  summary: RolloutSummary;
}

/**
 * The file store's rollout summaries: `rollout-summaries/<id>.json`, written right after the record
 * (under the rollout's mutex) and stamped with the record file's inode, mtime and size. Every write
 * of a record is a rename of a new file, so a new record has a new inode: a summary whose stamp is
 * not the record's own is stale (a crash between the two writes, or a rollout written by a version
 * that kept no summaries), and the record is read and summarized again. The summary is derived
 * data: a missing, cut short or hand-edited summary file costs one read of the record, never a rollout.
 */
export class RolloutSummaryFiles {
  constructor(private readonly dir: string) {}

  /** Writes the summary of the record just written (call under the rollout's mutex). */
  async write(rollout: Rollout): Promise<void> {
    const record = await this.stamp(rollout.id);
    if (!record) return;
    const file: SummaryFile = { record, summary: summarizeRollout(rollout) };
    await writeJsonAtomic(this.summaryPath(rollout.id), file);
  }

  /**
   * The rollout's summary; undefined when the rollout does not exist. A stale summary is made from the
   * record (`readRecord`; its StoreFileError, for a record that cannot be read, is the caller's) and
   * rewritten under the rollout's mutex (`underMutex`) when the store can be written.
   */
  async read(
    id: string,
    readRecord: () => Promise<Rollout | undefined>,
    underMutex: <T>(work: () => Promise<T>) => Promise<T>,
  ): Promise<RolloutSummary | undefined> {
    const stamp = await this.stamp(id);
    if (!stamp) return undefined;
    const stored = await this.readSummaryFile(id);
    if (stored && stored.record === stamp && stored.summary?.id === id) return stored.summary;
    try {
      return await underMutex(async () => {
        const rollout = await readRecord();
        if (rollout) await this.write(rollout);
        return rollout && summarizeRollout(rollout);
      });
    } catch (error) {
      // A store this process may read but not write (another user's, a read-only mount): summarize without keeping it.
      if (!(error instanceof StoreWriteError)) throw error;
      const rollout = await readRecord();
      return rollout && summarizeRollout(rollout);
    }
  }

  private async readSummaryFile(id: string): Promise<SummaryFile | undefined> {
    try {
      return JSON.parse(await fs.readFile(this.summaryPath(id), 'utf8')) as SummaryFile;
    } catch {
      return undefined;
    }
  }

  /** `inode:mtimeNs:size` of the record file; undefined when there is none. */
  private async stamp(id: string): Promise<string | undefined> {
    try {
      const st = await fs.stat(path.join(this.dir, 'rollouts', `${id}.json`), { bigint: true });
      return `${st.ino}:${st.mtimeNs}:${st.size}`;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  private summaryPath(id: string): string {
    return path.join(this.dir, 'rollout-summaries', `${id}.json`);
  }
}
