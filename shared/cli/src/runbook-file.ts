import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { sizeProblem, type Diagnostic } from '@switchyard/core';
import { InputError } from './input-error';

type FileCode = 'file-not-found' | 'not-a-file' | 'runbook-too-large' | 'unreadable-file';

/** A runbook path that cannot be read as a runbook, as a validation diagnostic at `file:1:1`. */
export class RunbookFileError extends InputError {
  readonly diagnostic: Diagnostic & { code: FileCode };

  constructor(file: string, code: FileCode, message: string, hint: string) {
    super(`${file}:1:1: error: ${message}`, hint);
    this.name = 'RunbookFileError';
    this.diagnostic = { file, line: 1, column: 1, severity: 'error', code, message, hint };
  }
}

/**
 * Reads a runbook file, refusing — before reading it — a path that does not exist, a directory,
 * and a file over the runbook size limit.
 */
export async function readRunbookFile(file: string): Promise<string> {
  const stat = await fs.stat(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') {
      throw new RunbookFileError(
        file,
        'file-not-found',
        'no such runbook file',
        `check the path (from ${process.cwd()}); the shipped runbooks are in runbooks/`,
      );
    }
    throw unreadable(file, error);
  });
  if (stat.isDirectory()) {
    const names = (await fs.readdir(file).catch(() => [])).filter((n) => n.endsWith('.md')).sort();
    const held = names.length ? ` (holding ${names.length} runbook${names.length > 1 ? 's' : ''})` : '';
    const example = path.join(file, names.includes('failover.md') ? 'failover.md' : (names[0] ?? '<runbook>.md'));
    throw new RunbookFileError(
      file,
      'not-a-file',
      `this is a directory${held}, not a runbook file`,
      `name one runbook file in it, e.g. ${example}`,
    );
  }
  const tooLarge = sizeProblem(file, stat.size);
  if (tooLarge) throw new RunbookFileError(file, 'runbook-too-large', tooLarge.message, tooLarge.hint ?? '');
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    throw unreadable(file, error as NodeJS.ErrnoException);
  }
}

function unreadable(file: string, error: NodeJS.ErrnoException): RunbookFileError {
  const why = error.code === 'EACCES' ? 'permission denied' : error.message;
  return new RunbookFileError(file, 'unreadable-file', `cannot read the runbook file: ${why}`, 'check the file and its permissions');
}
