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
});
