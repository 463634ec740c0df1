/**
 * A port of the AWS CLI's shorthand syntax parser (awscli/shorthand.py, `ShorthandParser`), so
 * `Name=engine,Values=aurora-postgresql,aurora-mysql` parses exactly as the CLI parses it: purely
 * syntactically, into strings, lists and objects. Typing against the model happens afterwards
 * (see conform.ts, the CLI's `BackCompatVisitor`).
 */

export type ShorthandValue = string | ShorthandValue[] | ShorthandObject;
export interface ShorthandObject {
  [key: string]: ShorthandValue;
}

export class ShorthandSyntaxError extends Error {
  constructor(
    message: string,
    /** Index into the parsed text. */
    readonly index: number,
  ) {
    super(message);
    this.name = 'ShorthandSyntaxError';
  }
}

/** Where each key of a parsed object started, for unknown-key errors. */
export type KeyOffsets = WeakMap<object, Map<string, number>>;

// Character classes of the CLI's regular expressions, transcribed range by range.
const START_WORD = '!#-&(-+\\--<>-Z\\\\-z|-\\uffff';
const FIRST_FOLLOW_CHARS = '\\s!#-&(-+\\--\\\\^-|~-\\uffff';
const SECOND_FOLLOW_CHARS = '\\s!#-&(-+\\--<>-\\uffff';
const ESCAPED_COMMA = '(?:\\\\,)';
const FIRST_VALUE = new RegExp(`(?:${ESCAPED_COMMA}|[${START_WORD}])(?:${ESCAPED_COMMA}|[${FIRST_FOLLOW_CHARS}])*`, 'uy');
const SECOND_VALUE = new RegExp(`(?:${ESCAPED_COMMA}|[${START_WORD}])(?:${ESCAPED_COMMA}|[${SECOND_FOLLOW_CHARS}])*`, 'uy');
const SINGLE_QUOTED = /'(?:\\'|[^'])*'/y;
const DOUBLE_QUOTED = /"(?:\\"|[^"])*"/y;
const KEY_CHARS = /[A-Za-z0-9\-_.#/:]/;
const WHITESPACE = /\s/;

export function parseShorthand(value: string): { value: ShorthandObject; keyOffsets: KeyOffsets } {
  const parser = new ShorthandParser(value);
  return { value: parser.parameter(), keyOffsets: parser.keyOffsets };
}

class ShorthandParser {
  private index = 0;
  readonly keyOffsets: KeyOffsets = new WeakMap();

  constructor(private readonly input: string) {}

  parameter(): ShorthandObject {
    const params: ShorthandObject = {};
    this.keyval(params);
    while (this.index < this.input.length) {
      this.expect(',', true);
      this.keyval(params);
    }
    return params;
  }

  /** keyval = key "=" [values] */
  private keyval(into: ShorthandObject): void {
    const start = this.index;
    const key = this.key();
    this.consumeWhitespace();
    if (this.current() === '@') {
      throw new ShorthandSyntaxError('`@=` file references are not supported in runbooks', this.index);
    }
    this.expect('=', true);
    const value = this.values();
    if (Object.prototype.hasOwnProperty.call(into, key)) {
      throw new ShorthandSyntaxError(
        `second instance of key "${key}"; this is often because there is a preceding "," instead of a space`,
        start,
      );
    }
    into[key] = value;
    this.offsetsOf(into).set(key, start);
  }

  private offsetsOf(object: object): Map<string, number> {
    let offsets = this.keyOffsets.get(object);
    if (!offsets) this.keyOffsets.set(object, (offsets = new Map()));
    return offsets;
  }

  private key(): string {
    const start = this.index;
    while (!this.atEof() && KEY_CHARS.test(this.input[this.index])) this.index++;
    return this.input.slice(start, this.index);
  }

  private values(): ShorthandValue {
    if (this.atEof()) return '';
    if (this.current() === '[') return this.explicitList();
    if (this.current() === '{') return this.hashLiteral();
    return this.csvValue();
  }

  /** `foo=bar` → 'bar'; `foo=bar,baz` → ['bar', 'baz']; backtracks at `,next=`. */
  private csvValue(): ShorthandValue {
    const first = this.firstValue();
    this.consumeWhitespace();
    if (this.atEof() || this.input[this.index] !== ',') return first;
    this.expect(',', true);
    const list: string[] = [first];
    for (;;) {
      try {
        const next = this.secondValue();
        this.consumeWhitespace();
        if (this.atEof()) {
          list.push(next);
          break;
        }
        this.expect(',', true);
        list.push(next);
      } catch (error) {
        if (!(error instanceof ShorthandSyntaxError) || this.atEof()) throw error;
        this.backtrackTo(',');
        break;
      }
    }
    return list.length === 1 ? first : list;
  }

  private value(): string {
    const consumed = this.consume(FIRST_VALUE);
    return consumed === undefined ? '' : consumed.replace(/\\,/g, ',').trimEnd();
  }

  private explicitList(): ShorthandValue[] {
    this.expect('[', true);
    const values: ShorthandValue[] = [];
    while (this.current() !== ']') {
      values.push(this.explicitValues());
      this.consumeWhitespace();
      if (this.current() !== ']') {
        this.expect(',');
        this.consumeWhitespace();
      }
    }
    this.expect(']');
    return values;
  }

  private explicitValues(): ShorthandValue {
    if (this.current() === '[') return this.explicitList();
    if (this.current() === '{') return this.hashLiteral();
    return this.firstValue();
  }

  private hashLiteral(): ShorthandObject {
    this.expect('{', true);
    const object: ShorthandObject = {};
    while (this.current() !== '}') {
      const start = this.index;
      const key = this.key();
      this.consumeWhitespace();
      if (this.current() === '@') {
        throw new ShorthandSyntaxError('`@=` file references are not supported in runbooks', this.index);
      }
      this.expect('=', true);
      const value = this.explicitValues();
      this.consumeWhitespace();
      if (this.current() !== '}') {
        this.expect(',');
        this.consumeWhitespace();
      }
      object[key] = value;
      this.offsetsOf(object).set(key, start);
    }
    this.expect('}');
    return object;
  }

  private firstValue(): string {
    if (this.current() === "'") return this.quoted(SINGLE_QUOTED, "'");
    if (this.current() === '"') return this.quoted(DOUBLE_QUOTED, '"');
    return this.value();
  }

  private secondValue(): string {
    if (this.current() === "'") return this.quoted(SINGLE_QUOTED, "'");
    if (this.current() === '"') return this.quoted(DOUBLE_QUOTED, '"');
    const consumed = this.mustConsume(SECOND_VALUE, 'second');
    return consumed.replace(/\\,/g, ',').trimEnd();
  }

  private quoted(regex: RegExp, quote: string): string {
    const raw = this.mustConsume(regex, quote === "'" ? 'singled quoted' : 'double quoted').slice(1, -1);
    return raw.split(`\\${quote}`).join(quote).split('\\\\').join('\\');
  }

  private expect(char: string, consumeWhitespace = false): void {
    if (consumeWhitespace) this.consumeWhitespace();
    if (this.atEof()) throw new ShorthandSyntaxError(`expected '${char}', received end of value`, this.index);
    const actual = this.input[this.index];
    if (actual !== char) throw new ShorthandSyntaxError(`expected '${char}', received '${actual}'`, this.index);
    this.index++;
    if (consumeWhitespace) this.consumeWhitespace();
  }

  private consume(regex: RegExp): string | undefined {
    regex.lastIndex = this.index;
    const match = regex.exec(this.input);
    if (!match) return undefined;
    this.index += match[0].length;
    return match[0];
  }

  private mustConsume(regex: RegExp, name: string): string {
    const consumed = this.consume(regex);
    if (consumed === undefined) throw new ShorthandSyntaxError(`expected <${name}> value`, this.index);
    return consumed;
  }

  private current(): string | undefined {
    return this.index < this.input.length ? this.input[this.index] : undefined;
  }

  private atEof(): boolean {
    return this.index >= this.input.length;
  }

  private backtrackTo(char: string): void {
    while (this.index >= 0 && this.input[this.index] !== char) this.index--;
  }

  private consumeWhitespace(): void {
    while (!this.atEof() && WHITESPACE.test(this.input[this.index])) this.index++;
  }
}
