import * as vscode from 'vscode';
import { parseRunbook, type Runbook } from '@switchyard/core';
import type { RunbookForForm } from '@switchyard/ui';
import { relativeName } from '../editor/parsed-runbooks';
import { looksLikeRunbook } from './runbook-detect';
import { runbookForForm } from './runbook-form';

export interface LoadedRunbook {
  id: string;
  uri: vscode.Uri;
  /** The name runs record (workspace-relative). */
  file: string;
  source: string;
  runbook?: Runbook;
  errors: string[];
}

/** The runbooks the panel offers: `runbooks/*.md` in the workspace plus any open runbook document. */
export class RunbookCatalog {
  async list(): Promise<LoadedRunbook[]> {
    const found = await vscode.workspace.findFiles('**/runbooks/*.md', '**/node_modules/**', 200);
    const open = vscode.workspace.textDocuments
      .filter((d) => d.languageId === 'markdown' && looksLikeRunbook(d.getText()))
      .map((d) => d.uri);
    const uris = new Map([...found, ...open].map((u) => [u.toString(), u]));
    const loaded = await Promise.all([...uris.values()].map((u) => this.load(u).catch(() => undefined)));
    return loaded
      .filter((r): r is LoadedRunbook => r !== undefined && r.runbook !== undefined)
      .sort((a, b) => a.file.localeCompare(b.file));
  }

  async forms(): Promise<RunbookForForm[]> {
    return (await this.list()).map((r) => runbookForForm(r.id, r.runbook!));
  }

  /** The runbook as it is now: an open document's unsaved text wins over the file on disk. */
  async load(uri: vscode.Uri): Promise<LoadedRunbook> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const source = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const file = relativeName(uri);
    const { runbook, diagnostics } = parseRunbook(file, source);
    const errors = diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`);
    return { id: uri.toString(), uri, file, source, runbook, errors };
  }
}
