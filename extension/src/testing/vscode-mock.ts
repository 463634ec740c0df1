/**
 * The small part of the `vscode` API the adapters use, for jest (mapped to `vscode` in the
 * `vscode` jest project only). Windows and commands are jest.fn()s a test scripts; events are
 * real emitters a test fires.
 */
type Listener<T> = (e: T) => unknown;

export class EventEmitter<T> {
  private listeners = new Set<Listener<T>>();
  event = (listener: Listener<T>) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  fire(e: T): void {
    for (const l of this.listeners) l(e);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
  translate(lineDelta = 0, characterDelta = 0): Position {
    return new Position(this.line + lineDelta, this.character + characterDelta);
  }
}

export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(start: Position, end: Position);
  constructor(startLine: number, startCharacter: number, endLine: number, endCharacter: number);
  constructor(a: number | Position, b: number | Position, c?: number, d?: number) {
    this.start = a instanceof Position ? a : new Position(a, b as number);
    this.end = b instanceof Position ? b : new Position(c!, d!);
  }
}

export class CodeActionKind {
  static readonly QuickFix = new CodeActionKind('quickfix');
  constructor(readonly value: string) {}
}

/** Records its replacements, in order. */
export class WorkspaceEdit {
  readonly replacements: Array<{ uri: Uri; range: Range; text: string }> = [];
  replace(uri: Uri, range: Range, text: string): void {
    this.replacements.push({ uri, range, text });
  }
}

export class CodeAction {
  edit?: WorkspaceEdit;
  diagnostics?: Diagnostic[];
  isPreferred?: boolean;
  constructor(
    readonly title: string,
    readonly kind?: CodeActionKind,
  ) {}
}

export enum DiagnosticSeverity {
  Error = 0,
  Warning = 1,
  Information = 2,
  Hint = 3,
}

export class Diagnostic {
  source?: string;
  code?: string | number;
  constructor(
    readonly range: Range,
    readonly message: string,
    readonly severity: DiagnosticSeverity,
  ) {}
}

export class MarkdownString {
  constructor(readonly value: string) {}
}

export class Hover {
  constructor(
    readonly contents: MarkdownString,
    readonly range?: Range,
  ) {}
}

export class CodeLens {
  constructor(
    readonly range: Range,
    readonly command?: { title: string; command: string; arguments?: unknown[]; tooltip?: string },
  ) {}
}

export class ThemeIcon {
  constructor(readonly id: string) {}
}

export class ThemeColor {
  constructor(readonly id: string) {}
}

export enum TreeItemCollapsibleState {
  None = 0,
  Collapsed = 1,
  Expanded = 2,
}

export class TreeItem {
  id?: string;
  description?: string;
  tooltip?: string;
  iconPath?: ThemeIcon;
  contextValue?: string;
  command?: unknown;
  constructor(
    readonly label: string,
    readonly collapsibleState: TreeItemCollapsibleState,
  ) {}
}

export enum ViewColumn {
  Active = -1,
  Beside = -2,
}

export enum StatusBarAlignment {
  Left = 1,
  Right = 2,
}

export class Uri {
  private constructor(
    readonly fsPath: string,
    private readonly text: string,
  ) {}
  static file(path: string): Uri {
    return new Uri(path, `file://${path}`);
  }
  static parse(text: string): Uri {
    return new Uri(text.replace(/^file:\/\//, ''), text);
  }
  static joinPath(base: Uri, ...segments: string[]): Uri {
    return Uri.parse([base.toString(), ...segments].join('/'));
  }
  toString(): string {
    return this.text;
  }
}

/** A collection that keeps what was set, per uri. */
export class MockDiagnosticCollection {
  readonly entries = new Map<string, Diagnostic[]>();
  set(uri: Uri, diagnostics: Diagnostic[]): void {
    this.entries.set(uri.toString(), diagnostics);
  }
  delete(uri: Uri): void {
    this.entries.delete(uri.toString());
  }
  dispose(): void {
    this.entries.clear();
  }
}

export const diagnosticCollections: MockDiagnosticCollection[] = [];

export const languages = {
  createDiagnosticCollection: () => {
    const collection = new MockDiagnosticCollection();
    diagnosticCollections.push(collection);
    return collection;
  },
};

export const events = {
  open: new EventEmitter<unknown>(),
  change: new EventEmitter<{ document: unknown }>(),
  close: new EventEmitter<unknown>(),
};

export const workspace = {
  textDocuments: [] as unknown[],
  onDidOpenTextDocument: events.open.event,
  onDidChangeTextDocument: events.change.event,
  onDidCloseTextDocument: events.close.event,
  asRelativePath: (uri: Uri) => uri.fsPath.replace(/^.*\/(runbooks\/)/, '$1'),
  isTrusted: true,
};

export const window = {
  showInformationMessage: jest.fn(),
  showWarningMessage: jest.fn(),
  showErrorMessage: jest.fn(),
  showInputBox: jest.fn(),
  showQuickPick: jest.fn(),
};

export const commands = {
  executeCommand: jest.fn(),
  registerCommand: jest.fn(() => ({ dispose: () => undefined })),
};

/** A text document as the adapters read it. */
export function textDocument(fsPath: string, text: string, version = 1, languageId = 'markdown') {
  const lines = text.split('\n');
  return {
    uri: Uri.file(fsPath),
    languageId,
    version,
    getText: (range?: Range) =>
      range
        ? (lines[range.start.line] ?? '').slice(
            range.start.character,
            range.end.line === range.start.line ? range.end.character : undefined,
          )
        : text,
    lineAt: (line: number) => ({ text: lines[line] ?? '' }),
  };
}
