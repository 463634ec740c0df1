import type { SourcePos } from './model';

/**
 * The info string of an executable fence:
 *   <kind> [rollback] [key=value …] [when: <cel expression to the end of the line>]
 * e.g. ```` ```aws rollback ````, ```` ```sh timeout=5m ````, ```` ```aws when: params.force ````.
 */
export interface InfoString {
  kind: string;
  rollback: boolean;
  /** `key=value` words; `pos` is the value's, `keyPos` the key's. */
  options: Map<string, { value: string; pos: SourcePos; keyPos: SourcePos }>;
  when?: { expr: string; pos: SourcePos };
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
    result.when = { expr: raw.trim(), pos: at(exprStart + lead) };
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
