import { quickFixFor } from './quick-fix';

describe('quickFixFor', () => {
  const message = 'unknown flag `--db-cluster-identifer` for rds failover-db-cluster\nhint: did you mean `--db-cluster-identifier`?';

  it('replaces the misspelled flag with the one the hint names', () => {
    expect(quickFixFor(message, '--db-cluster-identifer')).toEqual({
      title: 'Change to --db-cluster-identifier',
      text: '--db-cluster-identifier',
      length: '--db-cluster-identifer'.length,
    });
  });

  it('keeps the value of --flag=value', () => {
    expect(quickFixFor(message, '--db-cluster-identifer=prod-app')).toMatchObject({ length: '--db-cluster-identifer'.length });
  });

  it('offers nothing without a "did you mean", or when the text is already the suggestion', () => {
    expect(quickFixFor('unknown flag `--x`\nhint: its flags are: --a --b', '--x')).toBeUndefined();
    expect(quickFixFor('unknown flag `--x`', '--x')).toBeUndefined();
    expect(quickFixFor(message, '--db-cluster-identifier')).toBeUndefined();
    // A hint that merely contains the words elsewhere is not a suggestion.
    expect(quickFixFor('x\nhint: see `a` — did you mean `b`? or `c`', 'a')).toBeUndefined();
  });
});
