import { sortRows } from './sorting';

describe('sortRows', () => {
  const rows = [
    { name: 'orders-10', cost: 5 },
    { name: 'Orders-9', cost: 40 },
    { name: 'billing', cost: 5 },
  ];

  it('sorts names naturally and case-insensitively, both ways', () => {
    expect(sortRows(rows, (r) => r.name, 'asc').map((r) => r.name)).toEqual(['billing', 'Orders-9', 'orders-10']);
    expect(sortRows(rows, (r) => r.name, 'desc').map((r) => r.name)).toEqual(['orders-10', 'Orders-9', 'billing']);
  });

  it('sorts numbers numerically and breaks ties with the tiebreak column, ascending', () => {
    expect(
      sortRows(
        rows,
        (r) => r.cost,
        'desc',
        (r) => r.name,
      ).map((r) => r.name),
    ).toEqual(['Orders-9', 'billing', 'orders-10']);
    expect(
      sortRows(
        rows,
        (r) => r.cost,
        'asc',
        (r) => r.name,
      ).map((r) => r.name),
    ).toEqual(['billing', 'orders-10', 'Orders-9']);
  });

  it('leaves the input untouched', () => {
    const before = rows.map((r) => r.name);
    sortRows(rows, (r) => r.cost, 'asc');
    expect(rows.map((r) => r.name)).toEqual(before);
  });
});
