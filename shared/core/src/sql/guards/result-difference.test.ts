import { firstResultDifference, ordersResult } from './result-difference';

const names = { left: 'blue', right: 'green' };
const result = (rows: Array<Array<string | null>>, fields = ['id', 'name']) => ({ fields, rows });

describe('ordersResult', () => {
  it('sees an ORDER BY of the result, not one inside parentheses, comments or strings', () => {
    expect(ordersResult('select id from t order by id')).toBe(true);
    expect(ordersResult('SELECT id FROM t\nORDER\n  BY id DESC LIMIT 5;')).toBe(true);
    expect(ordersResult("select rank() over (order by x), string_agg(y, ',' order by y) from t group by 1")).toBe(false);
    expect(ordersResult("select 'order by' as s from t -- order by s\n/* order by */")).toBe(false);
    expect(ordersResult('with a as (select * from t order by id) select * from a')).toBe(false);
    expect(ordersResult('select $$ order by $$ from t')).toBe(false);
  });
});

describe('firstResultDifference', () => {
  it('compares unordered results as multisets, duplicates included', () => {
    const left = result([
      ['1', 'a'],
      ['2', 'b'],
      ['2', 'b'],
    ]);
    expect(
      firstResultDifference(
        left,
        result([
          ['2', 'b'],
          ['1', 'a'],
          ['2', 'b'],
        ]),
        false,
        names,
      ),
    ).toBeNull();
    expect(
      firstResultDifference(
        left,
        result([
          ['2', 'b'],
          ['1', 'a'],
        ]),
        false,
        names,
      ),
    ).toBe('a row only blue returns (blue 3 rows, green 2 rows): id=2, name=b');
    expect(
      firstResultDifference(
        result([['1', 'a']]),
        result([
          ['1', 'a'],
          ['3', null],
        ]),
        false,
        names,
      ),
    ).toBe('a row only green returns (blue 1 rows, green 2 rows): id=3, name=NULL');
  });

  it('compares ordered results row by row and says when only the order differs', () => {
    const left = result([
      ['1', 'a'],
      ['2', 'b'],
    ]);
    expect(
      firstResultDifference(
        left,
        result([
          ['1', 'a'],
          ['2', 'c'],
        ]),
        true,
        names,
      ),
    ).toBe('row 2 differs (blue 2 rows, green 2 rows): blue id=2, name=b; green id=2, name=c');
    expect(
      firstResultDifference(
        left,
        result([
          ['2', 'b'],
          ['1', 'a'],
        ]),
        true,
        names,
      ),
    ).toMatch(/^row 1 differs .* — the same rows in another order: ties in ORDER BY\? order by a unique key$/);
    expect(firstResultDifference(left, result([['1', 'a']]), true, names)).toBe(
      'row 2 differs (blue 2 rows, green 1 rows): only blue has it: id=2, name=b',
    );
  });

  it('reports different columns first', () => {
    expect(firstResultDifference(result([]), result([], ['id', 'title']), false, names)).toBe(
      'different columns: blue (id, name), green (id, title)',
    );
  });
});
