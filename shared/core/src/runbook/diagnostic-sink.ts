import { diagnostic, type Diagnostic } from './diagnostic';
import type { SourcePos } from './model';

/** The fallback hint for a code whose report site had nothing more specific to say. */
const DEFAULT_HINTS: Record<string, string> = {
  'invalid-value': 'give the value the type the field (or the AWS parameter) expects; docs/runbook-format.md lists them',
  'cel-syntax': 'check the CEL expression: balanced parentheses and quotes, `&&`/`||`, strings in double quotes',
  'cel-unknown-variable': 'use params, a param name, steps.<id>, run, or a name declared under observe',
  'cel-type': 'compare values of one type; double(x) converts an int',
  'yaml-syntax': 'check indentation and quoting; a value with `: ` or `#` needs quotes',
};

/** Collects every finding of one file; parsing never stops at the first problem. */
export class DiagnosticSink {
  readonly list: Diagnostic[] = [];

  constructor(readonly file: string) {}

  error(pos: SourcePos, code: string, message: string, hint?: string): void {
    this.list.push(diagnostic(this.file, pos, code, message, hint ?? DEFAULT_HINTS[code], 'error'));
  }

  warning(pos: SourcePos, code: string, message: string, hint?: string): void {
    this.list.push(diagnostic(this.file, pos, code, message, hint ?? DEFAULT_HINTS[code], 'warning'));
  }

  get hasErrors(): boolean {
    return this.list.some((d) => d.severity === 'error');
  }

  sorted(): Diagnostic[] {
    return [...this.list].sort((a, b) => a.line - b.line || a.column - b.column);
  }
}
