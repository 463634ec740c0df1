import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { formatDiagnostic } from './diagnostic';
import { parseRunbook } from './parse-runbook';

const DIR = path.resolve(__dirname, '../../test-fixtures/malformed');
const EXPECTED = JSON.parse(readFileSync(path.join(DIR, 'expected.json'), 'utf8')) as Record<
  string,
  { code: string; line: number; column: number }
>;

function errorsOf(name: string) {
  const file = path.join(DIR, name);
  const { runbook, diagnostics } = parseRunbook(file, readFileSync(file, 'utf8'));
  return { runbook, errors: diagnostics.filter((d) => d.severity === 'error') };
}

describe('malformed runbooks: each defect is reported once, at its file:line:col', () => {
  it('has an expectation for every fixture', () => {
    expect(
      readdirSync(DIR)
        .filter((f) => f.endsWith('.md'))
        .sort(),
    ).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s → %j', (name, expected) => {
    const { errors } = errorsOf(name);
    expect(errors.map(({ code, line, column }) => ({ code, line, column }))).toEqual([expected]);
    expect(formatDiagnostic(errors[0])).toMatch(
      new RegExp(`^${path.join(DIR, name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${expected.line}:${expected.column}: error: `),
    );
  });
});

describe('malformed runbooks: messages a tired on-call engineer can act on', () => {
  const first = (name: string) => errorsOf(name).errors[0];

  it('unclosed fence: says which fence and how to close it', () => {
    expect(first('unclosed-fence.md')).toMatchObject({
      message: 'the ```aws fence opened here is never closed',
      hint: expect.stringContaining('closing ```'),
    });
  });

  it('unknown block kind: suggests the kind it resembles', () => {
    expect(first('unknown-block-kind.md')).toMatchObject({
      message: 'unknown block kind `wiat`',
      hint: expect.stringMatching(/^did you mean `wait`\?/),
    });
  });

  it('YAML errors: name the front matter or the block', () => {
    expect(first('front-matter-yaml.md').message).toMatch(/^YAML syntax error in the front matter: /);
    expect(first('block-yaml.md').message).toMatch(/^YAML syntax error in the check block: /);
  });

  it('undeclared params: suggest the declared one', () => {
    expect(first('undeclared-param.md')).toMatchObject({
      message: '`{{ clustr }}` uses `clustr`, which is not a declared param or runbook variable',
      hint: expect.stringMatching(/^did you mean `cluster`\?/),
    });
    expect(first('template-unknown-variable.md').message).toContain('uses `suffix`');
  });

  it('param types: default, type name and `of`', () => {
    expect(first('param-wrong-default.md').message).toBe('param `page` is a number, but its default "twenty" is not');
    expect(first('param-unknown-type.md').hint).toContain('`rds-instance`');
    expect(first('param-of-missing.md').hint).toBe('did you mean `cluster`?');
  });

  it('aws lines: resolved against the SDK', () => {
    expect(first('aws-not-cli.md').message).toContain('starting with `aws`, not `rds`');
    expect(first('aws-unknown-service.md').hint).toBe('Switchyard runs these services: rds, cloudwatch, ce, sts, resourcegroupstaggingapi');
    expect(first('aws-unknown-operation.md').hint).toBe('did you mean `failover-db-cluster`?');
    expect(first('aws-unknown-flag.md').hint).toBe('did you mean `--target-db-instance-identifier`?');
    expect(first('aws-invalid-value.md').message).toBe('--max-records: `twenty` is not a number');
    expect(first('aws-template-structure.md')).toMatchObject({
      message: '--tags is list<Tag>, but `{{ tags }}` stands for its structure: a template can only be one value',
      hint: expect.stringContaining('Key=owner,Value={{ owner }}'),
    });
  });

  it('CEL: syntax and unknown variables', () => {
    expect(first('cel-syntax.md').message).toMatch(/^check `expect`: CEL syntax error/);
    expect(first('cel-unknown-variable.md').message).toBe('check `expect`: unknown variable `min_readers`');
  });

  it('structure: timeout, duplicates, locks, empty, step order', () => {
    expect(first('wait-without-timeout.md').hint).toContain('timeout: 10m');
    expect(first('duplicate-step-name.md').message).toBe('a step named “Check the cluster” already exists (line 8)');
    expect(first('duplicate-step-id.md').message).toBe('step id `look` is already used by “Look at the cluster” (line 8)');
    expect(first('mutating-without-lock.md').hint).toContain('locks:');
    expect(first('empty-runbook.md').message).toBe('the runbook has no steps');
    expect(first('step-not-earlier.md').message).toBe('`steps.choose` is read before step `choose` has run');
  });

  it('still returns the best-effort model alongside the errors', () => {
    expect(errorsOf('aws-unknown-flag.md').runbook?.steps.map((s) => s.id)).toEqual(['fail_over']);
  });
});
