/**
 * Hostile values through the real CLI: every `{{ }}` of an `sh` script or a SQL query must end as
 * data, never as code; an `sh` script sees no inherited secret; a timed-out script fails and its
 * whole process group dies.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { processStat } from '../shared/core/src/engine/process-group';
import { GUARD_PASSWORD, startPgServer, type PgServer } from '../shared/core/src/sql/testing/pg-server';
import { cli } from './support/cli';
import { parseRunEvents, type RunbookResult } from './support/runbook-harness';

jest.setTimeout(90_000);

const HOSTILE = [
  'x"; id > pwned; echo "',
  '$(id > pwned)',
  '`id > pwned`',
  'line one\nid > pwned',
  `it's '; id > pwned; echo '`,
  "'; drop table orders; --",
  "x' or '1'='1",
  '* ? [a]',
  '${HOME} \\$(id) \\',
];

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'switchyard-inject-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function runbook(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

async function run(
  file: string,
  params: Record<string, string>,
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<RunbookResult> {
  const pairs = Object.entries(params).flatMap(([k, v]) => ['--param', `${k}=${v}`]);
  return parseRunEvents(await cli(['run', file, ...pairs, '--store', path.join(dir, 'store'), ...args, '--json'], env));
}

const FENCE = '```';

describe('sh blocks', () => {
  const contexts = `---
title: A value in every shell context
params:
  name: { type: string }
  workdir: { type: string }
locks: ["drill:{{ workdir }}"]
---

## Write the value {#write}

${FENCE}sh
cd {{ workdir }}
echo {{ name }} > unquoted.txt
echo "{{ name }}" > dquoted.txt
echo "$(echo {{ name }})" > subst.txt
echo "\`echo "{{ name }}"\`" > backtick.txt
cat > heredoc.txt <<EOF
{{ name }}
EOF
printf '%s\\n' "$SWITCHYARD_PARAM_NAME" > env.txt
${FENCE}
`;

  it.each(HOSTILE)('keep %j as data in every context: nothing runs, the value arrives literally', async (value) => {
    const work = path.join(dir, 'work');
    mkdirSync(work);
    const result = await run(runbook('contexts.md', contexts), { name: value, workdir: work }, ['--trust-shell']);
    expect(existsSync(path.join(work, 'pwned'))).toBe(false);
    expect(result.code).toBe(0);
    for (const file of ['unquoted', 'dquoted', 'subst', 'backtick', 'heredoc', 'env'])
      expect([file, readFileSync(path.join(work, `${file}.txt`), 'utf8')]).toEqual([file, `${value}\n`]);
  });

  it('refuse a template inside single quotes at validation, at its line and column', async () => {
    const file = runbook(
      'quoted.md',
      `---\ntitle: q\nparams:\n  name: { type: string }\nlocks: ["x:{{ name }}"]\n---\n\n## Echo\n\n${FENCE}sh\necho 'hello {{ name }}'\n${FENCE}\n`,
    );
    const result = await cli(['validate', file]);
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toMatch(/quoted\.md:11:13: error: .*single quotes/);
  });

  it('do not pass the runner’s secrets (AWS keys, tokens) to the script', async () => {
    const file = runbook(
      'env.md',
      `---\ntitle: env\nparams:\n  name: { type: string }\nlocks: ["x:{{ name }}"]\n---\n\n## Dump the environment\n\n${FENCE}sh\nenv > ${dir}/env.txt\n${FENCE}\n`,
    );
    const secrets = { AWS_SECRET_ACCESS_KEY: 'sekrit-aws-123', AWS_SESSION_TOKEN: 'sekrit-session-456', GITHUB_TOKEN: 'sekrit-gh-789' };
    const result = await run(file, { name: 'drill' }, ['--trust-shell'], secrets);
    expect(result.code).toBe(0);
    const env = readFileSync(path.join(dir, 'env.txt'), 'utf8');
    expect(env).not.toMatch(/sekrit|AWS_|GITHUB_TOKEN/);
    expect(env).toMatch(/^SWITCHYARD_PARAM_NAME=drill$/m);
    expect(env).toMatch(/^PATH=/m);
  });

  it('fail at the timeout, killing a script that ignores SIGTERM and its background child after the grace period', async () => {
    const file = runbook(
      'slow.md',
      `---\ntitle: slow\nparams:\n  workdir: { type: string }\nlocks: ["x:{{ workdir }}"]\n---\n\n## Ignore TERM {#slow}\n\n${FENCE}sh timeout=3s
trap '' TERM
sleep 40 >/dev/null 2>&1 &
echo $! > {{ workdir }}/child.pid
sleep 25
${FENCE}\n`,
    );
    const started = Date.now();
    const result = await run(file, { workdir: dir }, ['--trust-shell']);
    const elapsed = (Date.now() - started) / 1000;
    const child = Number(readFileSync(path.join(dir, 'child.pid'), 'utf8'));
    // A killed orphan may stay a zombie where PID 1 does not reap: only a running process counts.
    const alive = !['Z', 'X', undefined].includes(processStat(child)?.state);
    if (alive) process.kill(child, 'SIGKILL');
    expect(result.code).toBe(1);
    expect(result.events.find((e) => e.type === 'step' && e.stepId === 'slow' && e.status === 'failed')).toBeDefined();
    expect(result.stdout).toMatch(/timed out after 3 s/);
    expect(elapsed).toBeGreaterThanOrEqual(3 + 5);
    expect(elapsed).toBeLessThan(3 + 5 + 6);
    expect(alive).toBe(false);
  });
});

describe('sql blocks and data guards on PostgreSQL', () => {
  let pg: PgServer;
  let connections: string;
  const env = { SWITCHYARD_TEST_PG_PASSWORD: GUARD_PASSWORD };
  const WEIRD = 'Weird "Name".x';

  beforeAll(async () => {
    pg = await startPgServer('inject');
    await pg.exec(`
      create table orders (id int primary key, customer text not null);
      insert into orders values (1, 'alice'), (2, 'bob'), (3, 'carol');
      create table "Weird ""Name"".x" (id int primary key);
      insert into "Weird ""Name"".x" values (1), (2);`);
    const connDir = mkdtempSync(path.join(tmpdir(), 'switchyard-inject-conn-'));
    connections = path.join(connDir, 'connections.yaml');
    const line = (name: string) =>
      `  ${name}: { host: 127.0.0.1, port: ${pg.port}, database: app, user: guard, password-env: SWITCHYARD_TEST_PG_PASSWORD, ssl: disable }`;
    writeFileSync(connections, `connections:\n${line('blue')}\n${line('green')}\n`);
  }, 120_000);
  afterAll(async () => {
    await pg?.stop();
  });

  const count = async (table = 'orders') => Number((await pg.exec(`select count(*)::int as n from ${table}`))[0].n);
  const sqlRun = (file: string, params: Record<string, string>, args: string[] = []) =>
    run(file, params, ['--connections', connections, ...args], env);

  const lookup = `---
title: Look a customer up
params:
  customer: { type: string }
locks: ["orders:{{ customer }}"]
---

## Count their orders {#count}

${FENCE}sql
connection: blue
query: select count(*) as n from orders where customer = '{{ customer }}'
${FENCE}

## Replay it on both sides {#replay}

${FENCE}check
observe:
  same: { replay: { left: blue, right: green, queries: ["select id from orders where customer = '{{ customer }}'"] } }
expect: [same.equal]
output:
  rows: same.queries[0].leftRows
${FENCE}

## Touch their orders {#touch}

${FENCE}sql
connection: blue
write: true
query: update orders set customer = customer where customer = {{ customer }}
${FENCE}
`;

  it.each(HOSTILE)('bind %j as a value: it matches no customer and changes nothing', async (value) => {
    await pg.exec('grant update on orders to guard');
    const result = await sqlRun(runbook('lookup.md', lookup), { customer: value }, ['--allow-sql-writes']);
    expect(result.outputs.count).toMatchObject({ rows: [{ n: 0 }], rowCount: 1 });
    expect(result.outputs.replay).toEqual({ rows: 0 });
    expect(await count()).toBe(3);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.outputs.touch).toMatchObject({ rowCount: 0 });
  });

  it('still finds a real customer', async () => {
    const result = await sqlRun(runbook('lookup.md', lookup), { customer: 'bob' }, ['--allow-sql-writes']);
    expect(result.code).toBe(0);
    expect(result.outputs.count).toMatchObject({ rows: [{ n: 1 }] });
    expect(result.outputs.replay).toEqual({ rows: 1 });
  });

  it('quote an identifier given through ident(): quotes, dots and upper case name one table', async () => {
    const file = runbook(
      'ident.md',
      `---\ntitle: ident\nparams:\n  table: { type: string }\n---\n\n## Count {#count}\n\n${FENCE}sql\nconnection: blue\nquery: select count(*) as n from {{ ident(table) }}\n${FENCE}\n\n## Checksum {#sums}\n\n${FENCE}check\nobserve:\n  sums: { checksum: { left: blue, right: green, tables: ["{{ ident(table) }}"] } }\nexpect: [sums.equal]\noutput:\n  rows: sums.rows\n${FENCE}\n`,
    );
    const result = await sqlRun(file, { table: WEIRD });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.outputs.count).toMatchObject({ rows: [{ n: 2 }] });
    expect(result.outputs.sums).toEqual({ rows: 2 });
  });

  it('refuse at validation a template where a value cannot go (a table name without ident())', async () => {
    const file = runbook(
      'table.md',
      `---\ntitle: t\nparams:\n  table: { type: string }\n---\n\n## Count\n\n${FENCE}sql\nconnection: blue\nquery: select count(*) from {{ table }}\n${FENCE}\n`,
    );
    const result = await cli(['validate', file]);
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toMatch(
      /table\.md:11:29: error: `\{\{ table \}\}` stands where a name goes.*\n\s+hint: .*\{\{ ident\(x\) \}\}/,
    );
  });

  it('refuse a whole query from a string param; run one from a `sql` param, read-only', async () => {
    const body = (type: string) =>
      `---\ntitle: q\nparams:\n  q: { type: ${type} }\n---\n\n## Replay {#replay}\n\n${FENCE}check\nobserve:\n  same: { replay: { left: blue, right: green, queries: ["{{ q }}"] } }\nexpect: [same.equal]\noutput:\n  rows: same.queries[0].leftRows\n${FENCE}\n\n## Run {#run}\n\n${FENCE}sql\nconnection: blue\nquery: "{{ q }}"\n${FENCE}\n`;
    const refused = await cli(['validate', runbook('string.md', body('string'))]);
    expect(refused.code).toBe(1);
    expect(refused.stdout + refused.stderr).toMatch(/string\.md:11:58: error: .*not SQL\n\s+hint: declare it `q: \{ type: sql \}`/);
    const ok = await sqlRun(runbook('sql.md', body('sql')), { q: 'select id from orders order by id' });
    expect(ok.code).toBe(0);
    expect(ok.outputs.replay).toEqual({ rows: 3 });
    const write = await sqlRun(runbook('sql.md', body('sql')), { q: 'delete from orders' });
    expect(write.code).toBe(1);
    expect(await count()).toBe(3);
  });

  it('read a hostile checksum table name as a name, not as SQL', async () => {
    const file = runbook(
      'sums.md',
      `---\ntitle: s\nparams:\n  table: { type: string }\n---\n\n## Checksum {#sums}\n\n${FENCE}check\nobserve:\n  sums: { checksum: { left: blue, right: green, tables: ["{{ table }}"] } }\nexpect: [sums.equal]\n${FENCE}\n`,
    );
    const result = await sqlRun(file, { table: 'orders; drop table orders; --' });
    expect(result.code).toBe(1);
    expect(await count()).toBe(3);
  });
});
