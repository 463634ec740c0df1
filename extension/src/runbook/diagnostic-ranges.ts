import type { Diagnostic } from '@switchyard/core';

/** A core diagnostic placed on the editor's 0-based grid, spanning the token it points at. */
export interface PlacedDiagnostic {
  line: number;
  startColumn: number;
  endColumn: number;
  severity: 'error' | 'warning';
  code: string;
  /** The message, then the hint on its own line: the squiggle's hover shows both. */
  message: string;
}

/**
 * Converts the validator's `file:line:col` findings (1-based) into ranges: from the column to the
 * end of the token there (a flag, a word, a template), or one character on an empty line.
 */
export function placeDiagnostics(diagnostics: Diagnostic[], lines: string[]): PlacedDiagnostic[] {
  return diagnostics.map((d) => {
    const line = Math.min(Math.max(d.line - 1, 0), Math.max(lines.length - 1, 0));
    const text = lines[line] ?? '';
    const startColumn = Math.min(Math.max(d.column - 1, 0), text.length);
    return {
      line,
      startColumn,
      endColumn: tokenEnd(text, startColumn),
      severity: d.severity,
      code: d.code,
      message: d.hint ? `${d.message}\nhint: ${d.hint}` : d.message,
    };
  });
}

function tokenEnd(text: string, start: number): number {
  if (start >= text.length) return start + 1;
  const rest = text.slice(start);
  const template = /^\{\{.*?\}\}/.exec(rest);
  if (template) return start + template[0].length;
  const token = /^[^\s"'`,]+/.exec(rest);
  return start + (token ? token[0].length : 1);
}
