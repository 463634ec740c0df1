/** `switchyard validate` as a user runs it: shipped runbooks pass, each malformed case names file:line:col. */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { cli, REPO } from './support/cli';

const MALFORMED = path.join(REPO, 'shared/core/test-fixtures/malformed');
const expected = JSON.parse(readFileSync(path.join(MALFORMED, 'expected.json'), 'utf8')) as Record<
  string,
  { code: string; line: number; column: number }
>;

it('passes on every shipped runbook', async () => {
  const runbooks = readdirSync(path.join(REPO, 'runbooks'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `runbooks/${f}`);
  expect(runbooks.length).toBeGreaterThanOrEqual(3);
  const result = await cli(['validate', ...runbooks]);
  expect(result.stdout).toContain(`${runbooks.length} runbook(s) valid`);
  expect(result.code).toBe(0);
});

it('has a fixture for every malformed case', () => {
  const fixtures = readdirSync(MALFORMED).filter((f) => f.endsWith('.md'));
  expect(Object.keys(expected).sort()).toEqual(fixtures.sort());
});

describe.each(Object.entries(expected))('rejects %s', (fixture, want) => {
  it(`with ${want.code} at ${want.line}:${want.column} and exit 1`, async () => {
    const file = path.relative(REPO, path.join(MALFORMED, fixture));
    const result = await cli(['validate', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`${file}:${want.line}:${want.column}: error:`);
    expect(result.stdout).toMatch(/hint: /);
  });
});

it('reports every error of several files at once', async () => {
  const files = ['aws-unknown-flag.md', 'wait-without-timeout.md'].map((f) => path.relative(REPO, path.join(MALFORMED, f)));
  const result = await cli(['validate', ...files]);
  expect(result.code).toBe(1);
  for (const f of files) expect(result.stdout).toContain(`${f}:`);
  expect(result.stdout).toMatch(/\d+ error\(s\) in 2 file\(s\)/);
});

describe('files as Windows and hostile users save them', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'switchyard-validate-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts every shipped runbook saved with CRLF line ends and a UTF-8 BOM', async () => {
    const files = readdirSync(path.join(REPO, 'runbooks')).filter((f) => f.endsWith('.md'));
    for (const f of files) {
      const text = readFileSync(path.join(REPO, 'runbooks', f), 'utf8');
      writeFileSync(path.join(dir, f), `\ufeff${text.replace(/\n/g, '\r\n')}`);
    }
    const result = await cli(['validate', ...files.map((f) => path.join(dir, f))]);
    expect(result.stdout).toBe(`${files.length} runbook(s) valid\n`);
    expect(result.code).toBe(0);
  });

  it('reports a CRLF runbook error at the same line:col as the LF file', async () => {
    const fixture = path.join(MALFORMED, 'aws-unknown-flag.md');
    const crlf = path.join(dir, 'aws-unknown-flag.md');
    writeFileSync(crlf, `\ufeff${readFileSync(fixture, 'utf8').replace(/\n/g, '\r\n')}`);
    const result = await cli(['validate', crlf]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`${crlf}:${expected['aws-unknown-flag.md'].line}:${expected['aws-unknown-flag.md'].column}: error: `);
    expect(result.stdout).toMatch(/1 error\(s\) in 1 file\(s\)/);
  });

  it('refuses a 49 MB runbook at once, as one error at 1:1', async () => {
    const huge = path.join(dir, 'huge.md');
    writeFileSync(huge, `## A\n\n${'```chek\nx\n```\n'.repeat(3_500_000)}`);
    const result = await cli(['validate', huge]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      `${huge}:1:1: error: the file is 46.7 MiB; a runbook may be at most 1.0 MiB\n  hint: split it into several runbooks, one per procedure; keep data and long scripts in files the steps read or run\n1 error(s) in 1 file(s)\n`,
    );
  });

  it('names a path that does not exist or is a directory, and goes on with the others', async () => {
    const result = await cli(['validate', path.join(dir, 'nope.md'), 'runbooks', 'runbooks/detect.md']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`${path.join(dir, 'nope.md')}:1:1: error: no such runbook file\n  hint: check the path`);
    expect(result.stdout).toMatch(
      /runbooks:1:1: error: this is a directory \(holding \d+ runbooks\), not a runbook file\n {2}hint: name one runbook file in it, e\.g\. runbooks\/failover\.md; to check every runbook in it: switchyard validate runbooks\/\*\.md\n/,
    );
    expect(result.stdout).toMatch(/2 error\(s\) in 3 file\(s\)\n$/);
  });
});
