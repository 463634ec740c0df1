/** Rows of one key range from both sides — key columns, then the row hash — in key order. */
type KeyedRows = Array<Array<string | null>>;

export interface RowDifference {
  key: string[];
  change: 'changed' | 'only-left' | 'only-right';
}

/**
 * The first key (in key order) where two sorted listings differ: a row only on one side, or
 * the same key with a different hash. Null when the listings are equal.
 */
export function firstRowDifference(left: KeyedRows, right: KeyedRows, keyWidth: number): RowDifference | null {
  const keyOf = (row: Array<string | null>) => row.slice(0, keyWidth).map((v) => v ?? 'NULL');
  const id = (row: Array<string | null>) => JSON.stringify(row.slice(0, keyWidth));
  const leftHash = new Map(left.map((r) => [id(r), r[keyWidth]]));
  const rightHash = new Map(right.map((r) => [id(r), r[keyWidth]]));
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    const l = left[i];
    const r = right[j];
    if (l && !rightHash.has(id(l))) return { key: keyOf(l), change: 'only-left' };
    if (r && !leftHash.has(id(r))) return { key: keyOf(r), change: 'only-right' };
    if (l) {
      if (leftHash.get(id(l)) !== rightHash.get(id(l))) return { key: keyOf(l), change: 'changed' };
      i++;
      // Both sides list common keys in the same order unless their collations disagree; then
      // each side is walked on its own, and hashes are compared by key.
      if (r && id(r) === id(l)) j++;
    } else {
      j++;
    }
  }
  return null;
}
