import type { SqlGateway, SqlSnapshot, SqlTextResult } from '../../engine/ports';
import type { DataGuardSource } from '../../runbook/model';
import type { GuardRuntime } from './guard-runtime';
import { firstResultDifference, ordersResult } from './result-difference';
import type { ReplayQueryResult, ReplayView } from './views';

type ReplaySource = Extract<DataGuardSource, { kind: 'replay' }>;
type Query = ReplaySource['queries'][number];
type Outcome = { result: SqlTextResult } | { error: string };

/**
 * Query replay: every query on the left (the source) in one snapshot, then on the right in one
 * snapshot, results compared row by row — in order when the query orders its result, as
 * multisets otherwise. Differing queries are run again `recheck` times, `settle` apart.
 */
export async function replayQueries(sql: SqlGateway, source: ReplaySource, runtime: GuardRuntime): Promise<ReplayView> {
  const options = { timeoutMs: source.timeoutSeconds * 1000, signal: runtime.signal };
  const runAll = (side: 'left' | 'right', queries: Query[]) =>
    sql.snapshot(source[side], options, async (s) => {
      const outcomes: Outcome[] = [];
      for (const q of queries) {
        runtime.signal?.throwIfAborted();
        outcomes.push(await runOne(s, q, source.maxRows));
      }
      return outcomes;
    });
  const leftOutcomes = await runAll('left', source.queries);
  const rightOutcomes = await runAll('right', source.queries);
  let results = source.queries.map((q, i) => compare(q, leftOutcomes[i], rightOutcomes[i], source));
  for (let round = 0; round < source.recheck && results.some((r) => !r.equal); round++) {
    await runtime.sleep(source.settleSeconds * 1000);
    results = await Promise.all(
      results.map(async (r, i) => {
        if (r.equal) return r;
        const q = source.queries[i];
        const [left] = await runAll('left', [q]);
        await runtime.sleep(source.settleSeconds * 1000);
        const [right] = await runAll('right', [q]);
        return compare(q, left, right, source);
      }),
    );
  }
  const failed = results.filter((r) => !r.equal);
  const texts = failed.map((r) => `query ${r.name} differs between ${source.left} and ${source.right}: ${r.difference}`);
  return {
    ok: !failed.length,
    equal: !failed.length,
    message: failed.length
      ? texts.join('; ')
      : `${results.length} replayed queries return the same rows on ${source.left} and ${source.right} (${results.map((r) => `${r.name}: ${r.leftRows} rows`).join(', ')})`,
    left: source.left,
    right: source.right,
    queries: results,
    firstDifference: texts[0] ?? null,
  };
}

/** One query inside a savepoint, so a failing query leaves the snapshot usable for the next. */
async function runOne(s: SqlSnapshot, q: Query, maxRows: number): Promise<Outcome> {
  await s.read('savepoint switchyard_replay');
  try {
    const result = await s.read(q.sql.trim().replace(/;+\s*$/, ''), q.params);
    await s.read('release savepoint switchyard_replay');
    if (result.rows.length > maxRows)
      return { error: `returned ${result.rows.length} rows, more than max-rows ${maxRows}: add a LIMIT or raise max-rows` };
    return { result };
  } catch (error) {
    await s.read('rollback to savepoint switchyard_replay');
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

function compare(q: Query, left: Outcome, right: Outcome, source: ReplaySource): ReplayQueryResult {
  const ordered = ordersResult(q.sql);
  const rows = (o: Outcome) => ('result' in o ? o.result.rows.length : 0);
  const base = { name: q.name, sql: q.sql, ordered, leftRows: rows(left), rightRows: rows(right) };
  const failure =
    'error' in left ? `fails on ${source.left}: ${left.error}` : 'error' in right ? `fails on ${source.right}: ${right.error}` : undefined;
  if (failure) return { ...base, equal: false, difference: failure };
  const names = { left: source.left, right: source.right };
  const difference = firstResultDifference(
    (left as { result: SqlTextResult }).result,
    (right as { result: SqlTextResult }).result,
    ordered,
    names,
  );
  return { ...base, equal: difference === null, difference };
}
