import { promises as fs } from 'node:fs';
import { formatDiagnostic, parseRunbook } from '@switchyard/core';
import { parseCommandArgs, UsageError } from '../args';

/** `switchyard validate <files…>`: every error of every file at once; exit 1 if any. */
export async function validateCommand(argv: string[]): Promise<number> {
  const { flags, positionals } = parseCommandArgs(argv, {});
  if (!positionals.length) throw new UsageError('validate needs at least one runbook file');
  let errors = 0;
  const report: Array<{ file: string; diagnostics: unknown[] }> = [];
  for (const file of positionals) {
    let source: string;
    try {
      source = await fs.readFile(file, 'utf8');
    } catch (error) {
      process.stderr.write(`${file}:1:1: error: cannot read file: ${(error as Error).message}\n`);
      errors++;
      continue;
    }
    const { diagnostics } = parseRunbook(file, source);
    report.push({ file, diagnostics });
    for (const d of diagnostics) {
      if (d.severity === 'error') errors++;
      if (!flags.json) process.stdout.write(`${formatDiagnostic(d)}\n`);
    }
  }
  if (flags.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(errors ? `${errors} error(s) in ${positionals.length} file(s)\n` : `${positionals.length} runbook(s) valid\n`);
  return errors ? 1 : 0;
}
