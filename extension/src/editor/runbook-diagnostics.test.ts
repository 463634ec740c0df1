import * as vscode from 'vscode';
import { diagnosticCollections, events, textDocument } from '../testing/vscode-mock';
import { shippedRunbook } from '../testing/runbooks';
import { ParsedRunbooks } from './parsed-runbooks';
import { RunbookDiagnostics } from './runbook-diagnostics';

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  return check();
};

describe('RunbookDiagnostics', () => {
  const file = '/ws/runbooks/failover.md';
  const good = shippedRunbook('failover.md');
  const bad = good.replace('--target-db-instance-identifier', '--target-db-instance-identifer');
  let diagnostics: RunbookDiagnostics;
  let parsed: ParsedRunbooks;

  beforeEach(() => {
    parsed = new ParsedRunbooks();
    diagnostics = new RunbookDiagnostics(parsed, () => 20);
  });
  afterEach(() => diagnostics.dispose());

  const collection = () => diagnosticCollections[diagnosticCollections.length - 1];
  const current = () => (collection().entries.get(vscode.Uri.file(file).toString()) ?? []) as vscode.Diagnostic[];

  it('validates a runbook when it opens and again shortly after typing stops, once per burst of edits', async () => {
    events.open.fire(textDocument(file, good, 1));
    expect(current()).toEqual([]);
    expect(collection().entries.has(vscode.Uri.file(file).toString())).toBe(true);

    const get = jest.spyOn(parsed, 'get');
    for (let v = 2; v <= 5; v++) events.change.fire({ document: textDocument(file, v === 5 ? bad : good, v) });
    expect(await until(() => current().length > 0)).toBe(true);
    expect(get).toHaveBeenCalledTimes(1);
    const [d] = current().filter((x) => x.code === 'unknown-flag');
    expect(d.source).toBe('switchyard');
    expect(d.severity).toBe(vscode.DiagnosticSeverity.Error);
    expect(d.message).toMatch(/hint: did you mean `--target-db-instance-identifier`/);
    const line = bad.split('\n')[d.range.start.line];
    expect(line.slice(d.range.start.character, d.range.end.character)).toBe('--target-db-instance-identifer');

    events.close.fire(textDocument(file, bad, 5));
    expect(collection().entries.has(vscode.Uri.file(file).toString())).toBe(false);
  });

  it('leaves markdown that is not a runbook without diagnostics', () => {
    events.open.fire(textDocument('/ws/README.md', '# Read me\n\n```bash\nnpm i --no-such-flag\n```\n'));
    expect(collection().entries.has(vscode.Uri.file('/ws/README.md').toString())).toBe(false);
  });
});
