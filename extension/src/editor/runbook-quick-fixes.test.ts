import * as vscode from 'vscode';
import { diagnosticCollections, events, textDocument, type WorkspaceEdit } from '../testing/vscode-mock';
import { shippedRunbook } from '../testing/runbooks';
import { ParsedRunbooks } from './parsed-runbooks';
import { RunbookDiagnostics } from './runbook-diagnostics';
import { RunbookQuickFixProvider } from './runbook-quick-fixes';

it('a misspelled flag is one diagnostic, and its quick fix makes the runbook valid again', () => {
  const file = '/ws/runbooks/failover.md';
  const good = shippedRunbook('failover.md');
  const at = good.indexOf('--db-cluster-identifier');
  const bad = `${good.slice(0, at)}--db-cluster-identifer${good.slice(at + '--db-cluster-identifier'.length)}`;
  const diagnostics = new RunbookDiagnostics(new ParsedRunbooks(), () => 20);
  try {
    const document = textDocument(file, bad);
    events.open.fire(document);
    const found = (diagnosticCollections[diagnosticCollections.length - 1].entries.get(vscode.Uri.file(file).toString()) ??
      []) as vscode.Diagnostic[];
    // Reported once, as the typo: not also as a missing required flag.
    expect(found.map((d) => d.code)).toEqual(['unknown-flag']);

    const actions = new RunbookQuickFixProvider().provideCodeActions(document as unknown as vscode.TextDocument, found[0].range, {
      diagnostics: found,
    } as unknown as vscode.CodeActionContext);
    expect(actions.map((a) => [a.title, a.isPreferred])).toEqual([['Change to --db-cluster-identifier', true]]);
    const [edit] = (actions[0].edit as unknown as WorkspaceEdit).replacements;
    const lines = bad.split('\n');
    const line = lines[edit.range.start.line];
    lines[edit.range.start.line] = line.slice(0, edit.range.start.character) + edit.text + line.slice(edit.range.end.character);
    expect(lines.join('\n')).toBe(good);

    // Diagnostics from elsewhere are left alone.
    const other = { ...found[0], source: 'markdownlint' } as vscode.Diagnostic;
    expect(
      new RunbookQuickFixProvider().provideCodeActions(document as unknown as vscode.TextDocument, found[0].range, {
        diagnostics: [other],
      } as unknown as vscode.CodeActionContext),
    ).toEqual([]);
  } finally {
    diagnostics.dispose();
  }
});
