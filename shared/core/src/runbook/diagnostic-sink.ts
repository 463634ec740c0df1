import { diagnostic, type Diagnostic } from './diagnostic';
import type { SourcePos } from './model';

/** Collects every finding of one file; parsing never stops at the first problem. */
export class DiagnosticSink {
  readonly list: Diagnostic[] = [];

  constructor(readonly file: string) {}

  error(pos: SourcePos, code: string, message: string, hint?: string): void {
    this.list.push(diagnostic(this.file, pos, code, message, hint, 'error'));
  }

  warning(pos: SourcePos, code: string, message: string, hint?: string): void {
    this.list.push(diagnostic(this.file, pos, code, message, hint, 'warning'));
  }

  get hasErrors(): boolean {
    return this.list.some((d) => d.severity === 'error');
  }

  sorted(): Diagnostic[] {
    return [...this.list].sort((a, b) => a.line - b.line || a.column - b.column);
  }
}
