import { parseRunbook } from './parse-runbook';
import { RUNBOOK_LIMITS, utf8Length } from './limits';

const HEAD = '---\nparams:\n  cluster: rds-cluster\n---\n';
const step = (i: number) => `## Step ${i}\n\nDo ${i}.\n`;
const errorsOf = (source: string, options?: Parameters<typeof parseRunbook>[2]) =>
  parseRunbook('big.md', source, options).diagnostics.filter((d) => d.severity === 'error');

describe('runbook size limits: fail fast with one clear error', () => {
  it('refuses a file over 1 MiB before reading any of it, at 1:1', () => {
    // 2 MiB of broken blocks: parsed, it would give thousands of errors.
    const source = HEAD + '## A\n' + '```chek\nx\n```\n'.repeat(150_000);
    const result = parseRunbook('big.md', source);
    expect(result.runbook).toBeUndefined();
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        file: 'big.md',
        line: 1,
        column: 1,
        severity: 'error',
        code: 'runbook-too-large',
        message: expect.stringMatching(/^the file is 2\.\d MiB; a runbook may be at most 1\.0 MiB$/),
        hint: expect.stringContaining('split it into several runbooks'),
      }),
    ]);
  });

  it('counts bytes, not characters: 600,000 two-byte characters are over the limit', () => {
    const source = `${HEAD}## A\n\n${'é'.repeat(600_000)}\n`;
    expect(source.length).toBeLessThan(RUNBOOK_LIMITS.maxBytes);
    expect(errorsOf(source).map((d) => d.code)).toEqual(['runbook-too-large']);
    for (const text of ['', 'abc', 'é', '€', '😀', 'a😀é', '\ud800x']) expect(utf8Length(text)).toBe(Buffer.byteLength(text, 'utf8'));
  });

  it('refuses more than 1,000 steps, at the first heading over the limit (exactly 1,000 are fine; a caller may raise the limit)', () => {
    expect(errorsOf(HEAD + Array.from({ length: 1000 }, (_, i) => step(i)).join('\n'))).toEqual([]);
    const source = HEAD + Array.from({ length: 1001 }, (_, i) => step(i)).join('\n');
    expect(errorsOf(source, { limits: { maxSteps: 2000 } })).toEqual([]);
    const errors = errorsOf(source);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      code: 'runbook-too-large',
      line: source.split('\n').indexOf('## Step 1000') + 1,
      column: 1,
      message: 'the runbook has 1,001 steps; at most 1,000 are allowed (this is number 1,001)',
    });
  });

  it('counts rollback steps too', () => {
    const source = HEAD + step(0) + '## Rollback\n' + Array.from({ length: 1000 }, (_, i) => `### Undo ${i}\n`).join('\n');
    expect(errorsOf(source).map((d) => d.code)).toEqual(['runbook-too-large']);
  });

  it('refuses more than 5,000 fenced blocks (examples too), at the first one over the limit', () => {
    const source = `${HEAD}## A\n\n${'```text\nexample\n```\n'.repeat(5001)}`;
    const errors = errorsOf(source);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'runbook-too-large', line: 6 + 5000 * 3 + 1, column: 1 });
    expect(errors[0].message).toMatch(/^the runbook has 5,001 fenced blocks; at most 5,000/);
  });
});
