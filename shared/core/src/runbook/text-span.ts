import type { SourcePos } from './model';

/** A piece of the file's text and where each of its characters sits in the file. */
export interface TextSpan {
  text: string;
  posAt(offset: number): SourcePos;
}

/**
 * Text whose first character is at `start` and whose following lines each begin at
 * `lineColumn` (a fence body inside a list item is indented; markdown-it strips the indent).
 */
export function blockSpan(text: string, start: SourcePos, lineColumn = start.column): TextSpan {
  return {
    text,
    posAt(offset) {
      let line = start.line;
      let lineStart = 0;
      for (let i = 0; i < offset && i < text.length; i++) {
        if (text[i] === '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      const base = line === start.line ? start.column : lineColumn;
      return { line, column: base + Math.min(offset, text.length) - lineStart };
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
