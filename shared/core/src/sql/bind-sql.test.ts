import { bindSql, SqlTemplateError, SqlValueError } from './bind-sql';
import { analyzeSqlTemplate } from './sql-template';

const HOSTILE = ["x' or '1'='1", "'; drop table orders; --", 'a"b', '$1', '$$; drop table t; $$', "\\'; select 1; --", 'line\n-- comment'];

describe('bindSql', () => {
  it.each(HOSTILE)('binds %j as a value: the text never holds it', (value) => {
    for (const query of [`select * from orders where customer = {{ c }}`, `select * from orders where customer = '{{ c }}'`]) {
      const bound = bindSql(query, { c: value });
      expect(bound).toEqual({ text: 'select * from orders where customer = $1', values: [value] });
    }
  });

  it('numbers the values in order; numbers, booleans, lists and null as PostgreSQL reads them', () => {
    expect(
      bindSql('select {{ n }}::int, {{ b }}, {{ l }}::jsonb, {{ z }} where x = {{ n + 1 }}', { n: 5, b: true, l: [1, 'a'], z: null }),
    ).toEqual({
      text: 'select $1::int, $2, $3::jsonb, $4 where x = $5',
      values: ['5', 'true', '[1,"a"]', null, '6'],
    });
  });

  it('quotes ident() values as one identifier: quotes, dots, upper case', () => {
    expect(bindSql('select count(*) from {{ ident(s) }}.{{ ident(t) }}', { s: 'Sales', t: 'Weird "Name".x' })).toEqual({
      text: 'select count(*) from "Sales"."Weird ""Name"".x"',
      values: [],
    });
    expect(() => bindSql('select * from {{ ident(t) }}', { t: '' })).toThrow(SqlValueError);
    expect(() => bindSql('select * from {{ ident(t) }}', { t: 'a\0b' })).toThrow(/NUL/);
  });

  it('takes a whole query from its template (validation allows that only for `type: sql` params)', () => {
    expect(bindSql(' {{ q }};', { q: 'select 1' })).toEqual({ text: ' select 1;', values: [] });
    expect(() => bindSql('{{ q }}', { q: 3 })).toThrow(SqlValueError);
  });

  it('refuses what validation refuses, should a query get here', () => {
    expect(() => bindSql("select '{{ a }}x'", { a: 'v' })).toThrow(SqlTemplateError);
  });
});

describe('analyzeSqlTemplate', () => {
  const codes = (q: string) => analyzeSqlTemplate(q).problems.map((p) => `${p.offset} ${p.code}`);

  it('reads strings, quoted identifiers, dollar quotes and comments as PostgreSQL does', () => {
    expect(codes(`select 'it''s {{ a }}'`)).toEqual(['14 sql-template-in-string']);
    expect(codes(`select E'\\'{{ a }}'`)).toEqual(['11 sql-template-in-string']);
    expect(codes(`select E'{{ a }}'`)).toEqual(['9 sql-template-in-string']);
    expect(codes(`select "col {{ a }}"`)).toEqual(['12 sql-template-in-identifier']);
    expect(codes(`select $x$ {{ a }} $x$, $$ {{ b }} $$`)).toEqual(['11 sql-template-in-string', '27 sql-template-in-string']);
    expect(codes(`select /* a /* {{ a }} */ */ 1`)).toEqual(['15 sql-template-in-comment']);
    expect(codes(`select 1 /* x */, {{ a }}, 'a' || {{ b }} -- {{ c }}\n, {{ d }}`)).toEqual(['45 sql-template-in-comment']);
  });

  it('refuses a value where a name or a typed literal goes, or glued to other text', () => {
    expect(codes('select * from t order by {{ a }}')).toEqual(['25 sql-template-not-a-value']);
    expect(codes('select {{ a }}.id from t')).toEqual(['7 sql-template-not-a-value']);
    expect(codes('select {{ f }}(1)')).toEqual(['7 sql-template-not-a-value']);
    expect(codes('select now() - interval {{ a }}')).toEqual(['24 sql-template-not-a-value']);
    expect(codes('select x_{{ a }}')).toEqual(['9 sql-template-glued']);
    expect(codes('select {{ a }}::interval, {{ b }} as n, c in ({{ c }}, {{ d }}) from t where c = any({{ e }})')).toEqual([]);
  });
});
