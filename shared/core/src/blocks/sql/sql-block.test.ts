import { parseRunbook } from '../../runbook/parse-runbook';
import { oneBlock } from '../common/testing/one-block';
import type { SqlBlock } from './sql-block';

describe('sql', () => {
  it('reads a query with expectations over rows, read-only by default', () => {
    const { block: sql, codes } = oneBlock(
      'sql',
      'connection: blue\nquery: |\n  select 1 as n\n  from t where c = {{ cluster }}\nexpect:\n  - rows[0].n == 1',
    );
    expect(codes).toEqual([]);
    expect(sql as SqlBlock).toMatchObject({
      connection: 'blue',
      query: 'select 1 as n\nfrom t where c = {{ cluster }}\n',
      write: false,
      timeoutSeconds: 60,
      templates: [{ expr: 'cluster', pos: { line: 11, column: 20 } }],
    });
  });

  it('a writing query mutates and so needs a lock', () => {
    const { diagnostics } = parseRunbook('rb.md', '## A\n```sql\nconnection: x\nquery: delete from t\nwrite: true\n```\n');
    expect(diagnostics.map((d) => d.code)).toEqual(['mutating-without-lock']);
  });

  it('refuses, at their line and column, templates that cannot be bound values', () => {
    const codes = (query: string) => oneBlock('sql', `connection: blue\nquery: ${query}`).codes;
    expect(codes('select * from {{ cluster }}')).toEqual(['9:22 sql-template-not-a-value']);
    expect(codes('select * from {{ ident(cluster) }} order by {{ cluster }}')).toEqual(['9:52 sql-template-not-a-value']);
    expect(codes(`"select '{{ cluster }}-x'"`)).toEqual(['9:17 sql-template-in-string']);
    expect(codes('select 1 -- {{ cluster }}')).toEqual(['9:20 sql-template-in-comment']);
    expect(codes('select $1')).toEqual(['9:15 sql-positional-parameter']);
    expect(codes(`"select '{{ cluster }}', {{ ident(cluster) }}.id from {{ ident(cluster) }}"`)).toEqual([]);
  });

  it('takes a whole query only from a `type: sql` param', () => {
    const runbook = (type: string) =>
      `---\nparams:\n  q: { type: ${type} }\n---\n## A\n\`\`\`sql\nconnection: blue\nquery: "{{ q }}"\n\`\`\`\n`;
    expect(parseRunbook('rb.md', runbook('sql')).diagnostics).toEqual([]);
    const [refused] = parseRunbook('rb.md', runbook('string')).diagnostics;
    expect(refused).toMatchObject({ line: 8, column: 9, code: 'sql-param-type' });
    expect(refused.hint).toMatch(/q: \{ type: sql \}/);
    const [computed] = parseRunbook('rb.md', runbook('sql').replace('"{{ q }}"', `'{{ q + "x" }}'`)).diagnostics;
    expect(computed).toMatchObject({ line: 8, column: 9, code: 'sql-whole-query' });
  });

  it('refuses a read-only block that changes replication state (PostgreSQL allows it in a READ ONLY transaction)', () => {
    const codes = (query: string, write = false) => oneBlock('sql', `connection: blue\nquery: ${query}\nwrite: ${write}`).codes;
    expect(codes(`select * from pg_create_logical_replication_slot('s', 'pgoutput')`)).toEqual(['9:22 sql-changes-replication']);
    expect(codes(`select count(*) from PG_CATALOG.Pg_Logical_Slot_Get_Changes('s', null, null)`)).toEqual(['9:29 sql-changes-replication']);
    expect(codes(`select pg_drop_replication_slot({{ cluster }}), pg_replication_slot_advance('s', '0/0')`)).toEqual([
      '9:15 sql-changes-replication',
      '9:56 sql-changes-replication',
    ]);
    // Reading is fine: peeking does not consume, the catalog views change nothing.
    expect(codes(`select * from pg_logical_slot_peek_changes('s', null, null)`)).toEqual([]);
    expect(codes(`select slot_name, pg_drop_replication_slot_count from pg_replication_slots`)).toEqual([]);
    expect(codes(`select pg_create_logical_replication_slot('s', 'pgoutput')`, true)).toEqual([]);
    const { diagnostics } = parseRunbook('rb.md', "## A\n```sql\nconnection: x\nquery: select pg_drop_replication_slot('s')\n```\n");
    expect(diagnostics[0]).toMatchObject({
      code: 'sql-changes-replication',
      message: '`pg_drop_replication_slot` changes replication state, which PostgreSQL allows even in a read-only transaction',
    });
  });

  it('needs a connection and a query', () => {
    expect(oneBlock('sql', 'write: false').codes).toEqual(['7:1 missing-key', '7:1 missing-key']);
  });
});
