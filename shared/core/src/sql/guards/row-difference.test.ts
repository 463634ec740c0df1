import { firstRowDifference } from './row-difference';

describe('firstRowDifference', () => {
  const rows = (...keys: Array<[string, string]>) => keys.map(([k, h]) => [k, h]);

  it('names the first key, in key order, that is changed or on one side only', () => {
    expect(firstRowDifference(rows(['1', 'a'], ['2', 'b']), rows(['1', 'a'], ['2', 'b']), 1)).toBeNull();
    expect(firstRowDifference(rows(['1', 'a'], ['2', 'b'], ['3', 'c']), rows(['1', 'a'], ['2', 'x'], ['3', 'y']), 1)).toEqual({
      key: ['2'],
      change: 'changed',
    });
    expect(firstRowDifference(rows(['1', 'a'], ['3', 'c']), rows(['1', 'a'], ['2', 'b'], ['3', 'c']), 1)).toEqual({
      key: ['2'],
      change: 'only-right',
    });
    expect(firstRowDifference(rows(['1', 'a'], ['2', 'b']), rows(['2', 'b']), 1)).toEqual({ key: ['1'], change: 'only-left' });
  });

  it('handles composite keys and NULL-free text keys', () => {
    const left = [
      ['1', '0', 'h1'],
      ['1', '1', 'h2'],
    ];
    const right = [
      ['1', '0', 'h1'],
      ['1', '1', 'h3'],
    ];
    expect(firstRowDifference(left, right, 2)).toEqual({ key: ['1', '1'], change: 'changed' });
  });

  it('still finds a changed row when the two sides sort keys differently (collations)', () => {
    expect(firstRowDifference(rows(['a', '1'], ['B', '2']), rows(['B', '2'], ['a', '9']), 1)).toEqual({ key: ['a'], change: 'changed' });
  });
});
