import { shippedRunbook } from '../testing/runbooks';
import { awsHoverAt } from './aws-hover';

describe('awsHoverAt', () => {
  const lines = shippedRunbook('failover.md').split('\n');
  const failoverLine = lines.findIndex((l) => l.startsWith('aws rds failover-db-cluster'));

  it('names the SDK operation of an aws line and says it mutates', () => {
    const hover = awsHoverAt(lines, failoverLine);
    expect(hover).toMatchObject({ service: 'rds', sdkOperation: 'FailoverDBCluster', mutating: true, startLine: failoverLine });
    expect(hover!.markdown).toContain('FailoverDBClusterCommand');
    expect(hover!.markdown).toContain('**Mutating**');
    expect(hover!.markdown).toContain('`--db-cluster-identifier`');
  });

  it('says a describe call is read-only, also on its continuation lines', () => {
    const doc = ['## Look', '', '```aws', 'aws rds describe-db-clusters \\', '  --db-cluster-identifier prod-app', '```'];
    const hover = awsHoverAt(doc, 4);
    expect(hover).toMatchObject({ sdkOperation: 'DescribeDBClusters', mutating: false, startLine: 3, endLine: 4 });
    expect(hover!.markdown).toContain('**Read-only**');
  });

  it('is silent outside aws fences and on fence lines', () => {
    expect(awsHoverAt(lines, 0)).toBeUndefined();
    expect(awsHoverAt(lines, failoverLine - 1)).toBeUndefined();
    expect(awsHoverAt(['```sh', 'aws rds failover-db-cluster', '```'], 1)).toBeUndefined();
  });

  it('says so when the operation does not exist', () => {
    const hover = awsHoverAt(['```aws', 'aws rds fail-over-db-cluster --db-cluster-identifier x', '```'], 1);
    expect(hover?.sdkOperation).toBe('');
    expect(hover?.markdown).toMatch(/not an operation Switchyard can run/);
  });
});
