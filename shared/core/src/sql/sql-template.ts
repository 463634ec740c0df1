import { cel, type CelAstNode } from '../cel/cel-runtime';
import { findTemplateSpans, type TemplateSpan } from '../cel/templates';

/**
 * What each `{{ }}` of a SQL query becomes. Nothing rendered is ever pasted into the query text:
 * - a **value** becomes a bound parameter (`$1`, `$2`, …), also when it is a whole string literal
 *   (`'{{ x }}'` is `$1`: both are untyped until PostgreSQL infers the type from where they stand);
 * - `{{ ident(x) }}` is an **identifier**: the value, quoted as one PostgreSQL identifier;
 * - `{{ literal(x) }}` is a **string literal** quoted into the text, for where PostgreSQL takes
 *   no bound parameter (the options of DDL such as `create subscription … with (slot_name = …)`);
 * - `{{ conninfo("name") }}` is the libpq connection string of a connection configured on the host,
 *   as a string literal (`create subscription … connection {{ conninfo("green") }}`); its password
 *   is sent but never shown (`BoundSql.display`);
 * - a query that is one template, `{{ q }}`, takes its **whole text** from a param of `type: sql`
 *   (checked against the param's type at validation).
 * Templates where neither can stand — inside a string, a quoted identifier, a comment, glued to
 * other text, or where a table, column or type name goes — are refused at validation.
 */
export type SqlTemplateUse =
  | { kind: 'value'; span: TemplateSpan; start: number; end: number }
  | { kind: 'identifier'; span: TemplateSpan; start: number; end: number; name: string }
  | { kind: 'literal'; span: TemplateSpan; start: number; end: number; value: string }
  | { kind: 'conninfo'; span: TemplateSpan; start: number; end: number; connection: string }
  | { kind: 'query'; span: TemplateSpan; start: number; end: number; param: string };

export type SqlTemplateProblemCode =
  | 'sql-template-in-string'
  | 'sql-template-in-identifier'
  | 'sql-template-in-comment'
  | 'sql-template-not-a-value'
  | 'sql-template-glued'
  | 'sql-whole-query'
  | 'sql-positional-parameter';

export interface SqlTemplateProblem {
  /** Offset in the query (of the `{{`, or of the `$n`). */
  offset: number;
  code: SqlTemplateProblemCode;
  message: string;
  hint: string;
}

export interface SqlTemplates {
  uses: SqlTemplateUse[];
  problems: SqlTemplateProblem[];
}

type State =
  | { type: 'code' }
  | { type: 'string'; start: number; backslashes: boolean }
  | { type: 'quoted-identifier' }
  | { type: 'dollar'; tag: string }
  | { type: 'line-comment' }
  | { type: 'block-comment'; depth: number };

/** Words after which a name goes, not a value (`from {{ t }}`, `order by {{ c }}`, `as {{ type }}`). */
const NAME_BEFORE = new Set([
  'from',
  'join',
  'update',
  'into',
  'table',
  'only',
  'as',
  'by',
  'index',
  'schema',
  'sequence',
  'view',
  'function',
  'truncate',
  'analyze',
  'vacuum',
  'lock',
  'references',
  'using',
  'set',
]);
/** Type names of typed literals (`interval '5 minutes'`): a bound value goes there as a cast, `{{ x }}::interval`. */
const TYPED_LITERAL = new Set(['interval', 'date', 'time', 'timestamp', 'timestamptz']);
const PARAM_REF = /^(?:params\.)?([A-Za-z_][A-Za-z0-9_]*)$/;
const IDENT_HINT =
  'a table, column or type name goes through identifier quoting: `{{ ident(x) }}` (for `schema.table`, `{{ ident(s) }}.{{ ident(t) }}`)';

