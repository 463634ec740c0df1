import { promises as fs } from 'node:fs';

/**
 * What tells one version of a store file from another without reading it: inode, size and times.
 * Every write of a store file is a new file renamed over the old one (store-files.ts), so it has
 * another inode; an edit in place changes the size or the times. Undefined when there is no file.
 */
export async function fileStamp(file: string): Promise<string | undefined> {
  try {
    const s = await fs.stat(file, { bigint: true });
    return `${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
