import { cel, createCelEnvironment, type CelEnvironment } from './cel-runtime';
import { CelLimitError, evaluateWithinLimits, meterEnvironment, type CelLimits } from './budget';
import { describeCelValue, fromCelValue } from './cel-values';

/** A CEL expression that failed at run time, or did not yield what the caller needed. */
export class CelEvaluationError extends Error {
  constructor(
    readonly expr: string,
    /** cel-js error code (`no_such_key`, `unknown_variable`, …), `not-a-bool`, or `cel-limit` (over `CEL_LIMITS`). */
    readonly code: string,
    readonly summary: string,
  ) {
    super(`\`${expr}\`: ${summary}`);
    this.name = 'CelEvaluationError';
  }
}

// Validation has already checked every variable against the runbook's scope; at run time the
// context carries exactly those, so the evaluator accepts whatever the context holds.
let environment: CelEnvironment | undefined;
const compiled = new Map<string, ReturnType<CelEnvironment['parse']>>();
const MAX_COMPILED = 1000;

function compile(expr: string): ReturnType<CelEnvironment['parse']> {
  environment ??= meteredEnvironment();
  let program = compiled.get(expr);
  if (!program) {
    program = environment.parse(expr);
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(expr, program);
  }
  return program;
}

function meteredEnvironment(): CelEnvironment {
  const env = createCelEnvironment({ unlistedVariablesAreDyn: true });
  meterEnvironment(env);
  return env;
}

/** Evaluates a CEL expression over a JSON-like context, within `CEL_LIMITS`; the result is plain JSON-like data. */
export function evaluateCel(expr: string, context: Record<string, unknown>, limits?: CelLimits): unknown {
  try {
    return fromCelValue(evaluateWithinLimits(compile(expr), context, limits));
  } catch (error) {
    throw toEvaluationError(expr, error);
  }
}

/** Evaluates a condition, within `CEL_LIMITS`; anything but a bool is an error, never silently false. */
export function evaluateCondition(expr: string, context: Record<string, unknown>, limits?: CelLimits): boolean {
  let value: unknown;
  try {
    value = evaluateWithinLimits(compile(expr), context, limits);
  } catch (error) {
    throw toEvaluationError(expr, error);
  }
  if (typeof value !== 'boolean') {
    throw new CelEvaluationError(expr, 'not-a-bool', `a condition must be true or false, but this gave ${describeCelValue(value)}`);
  }
  return value;
}

function toEvaluationError(expr: string, error: unknown): CelEvaluationError {
  if (error instanceof CelEvaluationError) return error;
  if (error instanceof CelLimitError) {
    return new CelEvaluationError(expr, 'cel-limit', `${error.message} (CEL limits in docs/runbook-format.md); simplify the expression`);
  }
  if (error instanceof cel.EvaluationError || error instanceof cel.ParseError || error instanceof cel.TypeError) {
    return new CelEvaluationError(expr, error.code, error.summary);
  }
  return new CelEvaluationError(expr, 'error', error instanceof Error ? error.message : String(error));
}