export function analyzeSqlTemplate(text: string): SqlTemplates {
  const spans = new Map(findTemplateSpans(text).map((s) => [s.start, s]));
  const uses: SqlTemplateUse[] = [];
  const problems: SqlTemplateProblem[] = [];
  const problem = (offset: number, code: SqlTemplateProblemCode, message: string, hint: string) =>
    problems.push({ offset, code, message, hint });
  const whole = wholeQueryTemplate(text, spans);
  if (whole) {
    const param = PARAM_REF.exec(whole.expr)?.[1];
    if (param) return { uses: [{ kind: 'query', span: whole, start: whole.start, end: whole.end, param }], problems };
    problem(
      whole.start,
      'sql-whole-query',
      `\`{{ ${whole.expr} }}\` would be the whole query`,
      'a whole query comes only from a param declared `type: sql`: `query: "{{ my_query }}"`',
    );
    return { uses, problems };
  }
  let state: State = { type: 'code' };
  let i = 0;
  while (i < text.length) {
    const span = spans.get(i);
    if (span) {
      if (state.type === 'code') uses.push(...codeTemplate(text, span, problem));
      else if (state.type === 'string' && isWholeLiteral(text, span, state)) {
        uses.push({ kind: 'value', span, start: state.start, end: span.end + 1 });
        state = { type: 'code' };
        i = span.end + 1;
        continue;
      } else if (state.type === 'string' || state.type === 'dollar')
        problem(
          span.start,
          'sql-template-in-string',
          `\`{{ ${span.expr} }}\` is inside a quoted SQL string, where a value cannot be bound`,
          `make the whole string the template, computed in CEL: \`{{ "prefix-" + ${span.expr} }}\`; a quoted value on its own (\`'{{ ${span.expr} }}'\`) is fine`,
        );
      else if (state.type === 'quoted-identifier')
        problem(
          span.start,
          'sql-template-in-identifier',
          `\`{{ ${span.expr} }}\` is inside a quoted identifier`,
          `write \`{{ ident(${span.expr}) }}\` without the double quotes`,
        );
      else problem(span.start, 'sql-template-in-comment', `\`{{ ${span.expr} }}\` is inside a SQL comment`, 'remove it from the comment');
      i = span.end;
      continue;
    }
    const c = text[i];
    const next = text[i + 1];
    switch (state.type) {
      case 'code': {
        if (c === "'") {
          const prefix = /[eE]$/.test(text.slice(0, i)) && !/[A-Za-z0-9_$]$/.test(text.slice(0, i - 1));
          state = { type: 'string', start: i, backslashes: prefix };
        } else if (c === '"') state = { type: 'quoted-identifier' };
        else if (c === '-' && next === '-') state = { type: 'line-comment' };
        else if (c === '/' && next === '*') {
          state = { type: 'block-comment', depth: 1 };
          i++;
        } else if (c === '$') {
          const dollar = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i));
          const positional = /^\$\d+/.exec(text.slice(i));
          if (dollar && !/[A-Za-z0-9_]$/.test(text.slice(0, i))) {
            state = { type: 'dollar', tag: dollar[0] };
            i += dollar[0].length;
            continue;
          }
          if (positional && !/[A-Za-z0-9_]$/.test(text.slice(0, i)))
            problem(
              i,
              'sql-positional-parameter',
              `\`${positional[0]}\` in a runbook query`,
              'bound parameters are numbered by Switchyard from the templates: write `{{ x }}` where the value goes',
            );
        }
        break;
      }
      case 'string':
        if (c === '\\' && state.backslashes) i++;
        else if (c === "'" && next === "'") i++;
        else if (c === "'") state = { type: 'code' };
        break;
      case 'quoted-identifier':
        if (c === '"' && next === '"') i++;
        else if (c === '"') state = { type: 'code' };
        break;
      case 'dollar':
        if (text.startsWith(state.tag, i)) {
          i += state.tag.length;
          state = { type: 'code' };
          continue;
        }
        break;
      case 'line-comment':
        if (c === '\n') state = { type: 'code' };
        break;
      case 'block-comment':
        if (c === '/' && next === '*') {
          state.depth++;
          i++;
        } else if (c === '*' && next === '/') {
          i++;
          if (--state.depth === 0) state = { type: 'code' };
        }
        break;
    }
    i++;
  }
  return { uses, problems };
}

/** The functions that quote their argument into the query text instead of binding it. */
export const QUOTING_FUNCTIONS = ['ident', 'literal', 'conninfo'] as const;
export type QuotingFunction = (typeof QUOTING_FUNCTIONS)[number];

