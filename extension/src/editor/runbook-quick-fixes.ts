import * as vscode from 'vscode';
import { quickFixFor } from '../runbook/quick-fix';

/** "Change to `--db-cluster-identifier`": the validator's "did you mean" as a quick fix (Ctrl+.). */
export class RunbookQuickFixProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return context.diagnostics.flatMap((d) => {
      if (d.source !== 'switchyard') return [];
      const fix = quickFixFor(d.message, document.getText(d.range));
      if (!fix) return [];
      const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, new vscode.Range(d.range.start, d.range.start.translate(0, fix.length)), fix.text);
      action.edit = edit;
      action.diagnostics = [d];
      action.isPreferred = true;
      return [action];
    });
  }
}
