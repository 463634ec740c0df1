import * as vscode from 'vscode';
import { textDocument } from '../testing/vscode-mock';
import { shippedRunbook } from '../testing/runbooks';
import { ParsedRunbooks } from './parsed-runbooks';
import { RunbookCodeLensProvider } from './runbook-code-lens';

describe('RunbookCodeLensProvider', () => {
  it('runs the document from the top, and from a step with its id', () => {
    const document = textDocument('/ws/runbooks/failover.md', shippedRunbook('failover.md'));
    const lenses = new RunbookCodeLensProvider(new ParsedRunbooks()).provideCodeLenses(document as unknown as vscode.TextDocument);
    expect(lenses[0].command).toMatchObject({ title: '$(play) Run runbook', command: 'switchyard.runRunbook', arguments: [document.uri] });
    expect(lenses[3].command).toMatchObject({ command: 'switchyard.runFromHere', arguments: [document.uri, 'failover'] });
    expect(lenses[3].command?.tooltip).toBe('Start a run at "Fail over"; the steps above are recorded as skipped');
  });

  it('offers nothing on other markdown', () => {
    const readme = textDocument('/ws/README.md', '# Read me\n');
    expect(new RunbookCodeLensProvider(new ParsedRunbooks()).provideCodeLenses(readme as unknown as vscode.TextDocument)).toEqual([]);
  });
});
