import type { SourcePos } from './model';

/**
 * The info string of an executable fence:
 *   <kind> [rollback] [key=value …] [when: <cel expression> [# <why it is skipped when false>]]
 * e.g. ```` ```aws rollback ````, ```` ```sh timeout=5m ````, ```` ```aws when: params.force ````,
 * ```` ```http when: maintenance_url != "" # no maintenance endpoint configured ````.
 * CEL has no `#` outside string literals, so the first one outside a string starts the reason.
 */
export interface InfoString {
  kind: string;
  rollback: boolean;
  /** `key=value` words; `pos` is the value's, `keyPos` the key's. */
  options: Map<string, { value: string; pos: SourcePos; keyPos: SourcePos }>;
  when?: { expr: string; pos: SourcePos; reason?: string };
  /** Words that are none of the above. */
  stray: Array<{ word: string; pos: SourcePos }>;
}

/** `column` is the 1-based column of the info string's first character on fence line `line`. */
export function parseInfoString(info: string, line: number, column: number): InfoString {
  const at = (offset: number): SourcePos => ({ line, column: column + offset });
  const whenMatch = /(^|\s)when:/.exec(info);
  const head = whenMatch ? info.slice(0, whenMatch.index) : info;
  const result: InfoString = { kind: '', rollback: false, options: new Map(), stray: [] };
  if (whenMatch) {
    const exprStart = whenMatch.index + whenMatch[0].length;
    const raw = info.slice(exprStart);
    const lead = raw.length - raw.trimStart().length;
    const { expr, reason } = splitReason(raw);
    result.when = { expr: expr.trim(), pos: at(exprStart + lead), ...(reason ? { reason } : {}) };
  }
  const words = [...head.matchAll(/\S+/g)];
  result.kind = words[0]?.[0] ?? '';
  for (const match of words.slice(1)) {
    const word = match[0];
    const eq = word.indexOf('=');
    if (word === 'rollback') result.rollback = true;
    else if (eq > 0)
      result.options.set(word.slice(0, eq), { value: word.slice(eq + 1), pos: at(match.index + eq + 1), keyPos: at(match.index) });
    else result.stray.push({ word, pos: at(match.index) });
  }
  return result;
}

/** Splits `<cel> # <reason>` at the first `#` outside a CEL string literal ('…', "…", triple-quoted, r-raw). */
function splitReason(text: string): { expr: string; reason?: string } {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const raw = i > 0 && (text[i - 1] === 'r' || text[i - 1] === 'R') && !/[A-Za-z0-9_]/.test(text[i - 2] ?? '');
      const close = text.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      i += close.length;
      while (i < text.length && !text.startsWith(close, i)) i += !raw && text[i] === '\\' ? 2 : 1;
      i += close.length - 1;
      continue;
    }
    if (c === '#') return { expr: text.slice(0, i), reason: text.slice(i + 1).trim() || undefined };
  }
  return { expr: text };
}
