import { oneBlock } from '../common/testing/one-block';

describe('aws', () => {
  it('reports the CLI error at its position in the file', () => {
    expect(oneBlock('aws', 'aws rds describe-db-clusters \\\n  --db-cluster-identifer {{ cluster }}').codes).toEqual(['9:3 unknown-flag']);
  });

  it('`when:` is a CEL condition over params and earlier steps', () => {
    const { block: aws, codes } = oneBlock('aws rollback when: params.cluster != ""', 'aws rds describe-db-clusters');
    expect(codes).toEqual([]);
    expect(aws).toMatchObject({ rollback: true, when: { expr: 'params.cluster != ""', pos: { line: 7, column: 23 } } });
    expect(oneBlock('aws when: nope', 'aws rds describe-db-clusters').codes).toEqual(['7:14 cel-unknown-variable']);
  });
});
