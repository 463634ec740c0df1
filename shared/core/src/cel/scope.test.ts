import type { Runbook } from '../runbook/model';
import { celScopeFor } from './scope';

const runbook: Pick<Runbook, 'params'> = {
  params: [{ name: 'cluster', type: 'rds-cluster', required: true, pos: { line: 1, column: 1 } }],
};

describe('celScopeFor', () => {
  const scope = celScopeFor(runbook, ['lag']);

  it('offers params by name, params, steps, run and the block names', () => {
    expect(scope.variables).toEqual(['cluster', 'lag', 'params', 'run', 'steps']);
    for (const expr of [
      'lag.max < 1000',
      'cluster == "a"',
      'params.cluster',
      'steps.a.output.x == run.startedBy',
      'lag.points.all(p, p < 1.0)',
    ]) {
      expect(scope.check(expr)).toEqual({ ok: true });
    }
  });

  it('reports syntax errors with their offset', () => {
    expect(scope.check('lag.max <')).toEqual({ ok: false, error: expect.objectContaining({ code: 'cel-syntax', offset: 9 }) });
  });

  it('reports unknown variables with the closest name', () => {
    const result = scope.check('lag.max < 1 && clustr == "a"');
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'cel-unknown-variable',
        variable: 'clustr',
        offset: 15,
        hint: expect.stringContaining('did you mean `cluster`?'),
      }),
    });
  });

  it('reports operations that can never type-check', () => {
    expect(scope.check('1 + "a"')).toEqual({ ok: false, error: expect.objectContaining({ code: 'cel-type' }) });
  });
});
