import type { SourcePos } from './model';

/** A piece of the file's text and where each of its characters sits in the file. */
export interface TextSpan {
  text: string;
  posAt(offset: number): SourcePos;
}

/**
 * Text whose first character is at `start` and whose following lines each begin at
 * `lineColumn` (a fence body inside a list item is indented; markdown-it strips the indent).
 * Lookups are O(log lines): the line starts are indexed once, on the first lookup.
 */
export function blockSpan(text: string, start: SourcePos, lineColumn = start.column): TextSpan {
  let lines: LineIndex | undefined;
  return {
    text,
    posAt(offset) {
      lines ??= new LineIndex(text);
      const at = Math.max(0, Math.min(offset, text.length));
      const k = lines.lineOf(at);
      const base = k === 0 ? start.column : lineColumn;
      return { line: start.line + k, column: base + at - lines.startOf(k) };
    },
  };
}

/** A sub-span: `text` begins at `offset` within `parent`. */
export function subSpan(parent: TextSpan, offset: number, text: string): TextSpan {
  return { text, posAt: (i) => parent.posAt(offset + i) };
}

/** A span whose text cannot be mapped character by character: every offset is `pos`. */
export function pointSpan(text: string, pos: SourcePos): TextSpan {
  return { text, posAt: () => pos };
}

/** The offsets where each line of a text starts, for O(log n) offset → line lookups. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** 0-based line of the character at `offset`. */
  lineOf(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** Offset of the first character of 0-based line `line`. */
  startOf(line: number): number {
    return this.starts[line];
  }
}
