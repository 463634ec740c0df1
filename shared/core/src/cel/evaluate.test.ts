import { CelEvaluationError, evaluateCel, evaluateCondition } from './evaluate';

describe('evaluateCel / evaluateCondition', () => {
  it('compares JSON numbers (doubles) with int literals either way', () => {
    expect(evaluateCondition('lag.max < 1000', { lag: { max: 12.5 } })).toBe(true);
    expect(evaluateCondition('lag.max < 1000', { lag: { max: 12 } })).toBe(true);
    expect(evaluateCondition('lag.max == 12', { lag: { max: 12 } })).toBe(true);
    expect(evaluateCondition('lag.max < 1000.0', { lag: { max: 2000 } })).toBe(false);
  });

  it('does mixed int/double arithmetic', () => {
    expect(evaluateCel('lag.max / 1000', { lag: { max: 12 } })).toBe(0.012);
    expect(evaluateCel('1 + lag.max', { lag: { max: 1.5 } })).toBe(2.5);
    expect(evaluateCel('n * 2', { n: 3 })).toBe(6);
  });

  it('returns ints as JS numbers and CEL values as plain JSON', () => {
    expect(evaluateCel('size(cluster.readers)', { cluster: { readers: ['a', 'b'] } })).toBe(2);
    expect(evaluateCel('{"n": 1, "xs": [1, 2.5]}', {})).toEqual({ n: 1, xs: [1, 2.5] });
    expect(evaluateCel('duration("90s")', {})).toBe(90);
    expect(evaluateCel('timestamp("2024-01-01T00:00:00Z")', {})).toBe('2024-01-01T00:00:00.000Z');
  });

  it('reads step outputs, params and observed objects', () => {
    const context = { cluster: 'prod', params: { cluster: 'prod' }, steps: { choose: { output: { target: 'prod-2' } } } };
    expect(evaluateCel('steps.choose.output.target', context)).toBe('prod-2');
    expect(evaluateCel('cluster + "-old1"', context)).toBe('prod-old1');
    expect(evaluateCondition('has(params.target)', context)).toBe(false);
  });

  it('throws a typed error when the result is not a bool', () => {
    expect(() => evaluateCondition('cluster.writer', { cluster: { writer: 'a' } })).toThrow(CelEvaluationError);
    expect(() => evaluateCondition('cluster.writer', { cluster: { writer: 'a' } })).toThrow(
      /must be true or false, but this gave string "a"/,
    );
  });

  it('throws a typed error with a human message when evaluation fails', () => {
    let error: unknown;
    try {
      evaluateCel('cluster.writer', { cluster: {} });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CelEvaluationError);
    expect(error).toMatchObject({ expr: 'cluster.writer', code: 'no_such_key', message: '`cluster.writer`: No such key: writer' });
  });
});
