import type { BlockBase, Expectation } from '../../runbook/model';
import { readExpectations } from '../common/expectations';
import type { BlockSpec } from '../common/block-spec';
import { replicationChangingCalls } from '../../sql/replication-functions';

export interface SqlBlock extends BlockBase {
  kind: 'sql';
  connection: string;
  query: string;
  write: boolean;
  expect: Expectation[];
  timeoutSeconds: number;
}

/**
 * ```sql — a query against a named connection, in a read-only transaction unless `write: true`.
 * Expectations see the result as `rows` (a list of maps, column name → value).
 *   connection: blue
 *   query: select count(*) as n from pg_replication_slots where not active
 *   expect: [ "rows[0].n == 0" ]
 *   timeout: 30s
 */
export const SQL_KEYS = ['connection', 'query', 'write', 'expect', 'timeout'] as const;
export const SQL_VARIABLES = ['rows', 'row', 'rowCount'] as const;
export const DEFAULT_SQL_TIMEOUT_SECONDS = 60;

export const sqlBlock: BlockSpec<SqlBlock> = {
  kind: 'sql',
  options: [],
  parse(fence, ctx, base) {
    const parsed = ctx.yaml('the sql block');
    if (!parsed) return undefined;
    const { body, root } = parsed;
    const fields = body.fields(root, SQL_KEYS, 'sql block', fence.pos);
    if (!fields) return undefined;
    const connectionField = fields.get('connection');
    const queryField = fields.get('query');
    if (!connectionField)
      ctx.report(
        fence.pos,
        'missing-key',
        'a sql block needs `connection: <name>`',
        'connections are configured per environment (see docs/runbook-format.md)',
      );
    if (!queryField) ctx.report(fence.pos, 'missing-key', 'a sql block needs `query:`', 'use `query: |` for a multi-line query');
    const connection = connectionField && body.string(connectionField, 'sql `connection`');
    const query = queryField && body.string(queryField, 'sql `query`');
    for (const text of [connection, query]) if (text) ctx.templates(text);
    if (query) ctx.sqlQuery(query);
    const writeField = fields.get('write');
    const write = writeField ? body.boolean(writeField, 'sql `write`') : false;
    const expectField = fields.get('expect');
    const expect = expectField ? readExpectations(expectField, body, ctx, SQL_VARIABLES, 'sql `expect`') : [];
    const timeoutField = fields.get('timeout');
    const timeoutSeconds = timeoutField ? body.duration(timeoutField, 'sql `timeout`') : DEFAULT_SQL_TIMEOUT_SECONDS;
    if (query && write === false) {
      for (const call of replicationChangingCalls(query.value))
        ctx.report(
          query.span.posAt(call.offset),
          'sql-changes-replication',
          `\`${call.name}\` changes replication state, which PostgreSQL allows even in a read-only transaction`,
          'say `write: true`: the step is then mutating — locked, previewed in a dry run, refused where SQL runs read-only',
        );
    }
    if (!connection || !query || write === undefined || timeoutSeconds === undefined) return undefined;
    return { ...base, kind: 'sql', connection: connection.value, query: query.value, write, expect, timeoutSeconds };
  },
  mutates: (block) => block.write,
};
