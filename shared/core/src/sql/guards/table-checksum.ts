import type { SqlGateway, SqlSnapshot } from '../../engine/ports';
import type { DataGuardSource } from '../../runbook/model';
import {
  chunkEndSql,
  describeKey,
  describeRange,
  lastKeySql,
  rangeDigestSql,
  rangeRowsSql,
  SHAPE_SQL,
  shapeFromRows,
  type KeyRange,
  type TableShape,
} from './checksum-sql';
import type { GuardRuntime } from './guard-runtime';
import { firstRowDifference } from './row-difference';
import type { ChecksumTable, ChecksumView, RangeDifference } from './views';

type ChecksumSource = Extract<DataGuardSource, { kind: 'checksum' }>;

interface Digest {
  rows: number;
  sum: string;
}

/** A range to compare; `tail` ranges (right rows past the left's last key) read the right side first. */
interface Pending {
  range: KeyRange;
  tail: boolean;
  left: Digest;
  right: Digest;
}

class TableError extends Error {}

const MAX_RECHECKED = 16;

type Reader = <T>(side: 'left' | 'right', work: (s: SqlSnapshot) => Promise<T>) => Promise<T>;

/**
 * Table checksums between two connections. Each table is cut into chunks of `chunk` rows by
 * primary key on the left (the source, read first in one snapshot); the right (the replica) is
 * read afterwards in one snapshot over the same key ranges, plus whatever it holds past the
 * left's last key. Ranges that differ are read again `recheck` times, `settle` apart — rows
 * still in flight on the replication stream converge, real differences stay — and the first
 * one left is listed row by row to name the first differing key.
 */
export async function checksumTables(sql: SqlGateway, source: ChecksumSource, runtime: GuardRuntime): Promise<ChecksumView> {
  const tables: ChecksumTable[] = [];
  // A templated entry (`"{{ critical_tables }}"`) may carry a comma-separated list; `"a,b"` is one quoted name.
  const names = source.tables.flatMap(splitTableList);
  for (const table of names) tables.push(await checksumTable(sql, source, table, runtime));
  const differences = tables.flatMap((t) => (t.difference ? [t.difference] : []));
  const equal = differences.length === 0;
  const rows = tables.reduce((n, t) => n + t.leftRows, 0);
  const message = equal
    ? `${source.left} and ${source.right} hold the same rows in ${tables.map((t) => `${t.table} (${t.leftRows} rows, ${t.chunks} chunks)`).join(', ')}`
    : differences.map((d) => d.text).join('; ');
  return {
    ok: equal,
    equal,
    message,
    left: source.left,
    right: source.right,
    tables,
    differences,
    firstDifference: differences[0]?.text ?? null,
    rows,
  };
}

async function checksumTable(sql: SqlGateway, source: ChecksumSource, table: string, runtime: GuardRuntime): Promise<ChecksumTable> {
  const options = { timeoutMs: source.timeoutSeconds * 1000, signal: runtime.signal };
  const read: Reader = (side, work) => sql.snapshot(source[side], options, work);
  let first: Awaited<ReturnType<typeof firstPass>>;
  try {
    first = await firstPass(read, table, source);
  } catch (error) {
    if (!(error instanceof TableError)) throw error;
    const difference: RangeDifference = {
      table,
      range: 'all keys',
      from: null,
      to: null,
      leftRows: 0,
      rightRows: 0,
      key: null,
      change: 'columns',
      text: error.message,
    };
    return { table, equal: false, leftRows: 0, rightRows: 0, chunks: 0, difference };
  }
  const { shape, pending, chunks } = first;
  const leftRows = pending.reduce((n, p) => n + p.left.rows, 0);
  const rightRows = pending.reduce((n, p) => n + p.right.rows, 0);
  let differing = pending.filter(differs);
  for (let round = 0; round < source.recheck && differing.length; round++) {
    await runtime.sleep(source.settleSeconds * 1000);
    // Many differing chunks are no replication delay: recheck the first few, keep the rest as they are.
    const again = await Promise.all(differing.slice(0, MAX_RECHECKED).map((p) => recheck(read, shape, p, source.settleSeconds, runtime)));
    differing = [...again, ...differing.slice(MAX_RECHECKED)].filter(differs);
  }
  const difference = differing.length ? await pinpoint(read, shape, differing[0], source) : null;
  return { table, equal: !difference, leftRows, rightRows, chunks, difference };
}

/** The left in one snapshot (shape, chunks, digests), then the right in one snapshot over the same ranges. */
async function firstPass(
  read: Reader,
  table: string,
  source: ChecksumSource,
): Promise<{ shape: TableShape; pending: Pending[]; chunks: number }> {
  const { shape, chunks } = await read('left', async (s) => {
    const shape = await readShape(s, table, source.left);
    return { shape, chunks: await leftChunks(s, shape, source.chunk) };
  });
  const lastKey = chunks.length ? chunks[chunks.length - 1].range.to : null;
  const pending = await read('right', async (s) => {
    const drift = describeColumnDrift(shape, await readShape(s, table, source.right), source);
    if (drift) throw new TableError(drift);
    const pending: Pending[] = [];
    for (const chunk of chunks)
      pending.push({ range: chunk.range, tail: false, left: chunk.left, right: await digest(s, shape, chunk.range) });
    const tail = await rightTail(s, shape, lastKey);
    return tail ? [...pending, tail] : pending;
  });
  return { shape, pending, chunks: chunks.length };
}

async function readShape(s: SqlSnapshot, table: string, connection: string): Promise<TableShape> {
  const shape = shapeFromRows(table, (await s.read(SHAPE_SQL, [table])).rows);
  if (!shape) throw new TableError(`table ${table} does not exist on ${connection}`);
  if (!shape.key.length)
    throw new TableError(`table ${table} on ${connection} has no primary key to chunk by; compare it with a replay query instead`);
  return shape;
}

