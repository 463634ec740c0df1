import { conditionSkipReason } from './condition-skip';

describe('conditionSkipReason', () => {
  it('says the condition is false, not just the condition', () => {
    expect(conditionSkipReason(['mode == "failover"'])).toBe('condition `mode == "failover"` is false');
  });

  it('names each distinct condition once when several blocks were skipped', () => {
    expect(conditionSkipReason(['size(x) > 0', 'size(x) > 1', 'size(x) > 0'])).toBe(
      'conditions `size(x) > 0` and `size(x) > 1` are all false',
    );
    expect(conditionSkipReason(['a', 'b', 'c'])).toBe('conditions `a`, `b` and `c` are all false');
  });

  it('keeps a multi-line condition on one line and a backtick inside it quoted', () => {
    expect(conditionSkipReason(['a &&\n  b'])).toBe('condition `a && b` is false');
    expect(conditionSkipReason(['x == "`"'])).toBe('condition ``x == "`"`` is false');
    expect(conditionSkipReason(['`a` == b'])).toBe('condition `` `a` == b `` is false');
  });

  it('says so when there is no condition to name', () => {
    expect(conditionSkipReason([undefined])).toBe('no block of this step applied');
  });

  it('says a data guard was not checked when the connections it asks for are not configured, not the CEL', () => {
    const both = '"blue" in run.connections && "green" in run.connections';
    expect(conditionSkipReason([both], { connections: [] })).toBe('not checked: no blue/green connections configured');
    expect(conditionSkipReason([`${both} && critical_tables != ""`], {})).toBe('not checked: no blue/green connections configured');
    expect(conditionSkipReason(['"blue" in run.connections'], { connections: ['green'] })).toBe(
      'not checked: no blue connection configured',
    );
  });

  it('names the expression when the connections are there (the condition was false for another reason)', () => {
    const guard = '"blue" in run.connections && critical_tables != ""';
    expect(conditionSkipReason([guard], { connections: ['blue'] })).toBe(`condition \`${guard}\` is false`);
    // One block asks for no connection: the connections alone do not explain the skip.
    expect(conditionSkipReason(['"blue" in run.connections', 'mode == "x"'], { connections: [] })).toBe(
      'conditions `"blue" in run.connections` and `mode == "x"` are all false',
    );
  });
  it('names a condition by the reason written after `#`, when every condition has one', () => {
    const off = { expr: 'maintenance_url != ""', reason: 'no maintenance endpoint configured' };
    expect(conditionSkipReason([off, off])).toBe('no maintenance endpoint configured');
    expect(conditionSkipReason([off, { expr: 'x', reason: 'y' }])).toBe('no maintenance endpoint configured; y');
    expect(conditionSkipReason([off, { expr: 'x' }])).toBe('conditions `maintenance_url != ""` and `x` are all false');
  });
});
