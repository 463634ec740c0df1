import * as vscode from 'vscode';
import { placeDiagnostics } from '../runbook/diagnostic-ranges';
import type { ParsedRunbooks } from './parsed-runbooks';

/** The core validator's findings as squiggles, recomputed a moment after typing stops. */
export class RunbookDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('switchyard');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly runbooks: ParsedRunbooks,
    private readonly delayMs: () => number,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.validate(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.cancel(d);
        this.collection.delete(d.uri);
        this.runbooks.forget(d);
      }),
    );
    for (const document of vscode.workspace.textDocuments) this.validate(document);
  }

  schedule(document: vscode.TextDocument): void {
    this.cancel(document);
    const key = document.uri.toString();
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.validate(document);
      }, this.delayMs()),
    );
  }

  validate(document: vscode.TextDocument): void {
    const parsed = this.runbooks.get(document);
    if (!parsed) {
      this.collection.delete(document.uri);
      return;
    }
    const lines = document.getText().split(/\r?\n/);
    this.collection.set(
      document.uri,
      placeDiagnostics(parsed.diagnostics, lines).map((p) => {
        const d = new vscode.Diagnostic(
          new vscode.Range(p.line, p.startColumn, p.line, p.endColumn),
          p.message,
          p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
        );
        d.source = 'switchyard';
        d.code = p.code;
        return d;
      }),
    );
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.collection.dispose();
    for (const s of this.subscriptions) s.dispose();
  }

  private cancel(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
  }
}
