/**
 * The extension's side files (the sandbox's world, the activation record) are written whole or
 * not at all: to a temporary file beside the target, flushed to disk, then renamed over it. A
 * crash, a full disk or a window closing mid-write leaves the last complete file, never half of
 * one. Synchronous, because it also runs while the extension host shuts down.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

let counter = 0;

export function writeFileAtomicSync(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${counter++}.tmp`;
  try {
    writeFileSync(temporary, content);
    const fd = openSync(temporary, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
