import { evaluateCel, stringifyTemplateValue } from '../../cel';
import { analyzeShellTemplates, rewriteShellScript } from './shell-templates';

/** The script bash runs and the variables that carry the block's values into it. */
export interface PreparedScript {
  /** The script with each template replaced by its variable reference. */
  script: string;
  /** `SWITCHYARD_T<n>` (each template's value) and `SWITCHYARD_PARAM_<NAME>` (each param). */
  env: Record<string, string>;
}

/** A template whose value cannot go where it stands; the step fails before the script starts. */
export class ShellValueError extends Error {
  constructor(
    readonly expr: string,
    readonly value: string,
    readonly reason: string,
  ) {
    super(`\`{{ ${expr} }}\` ${reason}, but its value is ${JSON.stringify(value)}; the script was not started`);
    this.name = 'ShellValueError';
  }
}

const WHOLE_NUMBER = /^[+-]?\d+$/;

/**
 * Renders an sh block's templates into environment variables (never into the script text) and
 * its params into `SWITCHYARD_PARAM_<NAME>`. Throws `CelEvaluationError` when a template cannot be
 * evaluated, `ShellValueError` when a value in bash arithmetic is not a whole number.
 */
export function prepareShellScript(source: string, scope: Record<string, unknown>): PreparedScript {
  const { templates } = analyzeShellTemplates(source);
  const env: Record<string, string> = {};
  const params = (scope.params ?? {}) as Record<string, unknown>;
  for (const [name, value] of Object.entries(params)) env[`SWITCHYARD_PARAM_${name.toUpperCase()}`] = stringifyTemplateValue(value);
  for (const t of templates) {
    const value = stringifyTemplateValue(evaluateCel(t.span.expr, scope));
    if (t.numeric && !WHOLE_NUMBER.test(value))
      throw new ShellValueError(
        t.span.expr,
        value,
        'is used in bash arithmetic, where a value can run commands, so it must be a whole number',
      );
    env[t.variable] = value;
  }
  return { script: rewriteShellScript(source, templates), env };
}
