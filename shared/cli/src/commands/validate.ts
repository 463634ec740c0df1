import { formatDiagnostic, parseRunbook } from '@switchyard/core';
import { parseCommandArgs, UsageError } from '../args';
import { readRunbookFile, RunbookFileError } from '../runbook-file';

/** `switchyard validate <files…>`: every error of every file at once; exit 1 if any. */
export async function validateCommand(argv: string[]): Promise<number> {
  const { flags, positionals } = parseCommandArgs(argv, {});
  if (!positionals.length) throw new UsageError('validate needs at least one runbook file');
  let errors = 0;
  const report: Array<{ file: string; diagnostics: unknown[] }> = [];
  for (const file of positionals) {
    let source: string;
    try {
      source = await readRunbookFile(file);
    } catch (error) {
      if (!(error instanceof RunbookFileError)) throw error;
      const d = error.diagnostic;
      const diagnostic =
        d.code === 'not-a-file' ? { ...d, hint: `${d.hint}; to check every runbook in it: switchyard validate ${file}/*.md` } : d;
      report.push({ file, diagnostics: [diagnostic] });
      if (!flags.json) process.stdout.write(`${formatDiagnostic(diagnostic)}\n`);
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
