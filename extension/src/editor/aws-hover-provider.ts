import * as vscode from 'vscode';
import { awsHoverAt } from '../runbook/aws-hover';
import { looksLikeRunbook } from '../runbook/runbook-detect';

/** On an `aws` line: the SDK operation it becomes and whether it reads or changes AWS. */
export class AwsHoverProvider implements vscode.HoverProvider {
  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const text = document.getText();
    if (!looksLikeRunbook(text)) return undefined;
    const hover = awsHoverAt(text.split(/\r?\n/), position.line);
    if (!hover) return undefined;
    const range = new vscode.Range(hover.startLine, 0, hover.endLine, document.lineAt(hover.endLine).text.length);
    return new vscode.Hover(new vscode.MarkdownString(hover.markdown), range);
  }
}
