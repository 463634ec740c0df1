/**
 * Splits one AWS CLI command line into words the way a POSIX shell would (quotes, backslash
 * escapes, backslash-newline continuations, `#` comments), keeping the source offset of every
 * character so errors can point at file:line:col. `{{ expr }}` templates are kept whole, spaces
 * included, so that a rendered value is always exactly one word.
 *
 * Shell features that would make the line mean something else in a terminal (`$VAR`, `$(…)`,
 * backquotes, pipes, redirections, `;`, `&&`) are errors: the line is never run by a shell.
 */

export interface CliToken {
  /** The word after quote removal. */
  text: string;
  /** Source offset of every character of `text`. */
  offsets: number[];
  /** Offset of the word's first source character. */
  start: number;
}

export interface CliSyntaxError {
  offset: number;
  code: 'unterminated-quote' | 'unclosed-template' | 'shell-syntax' | 'multiple-commands';
  message: string;
  hint?: string;
}

const SHELL_OPERATORS = new Set(['|', '&', ';', '<', '>', '(', ')', '$', '`']);
const DOUBLE_QUOTE_ESCAPABLE = new Set(['$', '`', '"', '\\']);

class TokenBuilder {
  readonly text: string[] = [];
  readonly offsets: number[] = [];
  constructor(readonly start: number) {}
  push(char: string, offset: number): void {
    this.text.push(char);
    this.offsets.push(offset);
  }
  build(): CliToken {
    return { text: this.text.join(''), offsets: this.offsets, start: this.start };
  }
}

export function tokenizeCli(source: string): { tokens: CliToken[]; errors: CliSyntaxError[] } {
  const tokens: CliToken[] = [];
  const errors: CliSyntaxError[] = [];
  let current: TokenBuilder | undefined;
  let commandEnded = false;
  const finish = (): void => {
    if (current) tokens.push(current.build());
    current = undefined;
  };
  const word = (offset: number): TokenBuilder => (current ??= new TokenBuilder(offset));

  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === '\\' && (source[i + 1] === '\n' || (source[i + 1] === '\r' && source[i + 2] === '\n'))) {
      i += source[i + 1] === '\n' ? 2 : 3;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      finish();
      i++;
      continue;
    }
    if (c === '\n') {
      finish();
      if (tokens.length > 0) commandEnded = true;
      i++;
      continue;
    }
    if (!current && c === '#') {
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    }
    if (!current && commandEnded) {
      errors.push({
        offset: i,
        code: 'multiple-commands',
        message: 'an aws block holds exactly one command, but a second line starts here',
        hint: 'end a line with `\\` to continue the command, or put the second command in its own block',
      });
      break;
    }
    if (c === "'") {
      const close = source.indexOf("'", i + 1);
      const token = word(i);
      if (close < 0) {
        errors.push({ offset: i, code: 'unterminated-quote', message: 'unterminated single quote', hint: "close the quote with '" });
        break;
      }
      for (let j = i + 1; j < close; j++) token.push(source[j], j);
      i = close + 1;
      continue;
    }
    if (c === '"') {
      const token = word(i);
      let j = i + 1;
      for (; j < source.length && source[j] !== '"'; j++) {
        const d = source[j];
        if (d === '\\' && source[j + 1] === '\n') {
          j++;
        } else if (d === '\\' && DOUBLE_QUOTE_ESCAPABLE.has(source[j + 1])) {
          token.push(source[j + 1], j + 1);
          j++;
        } else if (d === '$' || d === '`') {
          errors.push(shellSyntax(j, d));
          token.push(d, j);
        } else {
          token.push(d, j);
        }
      }
      if (j >= source.length) {
        errors.push({ offset: i, code: 'unterminated-quote', message: 'unterminated double quote', hint: 'close the quote with "' });
        break;
      }
      i = j + 1;
      continue;
    }
    if (c === '{' && source[i + 1] === '{') {
      const close = source.indexOf('}}', i + 2);
      const token = word(i);
      if (close < 0) {
        errors.push({ offset: i, code: 'unclosed-template', message: 'template `{{` is never closed', hint: 'close it with `}}`' });
        break;
      }
      for (let j = i; j < close + 2; j++) token.push(source[j], j);
      i = close + 2;
      continue;
    }
    if (c === '\\') {
      const token = word(i);
      if (i + 1 < source.length) token.push(source[i + 1], i + 1);
      i += 2;
      continue;
    }
    if (SHELL_OPERATORS.has(c)) errors.push(shellSyntax(i, c));
    word(i).push(c, i);
    i++;
  }
  finish();
  return { tokens, errors };
}

function shellSyntax(offset: number, char: string): CliSyntaxError {
  return {
    offset,
    code: 'shell-syntax',
    message: `\`${char}\` is shell syntax, but aws blocks are not run by a shell`,
    hint:
      char === '$' || char === '`'
        ? 'use a `{{ param }}` template instead of shell variables, or quote the character with single quotes'
        : 'one aws command per block; quote the character if it is part of a value',
  };
}
