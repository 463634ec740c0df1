import type { CelEnvironment } from './cel-runtime';

/**
 * What one evaluation of a CEL expression may do at run time. cel-js bounds an expression's
 * text (nodes, depth, list literals) but not what it computes: `cel.bind` doubling a list 30
 * times builds a billion elements and kills the process. docs/runbook-format.md lists these.
 */
export interface CelLimits {
  /** Work units: one per operation evaluated, plus one per list element or map entry and per 100 characters of each value built. */
  maxCost: number;
  /** Elements of any list, entries of any map, the expression builds. */
  maxListSize: number;
  /** Characters of any string (bytes of any bytes value) the expression builds. */
  maxStringLength: number;
}

export const CEL_LIMITS: Readonly<CelLimits> = Object.freeze({
  maxCost: 1_000_000,
  maxListSize: 100_000,
  maxStringLength: 1_000_000,
});

/** An evaluation stopped because it went over one of the `CelLimits`. */
export class CelLimitError extends Error {
  constructor(
    readonly limit: keyof CelLimits,
    readonly max: number,
  ) {
    super(LIMIT_MESSAGES[limit](max));
    this.name = 'CelLimitError';
  }
}

const LIMIT_MESSAGES: Record<keyof CelLimits, (max: number) => string> = {
  maxCost: (max) => `stopped after ${count(max)} units of work, the limit of one evaluation`,
  maxListSize: (max) => `stopped: it built a list or map of more than ${count(max)} elements, the limit`,
  maxStringLength: (max) => `stopped: it built a string of more than ${count(max)} characters, the limit`,
};

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * Nodes whose value is one the expression was given or already built: looking it up again costs
 * one unit, not its size (an accumulator grows in place: charging its size at each push would be
 * quadratic in the list a `map()` builds).
 */
const REFERENCES = new Set(['value', 'id', '.', '.?', '[]', '[?]', 'accuValue', 'accuInc', 'accuPush', '?:', '&&', '||']);

class Meter {
  private cost = 0;
  /** The first limit crossed; CEL's error-absorbing `||`, `&&` and macros must not hide it. */
  tripped?: CelLimitError;

  constructor(private readonly limits: CelLimits) {}

  charge(op: string, value: unknown): void {
    if (this.tripped) throw this.tripped;
    this.cost += 1;
    const size = REFERENCES.has(op) ? 0 : sizeOf(value);
    if (size) {
      if (typeof value === 'string' || value instanceof Uint8Array) {
        if (size > this.limits.maxStringLength) this.trip('maxStringLength');
        this.cost += Math.ceil(size / 100);
      } else {
        if (size > this.limits.maxListSize) this.trip('maxListSize');
        this.cost += size;
      }
    } else if (op === 'accuPush' && Array.isArray(value) && value.length > this.limits.maxListSize) {
      this.trip('maxListSize');
    }
    if (this.cost > this.limits.maxCost) this.trip('maxCost');
  }

  private trip(limit: keyof CelLimits): never {
    this.tripped = new CelLimitError(limit, this.limits[limit]);
    throw this.tripped;
  }
}

function sizeOf(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (value === null || typeof value !== 'object') return 0;
  if (Array.isArray(value) || value instanceof Uint8Array) return value.length;
  if (value instanceof Map || value instanceof Set) return value.size;
  return 0;
}

/** The meter of the evaluation under way; evaluation is synchronous, so one at a time. */
let current: Meter | undefined;

/** A compiled expression (cel-js `Environment.parse`): call it with a context; `ast` is its root. */
export interface CelProgram {
  (context: Record<string, unknown>): unknown;
  ast: { op: string };
}

/** Evaluates `program` within `limits`; throws `CelLimitError` when it goes over one. */
export function evaluateWithinLimits(program: CelProgram, context: Record<string, unknown>, limits: CelLimits = CEL_LIMITS): unknown {
  const previous = current;
  const meter = new Meter(limits);
  current = meter;
  try {
    const value = program(context);
    // The root is evaluated directly, not through `run`: charge it here.
    meter.charge(program.ast.op, value);
    return value;
  } catch (error) {
    throw meter.tripped ?? error;
  } finally {
    current = previous;
  }
}

interface Evaluator {
  run(node: { op: string }, ctx: unknown): unknown;
}

/**
 * Meters every evaluation in `env`. cel-js evaluates each node of an expression through its
 * evaluator's `run(node, ctx)` (operators, calls, macros, comprehensions alike); it hands that
 * evaluator to function handlers as `this`. A probe function captures it, and `run` is wrapped
 * on that one instance, so only this environment is metered. If a cel-js release changes this,
 * the self-test below throws when the environment is created rather than evaluate unmetered.
 */
export function meterEnvironment(env: CelEnvironment): void {
  let evaluator: Evaluator | undefined;
  const capture = (found: Evaluator) => (evaluator = found);
  env.registerFunction('__switchyard_evaluator(): bool', function (this: Evaluator) {
    capture(this);
    return true;
  });
  env.evaluate('__switchyard_evaluator()', {});
  if (!evaluator || typeof evaluator.run !== 'function') throw new Error('cannot meter CEL evaluation: cel-js changed its evaluator');
  const run = evaluator.run;
  evaluator.run = function (node, ctx) {
    const value = run.call(this, node, ctx);
    current?.charge(node.op, value);
    return value;
  };
  try {
    evaluateWithinLimits(env.parse('size([1, 2] + [3]) == 3'), {}, { ...CEL_LIMITS, maxListSize: 2 });
  } catch (error) {
    if (error instanceof CelLimitError) return;
  }
  throw new Error('cannot meter CEL evaluation: cel-js no longer evaluates through its evaluator’s run()');
}