/** `ident(<expr>)`, `literal(<expr>)` or `conninfo(<expr>)` when the template is exactly that call: the function and its argument. */
export function quotingCall(expr: string): { fn: QuotingFunction; arg: string } | undefined {
  let ast: CelAstNode;
  try {
    ast = cel.parse(expr).ast;
  } catch {
    return undefined;
  }
  if (ast.op !== 'call') return undefined;
  const [name, args] = ast.args as [string, CelAstNode[]];
  if (!(QUOTING_FUNCTIONS as readonly string[]).includes(name) || args.length !== 1) return undefined;
  return { fn: name as QuotingFunction, arg: expr.slice(args[0].start, args[0].end) };
}

/** The argument of `ident(<expr>)` when the template is exactly that call. */
export function identArgument(expr: string): string | undefined {
  const call = quotingCall(expr);
  return call?.fn === 'ident' ? call.arg : undefined;
}

/** The query is one template and nothing else (but a trailing `;`). */
function wholeQueryTemplate(text: string, spans: Map<number, TemplateSpan>): TemplateSpan | undefined {
  const start = text.length - text.trimStart().length;
  const span = spans.get(start);
  if (!span) return undefined;
  return /^\s*;?\s*$/.test(text.slice(span.end)) ? span : undefined;
}

/** `'{{ x }}'`: a plain literal holding only the template. */
function isWholeLiteral(text: string, span: TemplateSpan, state: Extract<State, { type: 'string' }>): boolean {
  return !state.backslashes && state.start === span.start - 1 && text[span.end] === "'" && text[span.end + 1] !== "'";
}

function codeTemplate(
  text: string,
  span: TemplateSpan,
  problem: (offset: number, code: SqlTemplateProblemCode, message: string, hint: string) => void,
): SqlTemplateUse[] {
  const before = text.slice(0, span.start);
  const after = text.slice(span.end);
  const call = quotingCall(span.expr);
  // An identifier may stand in a qualified name (`{{ ident(s) }}.{{ ident(t) }}`); literals and values may not.
  const name = call?.fn === 'ident' ? call.arg : undefined;
  const gluedBefore = name === undefined ? /[A-Za-z0-9_$"'.]$/ : /[A-Za-z0-9_$"']$/;
  const gluedAfter = name === undefined ? /^[A-Za-z0-9_"'.]/ : /^[A-Za-z0-9_"']/;
  if (gluedBefore.test(before) || gluedAfter.test(after)) {
    const dotted = /\.$/.test(before) || /^\./.test(after);
    problem(
      span.start,
      dotted ? 'sql-template-not-a-value' : 'sql-template-glued',
      dotted
        ? `\`{{ ${span.expr} }}\` is part of a qualified name, where a value cannot be bound`
        : `\`{{ ${span.expr} }}\` is glued to the text around it`,
      dotted ? IDENT_HINT : 'a template stands alone as one value; compute the whole value in CEL: `{{ "a-" + x }}`',
    );
    return [];
  }
  if (name !== undefined) return [{ kind: 'identifier', span, start: span.start, end: span.end, name }];
  if (call?.fn === 'literal') return [{ kind: 'literal', span, start: span.start, end: span.end, value: call.arg }];
  if (call?.fn === 'conninfo') return [{ kind: 'conninfo', span, start: span.start, end: span.end, connection: call.arg }];
  const word = /([A-Za-z_]+)\s*$/.exec(before)?.[1]?.toLowerCase();
  if (word && TYPED_LITERAL.has(word)) {
    problem(
      span.start,
      'sql-template-not-a-value',
      `\`${word} {{ ${span.expr} }}\` is a typed literal, which cannot take a bound value`,
      `cast the value instead: \`{{ ${span.expr} }}::${word}\``,
    );
    return [];
  }
  if ((word && NAME_BEFORE.has(word)) || /^\s*[.(]/.test(after)) {
    problem(
      span.start,
      'sql-template-not-a-value',
      `\`{{ ${span.expr} }}\` stands where a name goes${word && NAME_BEFORE.has(word) ? ` (after \`${word}\`)` : ''}, and a name cannot be a bound value`,
      IDENT_HINT,
    );
    return [];
  }
  return [{ kind: 'value', span, start: span.start, end: span.end }];
}
