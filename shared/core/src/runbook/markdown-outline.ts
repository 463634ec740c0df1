import MarkdownIt from 'markdown-it';

/** A heading, 0-based `line`. */
export interface HeadingItem {
  type: 'heading';
  level: number;
  text: string;
  line: number;
  column: number;
}

/** A fenced code block; lines are 0-based, `endLine` exclusive (markdown-it's `map`). */
export interface FenceItem {
  type: 'fence';
  info: string;
  content: string;
  markup: string;
  line: number;
  endLine: number;
  /** 0-based column of the opening fence's first backtick/tilde. */
  indent: number;
  /** 0-based column where the info string starts on the fence line. */
  infoColumn: number;
  /** False when the document ends before the closing fence. */
  closed: boolean;
}

export type OutlineItem = HeadingItem | FenceItem;

const markdown = new MarkdownIt('commonmark');

/** Headings and fences of a markdown document, in order, with source lines (markdown-it maps). */
export function outline(text: string): { items: OutlineItem[]; lines: string[] } {
  const lines = text.split('\n');
  const tokens = markdown.parse(text, {});
  const items: OutlineItem[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type === 'heading_open' && token.map) {
      const line = token.map[0];
      const column = lines[line].indexOf('#');
      items.push({
        type: 'heading',
        level: Number(token.tag.slice(1)),
        text: tokens[i + 1]?.content ?? '',
        line,
        column: Math.max(column, 0),
      });
    } else if (token.type === 'fence' && token.map) {
      const [line, endLine] = token.map;
      const fenceLine = lines[line];
      const indent = Math.max(fenceLine.indexOf(token.markup), 0);
      const afterMarkup = indent + token.markup.length;
      const infoAt = token.info === '' ? afterMarkup : fenceLine.indexOf(token.info, afterMarkup);
      items.push({
        type: 'fence',
        info: token.info,
        content: token.content,
        markup: token.markup,
        line,
        endLine,
        indent,
        infoColumn: infoAt < 0 ? afterMarkup : infoAt,
        closed: isClosingFence(lines[endLine - 1], token.markup) && endLine - 1 > line,
      });
    }
  }
  return { items, lines };
}

function isClosingFence(line: string | undefined, markup: string): boolean {
  if (line === undefined) return false;
  const trimmed = line.trim();
  const char = markup[0];
  return trimmed.length >= markup.length && [...trimmed].every((c) => c === char);
}
