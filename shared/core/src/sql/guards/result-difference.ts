import type { SqlTextResult } from '../../engine/ports';

/**
 * Whether a query orders its result: an ORDER BY outside every parenthesis (not one inside a
 * window, an aggregate or a subquery), ignoring comments and quoted text.
 */
export function ordersResult(sql: string): boolean {
  const code = sql
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/'(?:[^']|'')*'/g, "''")
    .replace(/"(?:[^"]|"")*"/g, '""')
    .replace(/\$([A-Za-z_]*)\$[\s\S]*?\$\1\$/g, "''");
  let depth = 0;
  let top = '';
  for (const ch of code) {
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0) top += ch;
  }
  return /\border\s+by\b/i.test(top);
}

/** `id=1, total=9.99`: a row for people (long rows are cut). */
export function describeRow(fields: string[], row: Array<string | null>): string {
  const text = row.map((v, i) => `${fields[i] ?? `col${i + 1}`}=${v === null ? 'NULL' : v}`).join(', ');
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

/**
 * The first difference between two results of the same query, or null when they are equal:
 * row by row when the query orders its result, else as multisets of rows.
 */
export function firstResultDifference(
  left: SqlTextResult,
  right: SqlTextResult,
  ordered: boolean,
  names: { left: string; right: string },
): string | null {
  if (left.fields.join('\u0000') !== right.fields.join('\u0000')) {
    return `different columns: ${names.left} (${left.fields.join(', ')}), ${names.right} (${right.fields.join(', ')})`;
  }
  const key = (row: Array<string | null>) => JSON.stringify(row);
  const counts = `${names.left} ${left.rows.length} rows, ${names.right} ${right.rows.length} rows`;
  if (ordered) {
    for (let i = 0; i < Math.max(left.rows.length, right.rows.length); i++) {
      const l = left.rows[i];
      const r = right.rows[i];
      if (l && r && key(l) === key(r)) continue;
      const detail = !r
        ? `only ${names.left} has it: ${describeRow(left.fields, l)}`
        : !l
          ? `only ${names.right} has it: ${describeRow(right.fields, r)}`
          : `${names.left} ${describeRow(left.fields, l)}; ${names.right} ${describeRow(right.fields, r)}`;
      const sameRows = firstResultDifference(left, right, false, names) === null;
      return `row ${i + 1} differs (${counts}): ${detail}${sameRows ? ' — the same rows in another order: ties in ORDER BY? order by a unique key' : ''}`;
    }
    return null;
  }
  const surplus = new Map<string, number>();
  for (const row of left.rows) surplus.set(key(row), (surplus.get(key(row)) ?? 0) + 1);
  for (const row of right.rows) surplus.set(key(row), (surplus.get(key(row)) ?? 0) - 1);
  const onlyLeft = left.rows.find((row) => (surplus.get(key(row)) ?? 0) > 0);
  if (onlyLeft) return `a row only ${names.left} returns (${counts}): ${describeRow(left.fields, onlyLeft)}`;
  const onlyRight = right.rows.find((row) => (surplus.get(key(row)) ?? 0) < 0);
  if (onlyRight) return `a row only ${names.right} returns (${counts}): ${describeRow(right.fields, onlyRight)}`;
  return null;
}
