/** `switchyard validate` as a user runs it: shipped runbooks pass, each malformed case names file:line:col. */
import { readFileSync, readdirSync } from 'node:fs';
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
