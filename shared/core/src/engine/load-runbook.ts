import { formatDiagnostic } from '../runbook/diagnostic';
import { parseRunbook, validateParamValues } from '../runbook';
import type { Runbook } from '../runbook/model';
import { RunRejectedError } from '../model/errors';

/** Parses and fully validates a runbook; a run never starts from one with errors. */
export function loadRunbook(file: string, source: string): Runbook {
  const { runbook, diagnostics } = parseRunbook(file, source);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!runbook || errors.length) throw new RunRejectedError(errors.map(formatDiagnostic));
  return runbook;
}

/** Typed param values with defaults applied, or the problems an operator must fix first. */
export function paramValues(runbook: Runbook, raw: Record<string, string>): { values: Record<string, unknown>; errors: string[] } {
  return validateParamValues(runbook, raw);
}
