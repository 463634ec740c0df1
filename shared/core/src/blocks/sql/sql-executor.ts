import type { SqlBlock } from './sql-block';
import { bindSql, type BoundSql } from '../../sql/bind-sql';
import type { BlockExecutor } from '../common/block-executor';
import { errorMessage } from '../common/block-executor';
import { evaluateExpectations } from '../common/observe-and-evaluate';
import { sqlInFlight } from './sql-in-doubt';

/**
 * A query on a named connection; read-only unless the block says `write: true` and the host allows
 * it. Its templates are bound parameters (`sql/bind-sql.ts`): no rendered value is in the text.
 */
export const executeSqlBlock: BlockExecutor<SqlBlock> = async (ctx) => {
  const { block } = ctx;
  if (!ctx.sql) {
    return {
      type: 'failed',
      error: `no SQL connections are configured here, so the query on "${block.connection}" cannot run; configure the connection or skip this step with a reason`,
    };
  }
  let query: BoundSql;
  try {
    const sql = ctx.sql;
    query = await ctx.evaluating(() => bindSql(block.query, ctx.scope, sql.conninfo ? (name) => sql.conninfo!(name) : undefined));
  } catch (error) {
    return { type: 'failed', error: `the query on ${block.connection} was not sent: ${errorMessage(error)}` };
  }
  if (block.write && ctx.run.dryRun) {
    await ctx.log('info', `dry-run: would run a writing query on ${block.connection}: ${query.display}${describeValues(query.values)}`);
    return { type: 'done', output: { dryRun: true } };
  }
  // Before it is sent: a crash from here on leaves it in flight, for the operator, with the statement to check.
  if (block.write) await ctx.recordInFlight(sqlInFlight(block.connection, query.display, query.values));
  try {
    const result = await ctx.sql.query(block.connection, query.text, {
      write: block.write,
      params: query.values,
      timeoutMs: (block.timeoutSeconds * 1000) / ctx.timeScale,
      signal: ctx.signal,
    });
    await ctx.log('info', `${block.connection}: ${result.rowCount} row(s)`);
    const scope = { ...ctx.scope, rows: result.rows, row: result.rows[0] ?? {}, rowCount: result.rowCount };
    const failures = (await ctx.evaluating(() => evaluateExpectations(block.expect, scope))).filter((r) => !r.holds);
    if (failures.length) return { type: 'failed', error: failures.map((r) => r.text).join('\n') };
    return { type: 'done', output: { rows: result.rows, rowCount: result.rowCount } };
  } catch (error) {
    return { type: 'failed', error: `query on ${block.connection} failed: ${errorMessage(error)}` };
  }
};

function describeValues(values: ReadonlyArray<string | null>): string {
  return values.length ? ` with ${values.map((v, i) => `$${i + 1}=${JSON.stringify(v)}`).join(' ')}` : '';
}
