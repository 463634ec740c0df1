import { evaluateCel, stringifyTemplateValue } from '../cel';
import type { Conninfo } from './conninfo';
import { quoteLiteral } from './quote-literal';
import { quoteIdent } from './quote-ident';
import { analyzeSqlTemplate, type SqlTemplateProblem } from './sql-template';

/** A query ready for the extended protocol: its text holds no rendered value, `values` are `$1`, `$2`, …. */
export interface BoundSql {
  text: string;
  values: Array<string | null>;
  /** `text` as logs and previews show it: a `conninfo()` password replaced. */
  display: string;
}

/** Resolves `conninfo("name")` (the SQL gateway knows the host's connections). */
export type ConninfoLookup = (connection: string) => Conninfo;

/** A query that uses `conninfo()` where no connections are configured. */
export class ConninfoUnavailableError extends Error {
  constructor(readonly connection: string) {
    super(`\`conninfo(${JSON.stringify(connection)})\` needs the host's connections, and none are configured here`);
    this.name = 'ConninfoUnavailableError';
  }
}

/** A query whose templates cannot be bound (validation refuses these; a run never gets here from a valid runbook). */
export class SqlTemplateError extends Error {
  constructor(readonly problem: SqlTemplateProblem) {
    super(`${problem.message} (hint: ${problem.hint})`);
    this.name = 'SqlTemplateError';
  }
}

/** A value that cannot be what its template says (an `ident()` or a whole query that is not a string). */
export class SqlValueError extends Error {
  constructor(
    readonly expr: string,
    readonly expected: string,
    readonly value: unknown,
  ) {
    super(`\`{{ ${expr} }}\` must be ${expected}, but it is ${JSON.stringify(value)}`);
    this.name = 'SqlValueError';
  }
}

/**
 * Turns a runbook query's templates into bound parameters (`sql-template.ts`): values go to
 * `values` (`null` stays SQL NULL; lists and maps as JSON text), `ident()` names are quoted into
 * the text, `literal()` values are quoted into the text as string literals, `conninfo()` is the
 * named connection's libpq string as a literal (its password only in `text`, never in `display`),
 * and a `type: sql` param that is the whole query is the text.
 */
export function bindSql(query: string, scope: Record<string, unknown>, conninfo?: ConninfoLookup): BoundSql {
  const { uses, problems } = analyzeSqlTemplate(query);
  if (problems.length) throw new SqlTemplateError(problems[0]);
  const values: Array<string | null> = [];
  let text = '';
  let display = '';
  let from = 0;
  for (const use of uses) {
    const between = query.slice(from, use.start);
    text += between;
    display += between;
    from = use.end;
    const before = text.length;
    if (use.kind === 'value') {
      const value = evaluateCel(use.span.expr, scope);
      values.push(value === null ? null : stringifyTemplateValue(value));
      text += `$${values.length}`;
    } else if (use.kind === 'identifier') {
      const name = evaluateCel(use.name, scope);
      if (typeof name !== 'string' || name === '') throw new SqlValueError(use.name, 'a non-empty string to quote as an identifier', name);
      text += quoteIdent(name);
    } else if (use.kind === 'literal') {
      const value = evaluateCel(use.value, scope);
      if (typeof value !== 'string') throw new SqlValueError(use.value, 'a string to quote as an SQL literal', value);
      text += quoteLiteral(value);
    } else if (use.kind === 'conninfo') {
      const name = evaluateCel(use.connection, scope);
      if (typeof name !== 'string' || name === '') throw new SqlValueError(use.connection, 'the name of a configured connection', name);
      if (!conninfo) throw new ConninfoUnavailableError(name);
      const rendered = conninfo(name);
      text += quoteLiteral(rendered.text);
      display += quoteLiteral(rendered.display);
      continue;
    } else {
      const whole = evaluateCel(use.span.expr, scope);
      if (typeof whole !== 'string' || whole.trim() === '') throw new SqlValueError(use.span.expr, 'SQL text', whole);
      text += whole;
    }
    display += text.slice(before);
  }
  const rest = query.slice(from);
  return { text: text + rest, values, display: display + rest };
}
