import { evaluateCel, stringifyTemplateValue } from '../cel';
import { quoteIdent } from './quote-ident';
import { analyzeSqlTemplate, type SqlTemplateProblem } from './sql-template';

/** A query ready for the extended protocol: its text holds no rendered value, `values` are `$1`, `$2`, …. */
export interface BoundSql {
  text: string;
  values: Array<string | null>;
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
 * the text, and a `type: sql` param that is the whole query is the text.
 */
export function bindSql(query: string, scope: Record<string, unknown>): BoundSql {
  const { uses, problems } = analyzeSqlTemplate(query);
  if (problems.length) throw new SqlTemplateError(problems[0]);
  const values: Array<string | null> = [];
  let text = '';
  let from = 0;
  for (const use of uses) {
    text += query.slice(from, use.start);
    from = use.end;
    if (use.kind === 'value') {
      const value = evaluateCel(use.span.expr, scope);
      values.push(value === null ? null : stringifyTemplateValue(value));
      text += `$${values.length}`;
    } else if (use.kind === 'identifier') {
      const name = evaluateCel(use.name, scope);
      if (typeof name !== 'string' || name === '') throw new SqlValueError(use.name, 'a non-empty string to quote as an identifier', name);
      text += quoteIdent(name);
    } else {
      const whole = evaluateCel(use.span.expr, scope);
      if (typeof whole !== 'string' || whole.trim() === '') throw new SqlValueError(use.span.expr, 'SQL text', whole);
      text += whole;
    }
  }
  return { text: text + query.slice(from), values };
}
