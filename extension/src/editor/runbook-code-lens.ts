import * as vscode from 'vscode';
import { runbookLenses } from '../runbook/code-lenses';
import type { ParsedRunbooks } from './parsed-runbooks';

/** "Run runbook" at the top of a runbook and "Run from here" on each step. */
export class RunbookCodeLensProvider implements vscode.CodeLensProvider {
  constructor(private readonly runbooks: ParsedRunbooks) {}

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const parsed = this.runbooks.get(document);
    return runbookLenses(parsed?.runbook).map((lens) => {
      const range = new vscode.Range(lens.line, 0, lens.line, 0);
      return lens.kind === 'run'
        ? new vscode.CodeLens(range, { title: '$(play) Run runbook', command: 'switchyard.runRunbook', arguments: [document.uri] })
        : new vscode.CodeLens(range, {
            title: '$(debug-continue) Run from here',
            tooltip: `Start a run at "${lens.stepName}"; the steps above are recorded as skipped`,
            command: 'switchyard.runFromHere',
            arguments: [document.uri, lens.stepId],
          });
    });
  }
}
