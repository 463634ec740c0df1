import { chunkEndSql, describeKey, describeRange, rangeDigestSql, rangeRowsSql, shapeFromRows } from './checksum-sql';

const shape = shapeFromRows('order_lines', [
  ['public.order_lines', 'line', 'integer', '2'],
  ['public.order_lines', 'order_id', 'bigint', '1'],
  ['public.order_lines', 'sku "x"', 'text', null],
])!;

describe('checksum statements', () => {
  it('reads the primary key in key order and every column, sorted by name', () => {
    expect(shape).toEqual({
      table: 'order_lines',
      qualified: 'public.order_lines',
      key: [
        { name: 'order_id', type: 'bigint' },
        { name: 'line', type: 'integer' },
      ],
      columns: ['line', 'order_id', 'sku "x"'],
    });
    expect(shapeFromRows('nope', [])).toBeUndefined();
  });

  it('binds key bounds as typed parameters and sorts by the table’s columns, not the text output', () => {
    expect(chunkEndSql(shape, ['7', '1'], 500)).toEqual({
      sql: 'select "order_id"::text, "line"::text from public.order_lines t where ("order_id", "line") > ($1::bigint, $2::integer) order by t."order_id", t."line" offset 499 limit 1',
      params: ['7', '1'],
    });
    expect(rangeDigestSql(shape, { from: null, to: ['9', '0'] })).toEqual({
      sql:
        `select count(*)::text, coalesce(sum(hashtextextended(row("line", "order_id", "sku ""x""")::text, 0)), 0)::text ` +
        'from public.order_lines where ("order_id", "line") <= ($1::bigint, $2::integer)',
      params: ['9', '0'],
    });
    expect(rangeRowsSql(shape, { from: ['1', '1'], to: ['2', '2'] }, 10).params).toEqual(['1', '1', '2', '2']);
  });

  it('describes ranges and keys for people', () => {
    const single = { key: [{ name: 'id', type: 'int' }] };
    expect(describeRange(single, { from: ['1000'], to: ['1500'] })).toBe('id in (1000, 1500]');
    expect(describeRange(single, { from: null, to: ['500'] })).toBe('id <= 500');
    expect(describeRange(single, { from: ['2000'], to: null })).toBe('id > 2000');
    expect(describeRange(shape, { from: ['667', '2'], to: ['834', '1'] })).toBe('(order_id, line) in ((667, 2), (834, 1)]');
    expect(describeKey(shape, ['700', '1'])).toBe('(order_id, line)=(700, 1)');
  });
});
