import { suggestion } from '../runbook/closest-match';
import type { Runbook } from '../runbook/model';
import { cel, createCelEnvironment, type CelEnvironment } from './cel-runtime';

/** Variables every runbook expression sees, besides each param by name. */
export const RUNBOOK_VARIABLES = ['params', 'steps', 'run'] as const;

export interface CelCompileError {
  code: 'cel-syntax' | 'cel-unknown-variable' | 'cel-type';
  message: string;
  /** Offset of the problem within the expression. */
  offset: number;
  /** The unknown variable, for `cel-unknown-variable`. */
  variable?: string;
  hint?: string;
}

export type CelCheck = { ok: true } | { ok: false; error: CelCompileError };

export interface CelScope {
  readonly variables: readonly string[];
  /** Compiles and type-checks an expression: syntax errors, unknown variables, impossible operations. */
  check(expr: string): CelCheck;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
let base: CelEnvironment | undefined;
const scopes = new Map<string, CelScope>();

/**
 * The checker for expressions in one block of a runbook: each param by name, `params`, `steps`,
 * `run`, plus the block's own names (its observe names, `rows` for sql). Live objects and
 * outputs are dynamic: only the existence of the top-level variable is checked.
 */
export function celScopeFor(runbook: Pick<Runbook, 'params'>, extraVariables: readonly string[] = []): CelScope {
  return celScope([...runbook.params.map((p) => p.name), ...RUNBOOK_VARIABLES, ...extraVariables]);
}

export function celScope(names: readonly string[]): CelScope {
  const variables = [...new Set(names.filter((n) => IDENTIFIER.test(n)))].sort();
  const key = variables.join(',');
  let scope = scopes.get(key);
  if (!scope) {
    base ??= createCelEnvironment({ unlistedVariablesAreDyn: false });
    const env = base.clone();
    for (const name of variables) env.registerVariable(name, (RUNBOOK_VARIABLES as readonly string[]).includes(name) ? 'map' : 'dyn');
    scope = { variables, check: (expr) => check(env, variables, expr) };
    scopes.set(key, scope);
  }
  return scope;
}

function check(env: CelEnvironment, variables: readonly string[], expr: string): CelCheck {
  let result: ReturnType<CelEnvironment['check']>;
  try {
    result = env.check(expr);
  } catch (error) {
    return { ok: false, error: toCompileError(error, variables) };
  }
  return result.valid || !result.error ? { ok: true } : { ok: false, error: toCompileError(result.error, variables) };
}

function toCompileError(error: unknown, variables: readonly string[]): CelCompileError {
  if (error instanceof cel.ParseError) {
    return { code: 'cel-syntax', message: `CEL syntax error: ${error.summary}`, offset: error.range?.start ?? 0 };
  }
  if (error instanceof cel.TypeError || error instanceof cel.EvaluationError) {
    const unknown = /^Unknown variable: (\S+)/.exec(error.summary);
    if (unknown) {
      return {
        code: 'cel-unknown-variable',
        message: `unknown variable \`${unknown[1]}\``,
        offset: error.range?.start ?? 0,
        variable: unknown[1],
        hint: `${suggestion(unknown[1], variables, 'a variable in scope:')} Params are declared under \`params:\` in the front matter.`,
      };
    }
    return { code: 'cel-type', message: `CEL type error: ${error.summary}`, offset: error.range?.start ?? 0 };
  }
  return { code: 'cel-syntax', message: `CEL error: ${error instanceof Error ? error.message : String(error)}`, offset: 0 };
}
