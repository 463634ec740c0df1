import { evaluateCel, evaluateCondition, renderTemplate } from '../../cel';
import { noDatapointsIn, type NoDatapointsError } from '../../live/no-datapoints';
import { observeAll, type Freshness } from '../../live/observe';
import type { Expectation, ObserveSource } from '../../runbook/model';
import { renderSources } from './render-sources';
import type { BlockExecutionContext } from './block-executor';

/**
 * Fetches a block's observe sources and returns the CEL scope extended with them: read no longer
 * than `maxAgeMs` ago (a poll's interval; 0, the default: read after this call).
 */
export async function observeScope(
  ctx: BlockExecutionContext,
  sources: Record<string, ObserveSource>,
  freshness: Freshness = { maxAgeMs: 0 },
): Promise<Record<string, unknown>> {
  const rendered = await ctx.evaluating(() => renderSources(sources, ctx.scope));
  const observed = await observeAll(ctx.aws, rendered, { sql: ctx.sql, signal: ctx.signal }, freshness);
  return { ...ctx.scope, ...observed };
}

export interface ExpectationResult {
  expectation: Expectation;
  holds: boolean;
  /** The operator-facing line: the guard's message and expression, and why it failed. */
  text: string;
  /** Set when the guard failed because a metric it reads has no datapoints. */
  noData?: NoDatapointsError;
}

/**
 * Evaluates each expectation; an expression that cannot be evaluated counts as not holding, and so
 * does one that reads a metric with no datapoints (nothing measured proves nothing).
 */
export function evaluateExpectations(expectations: Expectation[], scope: Record<string, unknown>): ExpectationResult[] {
  return expectations.map((expectation) => {
    // The expression is named once: after its message when it has one, else on its own.
    const label = expectation.message ? renderTemplate(expectation.message, scope) : expectation.that;
    const named = (tail = '') => (expectation.message ? `${label} (${expectation.that}${tail})` : `${expectation.that}${tail}`);
    const noData = noDatapointsIn(expectation.that, scope);
    if (noData) return { expectation, holds: false, text: `guard failed: ${named()}: ${noData.message}`, noData };
    try {
      const holds = evaluateCondition(expectation.that, scope);
      return {
        expectation,
        holds,
        text: holds ? `guard ok: ${expectation.that}` : `guard failed: ${named()}${verdictsOf(expectation.that, label, scope)}`,
      };
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return { expectation, holds: false, text: `guard failed: ${named(`: ${why}`)}` };
    }
  });
}

/**
 * The messages of failing data guards (live objects with `ok` and `message`, e.g. a checksum) the
 * expression reads, so `sums.equal` failing says which table and key range differ.
 */
function verdictsOf(expr: string, label: string, scope: Record<string, unknown>): string {
  const names = new Set(expr.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []);
  const messages = [...names]
    .map((name) => scope[name])
    .filter((v): v is { ok: false; message: string } => isFailedVerdict(v))
    .map((v) => v.message)
    .filter((m) => !label.includes(m));
  return messages.length ? ` — ${messages.join('; ')}` : '';
}

function isFailedVerdict(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; message?: unknown };
  return v.ok === false && typeof v.message === 'string';
}

/** Evaluates a block's `output:` map; an expression that fails yields its error text, not a crash. */
export function evaluateOutputs(outputs: Record<string, string>, scope: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(outputs).map(([name, expr]) => {
      try {
        return [name, evaluateCel(expr, scope)];
      } catch (error) {
        return [name, { error: error instanceof Error ? error.message : String(error) }];
      }
    }),
  );
}
