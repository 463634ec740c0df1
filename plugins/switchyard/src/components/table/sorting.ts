/** Sorting for the plugin's tables: names naturally (`db-9` before `db-10`), numbers numerically. */
export type SortDirection = 'asc' | 'desc';
export type SortValue = string | number;

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function compareValues(a: SortValue, b: SortValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/** A sorted copy; ties fall back to `tiebreak` so paging through a sorted list never repeats a row. */
export function sortRows<T>(rows: T[], value: (row: T) => SortValue, direction: SortDirection, tiebreak?: (row: T) => SortValue): T[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => sign * compareValues(value(a), value(b)) || (tiebreak ? compareValues(tiebreak(a), tiebreak(b)) : 0));
}
