import * as vscode from 'vscode';
import { parseRunbook, type ParsedRunbook } from '@switchyard/core';
import { looksLikeRunbook } from '../runbook/runbook-detect';

/** Parses each runbook document once per version; diagnostics, CodeLens and commands share the result. */
export class ParsedRunbooks {
  private readonly cache = new Map<string, { version: number; parsed: ParsedRunbook | undefined }>();

  /** The parse of a markdown document that looks like a runbook; undefined for any other document. */
  get(document: vscode.TextDocument): ParsedRunbook | undefined {
    const key = document.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === document.version) return hit.parsed;
    const text = document.getText();
    const parsed =
      document.languageId === 'markdown' && looksLikeRunbook(text) ? parseRunbook(relativeName(document.uri), text) : undefined;
    this.cache.set(key, { version: document.version, parsed });
    return parsed;
  }

  forget(document: vscode.TextDocument): void {
    this.cache.delete(document.uri.toString());
  }
}

/** The name diagnostics and runs use for a file: workspace-relative when it is inside the workspace. */
export function relativeName(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}
