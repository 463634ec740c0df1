import type { SourcePos } from './model';

/** A validation finding, printed as `file:line:col: message` followed by the hint. */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  /** Stable machine code, e.g. `unknown-flag`, `unclosed-fence`. */
  code: string;
  message: string;
  /** What to do about it, for a tired on-call engineer. */
  hint?: string;
}

export function diagnostic(
  file: string,
  pos: SourcePos,
  code: string,
  message: string,
  hint?: string,
  severity: 'error' | 'warning' = 'error',
): Diagnostic {
  return { file, line: pos.line, column: pos.column, severity, code, message, hint };
}

export function formatDiagnostic(d: Diagnostic): string {
  const head = `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;
  return d.hint ? `${head}\n  hint: ${d.hint}` : head;
}
