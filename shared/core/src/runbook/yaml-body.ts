import { isMap, isScalar, isSeq, parseDocument, Scalar, type ParsedNode } from 'yaml';
import { suggestion } from './closest-match';
import { DURATION_HINT, parseDuration } from './duration';
import { duplicateKeys } from './yaml-duplicate-keys';
import type { SourcePos } from './model';
import { LineIndex, pointSpan, subSpan, type TextSpan } from './text-span';

export type Reporter = (pos: SourcePos, code: string, message: string, hint?: string, severity?: 'error' | 'warning') => void;

export interface YamlField {
  key: string;
  keyPos: SourcePos;
  node: ParsedNode | null;
  /** Position of the value, or of the key when the value is empty. */
  pos: SourcePos;
}

export interface YamlString {
  value: string;
  /** Maps offsets in `value` to file positions (exactly where the YAML text allows it). */
  span: TextSpan;
}

/** A YAML text inside the markdown file (front matter or a block body), read with positions. */
export class YamlBody {
  constructor(
    readonly span: TextSpan,
    private readonly report: Reporter,
  ) {}

  /** The document's root node; undefined (after reporting) when the YAML does not parse. */
  parse(what: string): { root: ParsedNode | null } | undefined {
    // Duplicate keys are found in one pass below: the library's own check is quadratic in a map's size.
    const doc = parseDocument(this.span.text, { prettyErrors: false, uniqueKeys: false, keepSourceTokens: false });
    for (const error of doc.errors) {
      this.report(
        this.span.posAt(error.pos[0]),
        'yaml-syntax',
        `YAML syntax error in ${what}: ${error.message.split('\n')[0]}`,
        'check indentation, `key: value` pairs and quoting (quote values that start with `{`, `[`, `*`, `&`, `!`, `%` or contain `: `)',
      );
    }
    const duplicates = doc.errors.length ? [] : duplicateKeys(doc);
    for (const duplicate of duplicates) {
      this.report(
        this.span.posAt(duplicate.offset),
        'yaml-syntax',
        `YAML syntax error in ${what}: the key \`${duplicate.key}\` is given twice (first on line ${this.span.posAt(duplicate.firstOffset).line})`,
        'keep one of them: a YAML map holds each key once',
      );
    }
    if (doc.errors.length || duplicates.length) return undefined;
    return { root: doc.contents };
  }

  posOf(node: ParsedNode | null | undefined, fallback: SourcePos): SourcePos {
    return node?.range ? this.span.posAt(node.range[0]) : fallback;
  }

  /** The entries of a map, reporting a non-map, non-string keys and keys not in `allowed`. */
  fields(
    node: ParsedNode | null,
    allowed: readonly string[],
    what: string,
    at: SourcePos,
    severity: 'error' | 'warning' = 'error',
  ): Map<string, YamlField> | undefined {
    if (!isMap(node)) {
      this.report(
        this.posOf(node, at),
        'invalid-block',
        `${what} must be a YAML map of \`key: value\` lines`,
        `allowed keys: ${allowed.join(', ')}`,
      );
      return undefined;
    }
    const fields = new Map<string, YamlField>();
    for (const pair of node.items) {
      const keyNode = pair.key as ParsedNode | null;
      const key = isScalar(keyNode) ? String(keyNode.value) : undefined;
      const keyPos = this.posOf(keyNode, at);
      if (key === undefined) {
        this.report(keyPos, 'invalid-key', `${what}: keys must be plain names`);
        continue;
      }
      if (!allowed.includes(key)) {
        this.report(keyPos, 'unknown-key', `unknown key \`${key}\` in ${what}`, suggestion(key, allowed, 'one of'), severity);
        continue;
      }
      const value = pair.value as ParsedNode | null;
      fields.set(key, { key, keyPos, node: value, pos: value ? this.posOf(value, keyPos) : keyPos });
    }
    return fields;
  }

  /** A string value (numbers and booleans are refused: quote them). */
  string(field: YamlField, what: string): YamlString | undefined {
    const node = field.node;
    if (isScalar(node) && typeof node.value === 'string') return { value: node.value, span: this.scalarSpan(node) };
    this.report(
      field.pos,
      'invalid-value',
      `${what} must be a string`,
      isScalar(node) && node.value !== null ? 'quote the value' : undefined,
    );
    return undefined;
  }

  /** A string or a list of strings. */
  strings(field: YamlField, what: string): YamlString[] | undefined {
    const node = field.node;
    if (isScalar(node) && typeof node.value === 'string') return [{ value: node.value, span: this.scalarSpan(node) }];
    if (!isSeq(node)) {
      this.report(field.pos, 'invalid-value', `${what} must be a list of strings`);
      return undefined;
    }
    const out: YamlString[] = [];
    for (const item of node.items as Array<ParsedNode | null>) {
      if (isScalar(item) && typeof item.value === 'string') out.push({ value: item.value, span: this.scalarSpan(item) });
      else this.report(this.posOf(item, field.pos), 'invalid-value', `${what} must hold strings only`, 'quote the value');
    }
    return out;
  }

  boolean(field: YamlField, what: string): boolean | undefined {
    const node = field.node;
    if (isScalar(node) && typeof node.value === 'boolean') return node.value;
    this.report(field.pos, 'invalid-value', `${what} must be true or false`);
    return undefined;
  }

  duration(field: YamlField, what: string): number | undefined {
    const node = field.node;
    const seconds = isScalar(node) ? parseDuration(node.value) : undefined;
    if (seconds === undefined) this.report(field.pos, 'invalid-duration', `${what} is not a duration`, DURATION_HINT);
    return seconds;
  }

  /** Plain JS value of a node (for defaults, enums, metric dimensions). */
  toJS(node: ParsedNode | null): unknown {
    return node === null ? null : node.toJSON();
  }

  /**
   * Where each character of a string scalar sits: exact for one-line plain and quoted scalars
   * without escapes and for `|` literal blocks; otherwise every offset maps to the scalar's start.
   */
  scalarSpan(node: Scalar): TextSpan {
    const value = String(node.value);
    const [start, end] = node.range ?? [0, 0];
    const raw = this.span.text.slice(start, end);
    if (node.type === Scalar.PLAIN && raw.startsWith(value)) return subSpan(this.span, start, value);
    if ((node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) && raw.slice(1, 1 + value.length) === value) {
      return subSpan(this.span, start + 1, value);
    }
    if (node.type === Scalar.BLOCK_LITERAL) return this.literalSpan(value, start, end);
    return pointSpan(value, this.span.posAt(start));
  }

  private literalSpan(value: string, start: number, end: number): TextSpan {
    const text = this.span.text;
    const contentStart = text.indexOf('\n', start) + 1;
    const rawLines = text.slice(contentStart, end).split('\n');
    const firstContent = rawLines.find((l) => l.trim() !== '') ?? '';
    const indent = firstContent.length - firstContent.trimStart().length;
    const lineOffsets: number[] = [];
    let offset = contentStart;
    for (const line of rawLines) {
      lineOffsets.push(offset);
      offset += line.length + 1;
    }
    let valueLines: LineIndex | undefined;
    return {
      text: value,
      posAt: (i) => {
        valueLines ??= new LineIndex(value);
        const at = Math.max(0, Math.min(i, value.length));
        const k = valueLines.lineOf(at);
        const column = at - valueLines.startOf(k);
        return this.span.posAt((lineOffsets[k] ?? contentStart) + indent + column);
      },
    };
  }
}
