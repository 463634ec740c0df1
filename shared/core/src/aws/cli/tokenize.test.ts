import { tokenizeCli } from './tokenize';

const words = (source: string): string[] => tokenizeCli(source).tokens.map((t) => t.text);

describe('tokenizeCli', () => {
  it('splits on whitespace and keeps each word start', () => {
    const { tokens, errors } = tokenizeCli('aws  rds describe-db-clusters');
    expect(errors).toEqual([]);
    expect(tokens.map((t) => [t.text, t.start])).toEqual([
      ['aws', 0],
      ['rds', 5],
      ['describe-db-clusters', 9],
    ]);
  });

  it('removes quotes like a POSIX shell and maps characters to their source offsets', () => {
    const { tokens } = tokenizeCli(`--tags 'Key=a b' "x\\"y" a'b'"c"`);
    expect(tokens.map((t) => t.text)).toEqual(['--tags', 'Key=a b', 'x"y', 'abc']);
    expect(tokens[1].offsets[0]).toBe(8);
  });

  it('joins backslash-newline continuations and skips comments', () => {
    const source = '# list the clusters\naws rds \\\n  describe-db-clusters # all of them\n';
    expect(words(source)).toEqual(['aws', 'rds', 'describe-db-clusters']);
  });

  it('keeps a {{ template }} with spaces as part of one word', () => {
    expect(words('--x {{ cluster }}-old --y "{{ a }}" {{b}}')).toEqual(['--x', '{{ cluster }}-old', '--y', '{{ a }}', '{{b}}']);
  });

  it('reports shell syntax the line would need a shell for', () => {
    const { errors } = tokenizeCli('aws rds describe-db-clusters --db-cluster-identifier $CLUSTER | jq');
    expect(errors.map((e) => [e.code, e.offset])).toEqual([
      ['shell-syntax', 53],
      ['shell-syntax', 62],
    ]);
  });

  it('accepts $ inside single quotes', () => {
    expect(tokenizeCli("--query '$x'").errors).toEqual([]);
  });

  it('reports an unterminated quote and a second command', () => {
    expect(tokenizeCli("aws rds 'oops").errors[0]).toMatchObject({ code: 'unterminated-quote', offset: 8 });
    expect(tokenizeCli('aws sts get-caller-identity\naws rds describe-db-clusters').errors[0]).toMatchObject({
      code: 'multiple-commands',
      offset: 28,
    });
  });
});
