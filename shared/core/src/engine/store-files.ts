import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * A file of a file run store that cannot be read (empty, cut short, not JSON, unreadable): the
 * error names the file and what to do about it, whichever command or host tripped on it.
 */
export class StoreFileError extends Error {
  constructor(
    readonly file: string,
    /** What is wrong with it, e.g. `not valid JSON (Unexpected end of JSON input)`. */
    readonly problem: string,
    /** What to do about it. */
    readonly fix: string,
  ) {
    super(`cannot read ${file}: ${problem}; ${fix}`);
    this.name = 'StoreFileError';
  }
}

/** A write to the run store that failed (a full disk, a read-only file system): nothing of it was kept. */
export class StoreWriteError extends Error {
  constructor(
    readonly file: string,
    /** The system error code, e.g. `ENOSPC`. */
    readonly code: string | undefined,
    readonly reason: string,
  ) {
    super(`cannot write ${file}: ${reason}${code ? ` (${code})` : ''}; the store keeps what it had before this write`);
    this.name = 'StoreWriteError';
  }
}

const REASONS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

/** Reads a JSON file: undefined when it does not exist; `StoreFileError` when it is empty or not JSON. */
export async function readJsonFile<T>(file: string, fix: string): Promise<T | undefined> {
  return (await readJsonText<T>(file, fix))?.value;
}

/** `readJsonFile`, with the text it parsed (for a cache of the file as it is). */
export async function readJsonText<T>(file: string, fix: string): Promise<{ value: T; text: string } | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new StoreFileError(file, REASONS[code ?? ''] ?? (error as Error).message, fix);
  }
  return { value: parseJsonText<T>(file, text, fix), text };
}

/** Parses a store file's text; `StoreFileError` when it is empty or not JSON. */
export function parseJsonText<T>(file: string, text: string, fix: string): T {
  if (text.trim() === '') throw new StoreFileError(file, 'the file is empty', fix);
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new StoreFileError(file, `not valid JSON (${(error as Error).message})`, fix);
  }
}

let tmpCounter = 0;

/**
 * Writes to a temp file in the same directory, fsyncs and renames: readers see the old file or
 * the new one, never half. On any failure the temp file is removed and a `StoreWriteError`
 * naming the file is thrown; the old file is untouched. Returns the text written.
 */
export async function writeJsonAtomic(file: string, value: unknown): Promise<string> {
  const tmp = `${file}.${process.pid}.${tmpCounter++}.tmp`;
  const text = JSON.stringify(value, null, 1);
  try {
    await fs.mkdir(path.dirname(file), { recursive: true });
    const handle = await fs.open(tmp, 'w');
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, file);
  } catch (error) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw writeError(file, error);
  }
  return text;
}

export function writeError(file: string, error: unknown): StoreWriteError {
  if (error instanceof StoreWriteError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  return new StoreWriteError(file, code, REASONS[code ?? ''] ?? (error instanceof Error ? error.message : String(error)));
}
