import { CEL_LIMITS } from './budget';
import { CelEvaluationError, evaluateCel, evaluateCondition } from './evaluate';
import { renderTemplate } from './templates';

/** `cel.bind(x, <seed>, cel.bind(x, x + x, …))`: the seed doubled `times` times. */
function doubled(seed: string, times: number, body: string): string {
  let expr = body;
  for (let i = 0; i < times; i++) expr = `cel.bind(x, x + x, ${expr})`;
  return `cel.bind(x, ${seed}, ${expr})`;
}

function failure(evaluate: () => unknown): CelEvaluationError {
  try {
    evaluate();
  } catch (error) {
    if (error instanceof CelEvaluationError) return error;
    throw error;
  }
  throw new Error('the evaluation did not fail');
}

describe('CEL evaluation limits: a hostile expression fails with an error, never takes the process down', () => {
  it('a list doubled 30 times (a billion elements) stops at 100,000 elements', () => {
    const error = failure(() => evaluateCel(doubled('[1]', 30, 'size(x)'), {}));
    expect(error.code).toBe('cel-limit');
    expect(error.summary).toBe(
      'stopped: it built a list or map of more than 100,000 elements, the limit (CEL limits in docs/runbook-format.md); simplify the expression',
    );
  });

  it('a string doubled 30 times stops at 1,000,000 characters', () => {
    expect(failure(() => evaluateCondition(doubled('"0123456789"', 30, 'size(x) > 0'), {})).summary).toMatch(
      /^stopped: it built a string of more than 1,000,000 characters/,
    );
  });

  it('nested loops that build nothing big stop after 1,000,000 units of work', () => {
    const ten = `[${Array.from({ length: 10 }, (_, i) => i).join(', ')}]`;
    const loops = `${ten}.all(a, ${ten}.all(b, ${ten}.all(c, ${ten}.all(d, ${ten}.all(e, ${ten}.all(f, a + b + c + d + e + f >= 0))))))`;
    expect(failure(() => evaluateCondition(loops, {})).summary).toMatch(/^stopped after 1,000,000 units of work/);
  });

  it('a list built element by element in a map() is stopped as it grows; real expressions over large live data are not', () => {
    const big = Array.from({ length: 150_000 }, (_, i) => i);
    expect(failure(() => evaluateCel('xs.map(x, x * 2)', { xs: big })).summary).toMatch(/more than 100,000 elements/);
    // Each evaluation has its own budget, and reading a large given value is not building it.
    const rows = Array.from({ length: 50_000 }, (_, i) => ({ n: i, table: `t${i % 7}` }));
    for (let i = 0; i < 5; i++) expect(evaluateCondition('rows.all(r, r.n >= 0) && size(rows) == 50000', { rows })).toBe(true);
    expect(evaluateCel('rows.filter(r, r.table == "t3").size()', { rows })).toBe(7143);
    expect((evaluateCel('xs', { xs: big }) as number[]).length).toBe(150_000);
    expect(evaluateCel(doubled('[1]', 16, 'size(x)'), {})).toBe(65_536);
  });

  it('CEL error absorption (`… || true`, exists) does not hide a limit', () => {
    expect(failure(() => evaluateCondition(`${doubled('[1]', 30, 'size(x) > 0')} || true`, {})).code).toBe('cel-limit');
    expect(failure(() => evaluateCondition(`[1, 2].exists(i, ${doubled('[i]', 30, 'size(x) > 0')}) || true`, {})).code).toBe('cel-limit');
  });

  it('applies to templates too', () => {
    expect(failure(() => renderTemplate(`{{ ${doubled('"ab"', 25, 'x')} }}`, {})).code).toBe('cel-limit');
  });

  it('a caller may lower the limits', () => {
    expect(failure(() => evaluateCel('[1, 2, 3]', {}, { ...CEL_LIMITS, maxListSize: 2 })).code).toBe('cel-limit');
  });
});
