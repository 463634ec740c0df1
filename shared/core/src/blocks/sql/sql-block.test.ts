import { parseRunbook } from '../../runbook/parse-runbook';
import { oneBlock } from '../common/testing/one-block';
import type { SqlBlock } from './sql-block';

describe('sql', () => {
  it('reads a query with expectations over rows, read-only by default', () => {
    const { block: sql, codes } = oneBlock(
      'sql',
      'connection: blue\nquery: |\n  select 1 as n\n  from {{ cluster }}\nexpect:\n  - rows[0].n == 1',
    );
    expect(codes).toEqual([]);
    expect(sql as SqlBlock).toMatchObject({
      connection: 'blue',
      query: 'select 1 as n\nfrom {{ cluster }}\n',
      write: false,
      timeoutSeconds: 60,
      templates: [{ expr: 'cluster', pos: { line: 11, column: 8 } }],
    });
  });

  it('a writing query mutates and so needs a lock', () => {
    const { diagnostics } = parseRunbook('rb.md', '## A\n```sql\nconnection: x\nquery: delete from t\nwrite: true\n```\n');
    expect(diagnostics.map((d) => d.code)).toEqual(['mutating-without-lock']);
  });

  it('needs a connection and a query', () => {
    expect(oneBlock('sql', 'write: false').codes).toEqual(['7:1 missing-key', '7:1 missing-key']);
  });
});
