import { diagnostic, type Diagnostic } from './diagnostic';
import type { SourcePos } from './model';

/**
 * How large a runbook may be. A runbook is a procedure an operator reads; these bound what
 * validation (and every host that re-parses a run's runbook) can be made to do, far above any
 * real runbook (the largest we ship: 30 kB, 34 steps, 78 fenced blocks). docs/runbook-format.md
 * lists them.
 */
export interface RunbookLimits {
  /** The file's size in bytes (UTF-8). */
  maxBytes: number;
  /** Steps: `##` headings, and `###` headings of the Rollback section. */
  maxSteps: number;
  /** Fenced blocks of any kind, examples included. */
  maxBlocks: number;
}

export const RUNBOOK_LIMITS: Readonly<RunbookLimits> = Object.freeze({
  maxBytes: 1024 * 1024,
  maxSteps: 1000,
  maxBlocks: 5000,
});

const SPLIT_HINT = 'split it into several runbooks, one per procedure';

/** The `runbook-too-large` error of a file of `bytes` bytes, if over the limit (checked before anything is parsed). */
export function sizeProblem(file: string, bytes: number, limits: RunbookLimits = RUNBOOK_LIMITS): Diagnostic | undefined {
  if (bytes <= limits.maxBytes) return undefined;
  return diagnostic(
    file,
    { line: 1, column: 1 },
    'runbook-too-large',
    `the file is ${formatBytes(bytes)}; a runbook may be at most ${formatBytes(limits.maxBytes)}`,
    `${SPLIT_HINT}; keep data and long scripts in files the steps read or run`,
  );
}

/** The `runbook-too-large` error of a runbook with more steps or blocks than allowed, at the first one over. */
export function countProblem(
  file: string,
  what: 'steps' | 'blocks',
  positions: readonly SourcePos[],
  limits: RunbookLimits = RUNBOOK_LIMITS,
): Diagnostic | undefined {
  const max = what === 'steps' ? limits.maxSteps : limits.maxBlocks;
  if (positions.length <= max) return undefined;
  return diagnostic(
    file,
    positions[max],
    'runbook-too-large',
    `the runbook has ${positions.length.toLocaleString('en-US')} ${what === 'steps' ? 'steps' : 'fenced blocks'}; at most ${max.toLocaleString('en-US')} are allowed (this is number ${(max + 1).toLocaleString('en-US')})`,
    SPLIT_HINT,
  );
}

/** Bytes of a string in UTF-8, without allocating it. */
export function utf8Length(text: string): number {
  if (!/[\u0080-\uffff]/.test(text)) return text.length; // ASCII: one byte a character (a native scan)
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code < 0xdc00 && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4; // a surrogate pair: one 4-byte character
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code < 0xe000;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}
