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
 * check of a write a stat. Holds the files used last, up to `maxChars` of text in all (256 Mi by
 * default: a 1,000-cluster rollout's runs are about 110 MB), so a long-lived process (the editor)
 * never holds its whole history.
 */
export class RunFileCache {
  private readonly files = new Map<string, KeptRunFile>();
  private chars = 0;

  constructor(private readonly maxChars = 256 * 1024 * 1024) {}

  /** The file as kept, when its stamp is still `stamp`. */
  get(file: string, stamp: string): KeptRunFile | undefined {
    const kept = this.files.get(file);
    if (!kept) return undefined;
    this.forget(file);
    if (kept.stamp !== stamp) return undefined;
    this.keep(file, kept); // used last: to the end, so the first is the one used longest ago
    return kept;
  }

  keep(file: string, kept: KeptRunFile): void {
    this.forget(file);
    this.files.set(file, kept);
    this.chars += kept.text.length;
    while (this.chars > this.maxChars && this.files.size) this.forget(this.files.keys().next().value!);
  }

  forget(file: string): void {
    const kept = this.files.get(file);
    if (!kept) return;
    this.files.delete(file);
    this.chars -= kept.text.length;
  }
}
