import { bindSql, ConninfoUnavailableError, SqlTemplateError, SqlValueError } from './bind-sql';
import { renderConninfo } from './conninfo';
import { analyzeSqlTemplate } from './sql-template';

const HOSTILE = ["x' or '1'='1", "'; drop table orders; --", 'a"b', '$1', '$$; drop table t; $$', "\\'; select 1; --", 'line\n-- comment'];

describe('bindSql', () => {
  it.each(HOSTILE)('binds %j as a value: the text never holds it', (value) => {
    for (const query of [`select * from orders where customer = {{ c }}`, `select * from orders where customer = '{{ c }}'`]) {
      const bound = bindSql(query, { c: value });
      expect(bound).toMatchObject({ text: 'select * from orders where customer = $1', values: [value] });
    }
  });

  it('numbers the values in order; numbers, booleans, lists and null as PostgreSQL reads them', () => {
    expect(
      bindSql('select {{ n }}::int, {{ b }}, {{ l }}::jsonb, {{ z }} where x = {{ n + 1 }}', { n: 5, b: true, l: [1, 'a'], z: null }),
    ).toMatchObject({
      text: 'select $1::int, $2, $3::jsonb, $4 where x = $5',
      values: ['5', 'true', '[1,"a"]', null, '6'],
    });
  });

  it('quotes ident() values as one identifier: quotes, dots, upper case', () => {
    expect(bindSql('select count(*) from {{ ident(s) }}.{{ ident(t) }}', { s: 'Sales', t: 'Weird "Name".x' })).toMatchObject({
      text: 'select count(*) from "Sales"."Weird ""Name"".x"',
      values: [],
    });
    expect(() => bindSql('select * from {{ ident(t) }}', { t: '' })).toThrow(SqlValueError);
    expect(() => bindSql('select * from {{ ident(t) }}', { t: 'a\0b' })).toThrow(/NUL/);
  });

  it('takes a whole query from its template (validation allows that only for `type: sql` params)', () => {
    expect(bindSql(' {{ q }};', { q: 'select 1' })).toMatchObject({ text: ' select 1;', values: [] });
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

  it('shows the text it sends, when nothing in it is secret', () => {
    const bound = bindSql('select * from {{ ident(t) }} where a = {{ a }}', { t: 'x', a: 1 });
    expect(bound.display).toBe(bound.text);
  });

  it.each(HOSTILE)('quotes literal(%j) as one string literal, for DDL options that take no bound value', (value) => {
    const bound = bindSql('create subscription s connection {{ literal(c) }} publication p with (slot_name = {{ literal(c) }})', {
      c: value,
    });
    expect(bound.values).toEqual([]);
    const literal = bound.text.slice('create subscription s connection '.length, bound.text.indexOf(' publication'));
    // What PostgreSQL reads back from the literal is the value itself, and nothing after it.
    expect(unquoteLiteral(literal)).toBe(value);
    expect(bound.text.endsWith(`with (slot_name = ${literal})`)).toBe(true);
  });

  it('refuses a literal() that is not a string, and a literal glued to other text', () => {
    expect(() => bindSql('select {{ literal(n) }}', { n: 3 })).toThrow(SqlValueError);
    expect(analyzeSqlTemplate('select x{{ literal(n) }}').problems.map((p) => p.code)).toEqual(['sql-template-glued']);
    expect(analyzeSqlTemplate('select {{ literal(n) }}.x').problems.map((p) => p.code)).toEqual(['sql-template-not-a-value']);
  });

  it('puts a configured connection into the text as a conninfo literal, its password only in what is sent', () => {
    const green = {
      name: 'green',
      host: "db'host",
      port: 5433,
      database: 'app',
      user: 'repl\\er',
      passwordEnv: 'GREEN_PW',
      ssl: 'require' as const,
    };
    const lookup = (name: string) => renderConninfo({ ...green, name }, { GREEN_PW: "s3cr'et" });
    const bound = bindSql('create subscription {{ ident(s) }} connection {{ conninfo("green") }} publication p', { s: 'rev' }, lookup);
    expect(bound.values).toEqual([]);
    expect(unquoteLiteral(bound.text.split(' connection ')[1].split(' publication')[0])).toBe(
      "host='db\\'host' port='5433' dbname='app' user='repl\\\\er' sslmode='require' password='s3cr\\'et'",
    );
    const shown = unquoteLiteral(bound.display.split(' connection ')[1].split(' publication')[0]);
    expect(shown).toMatch(/ password='\*+'$/);
    expect(bound.display).not.toContain('s3cr');
    expect(() => bindSql('select {{ conninfo("green") }}', {})).toThrow(ConninfoUnavailableError);
  });
});

/** How PostgreSQL reads a string literal: '…' with '' for a quote, or E'…' where backslashes escape. */
function unquoteLiteral(literal: string): string {
  const trimmed = literal.trim();
  const escaped = trimmed.startsWith("E'");
  const body = trimmed.slice(escaped ? 2 : 1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === "'") {
      if (body[i + 1] !== "'") throw new Error(`the literal ends early at ${i}: ${literal}`);
      out += "'";
      i++;
    } else if (c === '\\' && escaped) {
      out += body[i + 1];
      i++;
    } else out += c;
  }
  return out;
}