function describeColumnDrift(left: TableShape, right: TableShape, source: ChecksumSource): string | undefined {
  const onlyLeft = left.columns.filter((c) => !right.columns.includes(c));
  const onlyRight = right.columns.filter((c) => !left.columns.includes(c));
  const leftKey = left.key.map((k) => k.name).join(', ');
  const rightKey = right.key.map((k) => k.name).join(', ');
  const problems = [
    ...(onlyLeft.length ? [`columns only on ${source.left}: ${onlyLeft.join(', ')}`] : []),
    ...(onlyRight.length ? [`columns only on ${source.right}: ${onlyRight.join(', ')}`] : []),
    ...(leftKey !== rightKey ? [`primary key (${leftKey}) on ${source.left} but (${rightKey}) on ${source.right}`] : []),
  ];
  return problems.length ? `table ${left.table} has different columns: ${problems.join('; ')}` : undefined;
}

/** Cuts the left table into chunks and digests each, all in the left's one snapshot. */
async function leftChunks(s: SqlSnapshot, shape: TableShape, chunk: number): Promise<Array<{ range: KeyRange; left: Digest }>> {
  const chunks: Array<{ range: KeyRange; left: Digest }> = [];
  let from: string[] | null = null;
  for (;;) {
    const end = chunkEndSql(shape, from, chunk);
    let to = (await s.read(end.sql, end.params)).rows[0] as string[] | undefined;
    if (!to) {
      const last = lastKeySql(shape, from);
      to = (await s.read(last.sql, last.params)).rows[0] as string[] | undefined;
      if (!to) return chunks;
    }
    const range = { from, to };
    chunks.push({ range, left: await digest(s, shape, range) });
    from = to;
  }
}

async function digest(s: SqlSnapshot, shape: TableShape, range: KeyRange): Promise<Digest> {
  const q = rangeDigestSql(shape, range);
  const [row] = (await s.read(q.sql, q.params)).rows;
  return { rows: Number(row[0]), sum: String(row[1]) };
}

/** Right rows past the left's last key, as a range up to the right's own last key (none: undefined). */
async function rightTail(s: SqlSnapshot, shape: TableShape, lastKey: string[] | null): Promise<Pending | undefined> {
  const last = lastKeySql(shape, lastKey);
  const to = (await s.read(last.sql, last.params)).rows[0] as string[] | undefined;
  if (!to) return undefined;
  const range = { from: lastKey, to };
  return { range, tail: true, left: { rows: 0, sum: '0' }, right: await digest(s, shape, range) };
}

const differs = (p: Pending) => p.left.rows !== p.right.rows || p.left.sum !== p.right.sum;

/**
 * Reads a differing range again: the source first, then — after `settle`, time for the
 * replication stream — the replica. A tail range (rows the replica has past the source's last
 * key) is read the other way round: the replica's rows, then whether the source has them.
 */
async function recheck(read: Reader, shape: TableShape, p: Pending, settleSeconds: number, runtime: GuardRuntime): Promise<Pending> {
  if (p.tail) {
    const tail = await read('right', (s) => rightTail(s, shape, p.range.from));
    if (!tail) return { ...p, right: { rows: 0, sum: '0' }, left: { rows: 0, sum: '0' } };
    return { ...tail, left: await read('left', (s) => digest(s, shape, tail.range)) };
  }
  const left = await read('left', (s) => digest(s, shape, p.range));
  await runtime.sleep(settleSeconds * 1000);
  return { ...p, left, right: await read('right', (s) => digest(s, shape, p.range)) };
}

/** Lists the rows of the first differing range on both sides and names the first differing key. */
async function pinpoint(read: Reader, shape: TableShape, p: Pending, source: ChecksumSource): Promise<RangeDifference> {
  // A chunk holds `chunk` rows on the left; the right may hold more. The first difference is among the first keys.
  const q = rangeRowsSql(shape, p.range, Math.max(source.chunk, 1000) + 1);
  const list = (side: 'left' | 'right') => read(side, async (s) => (await s.read(q.sql, q.params)).rows);
  const [first, second] = p.tail ? (['right', 'left'] as const) : (['left', 'right'] as const);
  const rows = { [first]: await list(first) } as Record<'left' | 'right', Array<Array<string | null>>>;
  rows[second] = await list(second);
  const found = firstRowDifference(rows.left, rows.right, shape.key.length);
  const range = describeRange(shape, p.range);
  const counts = `${source.left} ${p.left.rows} rows, ${source.right} ${p.right.rows} rows`;
  const where = found
    ? `; first differing key ${describeKey(shape, found.key)} (${
        found.change === 'changed' ? 'different values' : `only on ${found.change === 'only-left' ? source.left : source.right}`
      })`
    : '';
  return {
    table: shape.table,
    range,
    from: p.range.from ? p.range.from.join(', ') : null,
    to: p.range.to ? p.range.to.join(', ') : null,
    leftRows: p.left.rows,
    rightRows: p.right.rows,
    key: found ? describeKey(shape, found.key) : null,
    change: found?.change ?? null,
    text: `${shape.table} differs between ${source.left} and ${source.right} in ${range}: ${counts}${where}`,
  };
}

/**
 * `orders, sales."Customers"` → each name as PostgreSQL reads a table name (`to_regclass`, always a
 * bound value): unquoted parts fold to lower case, `"…"` parts are kept as written.
 */
export function splitTableList(text: string): string[] {
  const names: string[] = [];
  let current = '';
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    if (c === ',' && !quoted) {
      names.push(current);
      current = '';
    } else current += c;
  }
  names.push(current);
  return names.map((n) => n.trim()).filter(Boolean);
}
