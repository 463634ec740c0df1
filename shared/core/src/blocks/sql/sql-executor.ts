import type { SqlBlock } from './sql-block';
import { renderTemplate } from '../../cel';
import type { BlockExecutor } from '../common/block-executor';
import { errorMessage } from '../common/block-executor';
import { evaluateExpectations } from '../common/observe-and-evaluate';

/** A query on a named connection; read-only unless the block says `write: true` and the host allows it. */
export const executeSqlBlock: BlockExecutor<SqlBlock> = async (ctx) => {
  const { block } = ctx;
  if (!ctx.sql) {
    return {
      type: 'failed',
      error: `no SQL connections are configured here, so the query on "${block.connection}" cannot run; configure the connection or skip this step with a reason`,
    };
  }
  const query = await ctx.evaluating(() => renderTemplate(block.query, ctx.scope));
  if (block.write && ctx.run.dryRun) {
    await ctx.log('info', `dry-run: would run a writing query on ${block.connection}: ${query}`);
    return { type: 'done', output: { dryRun: true } };
  }
  try {
    const result = await ctx.sql.query(block.connection, query, {
      write: block.write,
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
