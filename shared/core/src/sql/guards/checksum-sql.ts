import { quoteIdent } from '../quote-ident';

/**
 * The statements of the table checksum, built from a table's shape. Every value is a bound
 * parameter cast to the key column's type; identifiers come quoted from the catalog.
 */

export interface TableShape {
  /** As the runbook named it, for messages. */
  table: string;
  /** `"schema"."name"`. */
  qualified: string;
  /** Primary key columns in key order, with their SQL types. */
  key: Array<{ name: string; type: string }>;
  /** Every column, sorted by name: the row hash does not depend on column order. */
  columns: string[];
}

/** Exclusive lower and inclusive upper key bounds (key values as text); null = open. */
export interface KeyRange {
  from: string[] | null;
  to: string[] | null;
}

type Params = Array<string | null>;

/** The catalog read that yields a table's shape: one row per column, key position or null. */
export const SHAPE_SQL = `
  select quote_ident(n.nspname) || '.' || quote_ident(c.relname) as qualified,
         a.attname, format_type(a.atttypid, a.atttypmod) as type,
         (select k.ord::text from pg_index i, unnest(i.indkey) with ordinality k(attnum, ord)
           where i.indrelid = c.oid and i.indisprimary and k.attnum = a.attnum) as key_position
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
   where c.oid = to_regclass($1)
   order by a.attname`;

/** Builds the shape from SHAPE_SQL's rows (undefined: no such table). */
export function shapeFromRows(table: string, rows: Array<Array<string | null>>): TableShape | undefined {
  if (!rows.length) return undefined;
  const key = rows
    .filter((r) => r[3] !== null)
    .sort((a, b) => Number(a[3]) - Number(b[3]))
    .map((r) => ({ name: r[1]!, type: r[2]! }));
  return { table, qualified: rows[0][0]!, key, columns: rows.map((r) => r[1]!) };
}

// ORDER BY names the table's columns through the alias `t`: a bare name would sort by the
// selected `id::text` output column (text order) instead of the key.
const orderBy = (s: TableShape, direction = '') => s.key.map((k) => `t.${quoteIdent(k.name)}${direction}`).join(', ');
const keyList = (s: TableShape) => s.key.map((k) => quoteIdent(k.name)).join(', ');
const keyTuple = (s: TableShape) => (s.key.length === 1 ? quoteIdent(s.key[0].name) : `(${keyList(s)})`);
const keyText = (s: TableShape) => s.key.map((k) => `${quoteIdent(k.name)}::text`).join(', ');
/**
 * A row's 64-bit hash: `hashtextextended` of the row's text form, the hash that hash partitioning
 * uses — stable across major versions, since pg_upgrade keeps hash partitions — at 2–3 times the
 * speed of md5. Were it ever to differ between versions, every chunk would differ: a false alarm
 * the operator sees, never a difference that goes unseen.
 */
const rowHash = (s: TableShape) => `hashtextextended(row(${s.columns.map(quoteIdent).join(', ')})::text, 0)`;

function placeholders(s: TableShape, first: number): string {
  const list = s.key.map((k, i) => `$${first + i}::${k.type}`);
  return list.length === 1 ? list[0] : `(${list.join(', ')})`;
}

/** `where` clause and parameters of a range. */
function rangeWhere(s: TableShape, range: KeyRange): { where: string; params: Params } {
  const clauses: string[] = [];
  const params: Params = [];
  if (range.from) {
    clauses.push(`${keyTuple(s)} > ${placeholders(s, params.length + 1)}`);
    params.push(...range.from);
  }
  if (range.to) {
    clauses.push(`${keyTuple(s)} <= ${placeholders(s, params.length + 1)}`);
    params.push(...range.to);
  }
  return { where: clauses.length ? `where ${clauses.join(' and ')}` : '', params };
}

/** The key `chunk` rows after `from` (the chunk's upper bound), or none when fewer rows remain. */
export function chunkEndSql(s: TableShape, from: string[] | null, chunk: number): { sql: string; params: Params } {
  const { where, params } = rangeWhere(s, { from, to: null });
  return { sql: `select ${keyText(s)} from ${s.qualified} t ${where} order by ${orderBy(s)} offset ${chunk - 1} limit 1`, params };
}

/** The largest key after `from`: the upper bound of the last chunk. */
export function lastKeySql(s: TableShape, from: string[] | null): { sql: string; params: Params } {
  const { where, params } = rangeWhere(s, { from, to: null });
  return { sql: `select ${keyText(s)} from ${s.qualified} t ${where} order by ${orderBy(s, ' desc')} limit 1`, params };
}

/** Row count and an order-independent digest of a range: the sum of the rows' hashes (numeric: no overflow). */
export function rangeDigestSql(s: TableShape, range: KeyRange): { sql: string; params: Params } {
  const { where, params } = rangeWhere(s, range);
  return {
    sql: `select count(*)::text, coalesce(sum(${rowHash(s)}), 0)::text from ${s.qualified} ${where}`,
    params,
  };
}

/** The first `limit` keys of a range with their row hashes, in key order: to find the first differing key. */
export function rangeRowsSql(s: TableShape, range: KeyRange, limit: number): { sql: string; params: Params } {
  const { where, params } = rangeWhere(s, range);
  return { sql: `select ${keyText(s)}, ${rowHash(s)}::text from ${s.qualified} t ${where} order by ${orderBy(s)} limit ${limit}`, params };
}

/** `id in (10000, 20000]`, `(a, b) > (1, x)`, `all keys`: a range for people. */
export function describeRange(s: Pick<TableShape, 'key'>, range: KeyRange): string {
  const names = s.key.length === 1 ? s.key[0].name : `(${s.key.map((k) => k.name).join(', ')})`;
  const value = (v: string[]) => (v.length === 1 ? v[0] : `(${v.join(', ')})`);
  if (range.from && range.to) return `${names} in (${value(range.from)}, ${value(range.to)}]`;
  if (range.from) return `${names} > ${value(range.from)}`;
  if (range.to) return `${names} <= ${value(range.to)}`;
  return 'all keys';
}

/** `id=12345`, `(a, b)=(1, x)`. */
export function describeKey(s: Pick<TableShape, 'key'>, key: string[]): string {
  return s.key.length === 1 ? `${s.key[0].name}=${key[0]}` : `(${s.key.map((k) => k.name).join(', ')})=(${key.join(', ')})`;
}
