import { parseRunbook } from './parse-runbook';

describe('a key given twice in a YAML map', () => {
  it('is an error at the second one, naming the key and the line of the first', () => {
    const source =
      '---\nparams:\n  cluster: rds-cluster\n  cluster: string\n---\n## A\n```check\nexpect:\n  - 1 == 1\nexpect:\n  - 2 == 2\n```\n';
    expect(parseRunbook('rb.md', source).diagnostics).toEqual([
      expect.objectContaining({
        line: 4,
        column: 3,
        code: 'yaml-syntax',
        message: 'YAML syntax error in the front matter: the key `cluster` is given twice (first on line 3)',
      }),
      expect.objectContaining({
        line: 10,
        column: 1,
        code: 'yaml-syntax',
        message: 'YAML syntax error in the check block: the key `expect` is given twice (first on line 8)',
      }),
    ]);
  });

  it('is found in flow maps and nested maps; equal text of another type is another key', () => {
    const source =
      '---\nparams:\n  n: { type: number, default: 1, type: string }\n---\n## A\n```check\nexpect:\n  - that: "1 == 1"\n    message: a\n    message: b\n```\n';
    expect(parseRunbook('rb.md', source).diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      '3:34 YAML syntax error in the front matter: the key `type` is given twice (first on line 3)',
      '10:5 YAML syntax error in the check block: the key `message` is given twice (first on line 9)',
    ]);
    const typed =
      '---\nparams:\n  cluster: rds-cluster\n---\n## A\n```check\nobserve:\n  m: { metric: CPU, dimensions: { 1: a, "1": b } }\nexpect:\n  - 1 == 1\n```\n';
    expect(parseRunbook('rb.md', typed).diagnostics.filter((d) => d.code === 'yaml-syntax')).toEqual([]);
  });
});
