import type { Run } from '../model/run';

/** A run file as this process last read or wrote it. */
export interface KeptRunFile {
  /** `fileStamp` of the file when it held `text`. */
  stamp: string;
  text: string;
  /** What a write checks (compare-and-set on version; a reopening takes its locks again). */
  version: number;
  status: Run['status'];
}

/**
 * The run files this process read or wrote lately, kept while each is unchanged (same stamp).
 * A run being driven is read before each change and checked again as it is written, and a rollout's
 * driver reads each of its runs every poll: about 100 KB of JSON each time (the runbook is in the
 * run). Kept here, a read of an unchanged file is a stat and a parse of the text in memory, and the
 * check of a write a stat. Holds the `limit` files used last (2,000 by default: a 1,000-cluster
 * rollout's runs and their retries).
 */
export class RunFileCache {
  private readonly files = new Map<string, KeptRunFile>();

  constructor(private readonly limit = 2000) {}

  /** The file as kept, when its stamp is still `stamp`. */
  get(file: string, stamp: string): KeptRunFile | undefined {
    const kept = this.files.get(file);
    if (!kept) return undefined;
    if (kept.stamp !== stamp) {
      this.files.delete(file);
      return undefined;
    }
    // Used last: moved to the end, so the first is the one used longest ago.
    this.files.delete(file);
    this.files.set(file, kept);
    return kept;
  }

  keep(file: string, kept: KeptRunFile): void {
    this.files.delete(file);
    this.files.set(file, kept);
    while (this.files.size > this.limit) this.files.delete(this.files.keys().next().value!);
  }

  forget(file: string): void {
    this.files.delete(file);
  }
}
