import { parseAwsCli } from './parse-aws-cli';
import { applyQuery, AwsQueryError, queryProblem } from './query';

const RESPONSE = {
  DBClusters: [
    {
      DBClusterIdentifier: 'prod-app',
      AvailabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
      DBClusterMembers: [
        { DBInstanceIdentifier: 'prod-app-0', IsClusterWriter: true, PromotionTier: 0 },
        { DBInstanceIdentifier: 'prod-app-1', IsClusterWriter: false, PromotionTier: 1 },
      ],
    },
  ],
};

describe('applyQuery', () => {
  it('projects, filters and multi-selects as the AWS CLI does', () => {
    expect(applyQuery(RESPONSE, 'DBClusters[0].AvailabilityZones')).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
    expect(applyQuery(RESPONSE, 'DBClusters[0].DBClusterMembers[?IsClusterWriter].DBInstanceIdentifier | [0]')).toBe('prod-app-0');
    expect(applyQuery(RESPONSE, 'DBClusters[0].DBClusterMembers[].{id:DBInstanceIdentifier,writer:IsClusterWriter}')).toEqual([
      { id: 'prod-app-0', writer: true },
      { id: 'prod-app-1', writer: false },
    ]);
    expect(applyQuery(RESPONSE, "DBClusters[?DBClusterIdentifier=='prod-app'] | length(@)")).toBe(1);
  });

  it('gives null where the CLI prints nothing', () => {
    expect(applyQuery(RESPONSE, 'DBClusters[0].NoSuchMember')).toBeNull();
  });

  it('says which expression failed on the answer, and why', () => {
    expect(() => applyQuery(RESPONSE, 'length(DBClusters[0].NoSuchMember)')).toThrow(AwsQueryError);
    expect(() => applyQuery(RESPONSE, 'length(DBClusters[0].NoSuchMember)')).toThrow(/--query "length\(.*could not be applied.*null/);
  });
});

describe('queryProblem', () => {
  it('accepts JMESPath and names what is wrong with the rest', () => {
    expect(queryProblem('DBClusters[0].Status')).toBeUndefined();
    expect(queryProblem('DBInstances[?DBClusterIdentifier==`prod-app`].{id:DBInstanceIdentifier}')).toBeUndefined();
    expect(queryProblem('DBClusters[0].{id:DBClusterIdentifier')).toMatch(/EOF/);
    expect(queryProblem('')).toBe('the expression is empty');
  });
});

describe('--query on an aws line', () => {
  it('is kept with the command, never sent as input', () => {
    const parsed = parseAwsCli(
      "aws rds describe-db-clusters --db-cluster-identifier prod-app --query 'DBClusters[0].Status' --output text",
    );
    expect(parsed.ok && parsed.command).toMatchObject({
      operation: 'DescribeDBClusters',
      input: { DBClusterIdentifier: 'prod-app' },
      query: 'DBClusters[0].Status',
    });
  });

  it('keeps an expression quoted over several lines, and quotes inside it', () => {
    const parsed = parseAwsCli(`aws rds describe-db-instances --query 'DBInstances[?DBClusterIdentifier==\`prod-app\`]
  .{id:DBInstanceIdentifier,"class":DBInstanceClass}'`);
    expect(parsed.ok && parsed.command.query).toBe(
      'DBInstances[?DBClusterIdentifier==`prod-app`]\n  .{id:DBInstanceIdentifier,"class":DBInstanceClass}',
    );
  });

  it('refuses an invalid expression with where it is and how to write one', () => {
    const line = "aws rds describe-db-clusters --query 'DBClusters[0].{id:DBClusterIdentifier'";
    const parsed = parseAwsCli(line);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors[0]).toMatchObject({ code: 'invalid-query', offset: line.indexOf("'DBClusters") });
    expect(parsed.errors[0].message).toMatch(/is not a JMESPath expression/);
    expect(parsed.errors[0].hint).toMatch(/single quotes/);
  });

  it('refuses a flag where the expression should be, as the AWS CLI does (argparse: expected one argument)', () => {
    for (const line of ['aws rds describe-db-clusters --query --region eu-west-1', "aws rds describe-db-clusters --query '--region'"]) {
      const parsed = parseAwsCli(line);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.errors.map((e) => e.code)).toContain('missing-value');
    }
  });

  it('refuses an unquoted expression that the shell would split into words', () => {
    const parsed = parseAwsCli('aws rds describe-db-clusters --query DBClusters[0] .Status');
    expect(parsed.ok).toBe(false);
  });

  it('refuses a template in the expression: the query is runbook text, not a value', () => {
    const parsed = parseAwsCli("aws rds describe-db-clusters --query 'DBClusters[?DBClusterIdentifier==`{{ cluster }}`]'");
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors[0]).toMatchObject({ code: 'template-not-a-value' });
  });

  it('accepts --query twice only once', () => {
    const parsed = parseAwsCli("aws rds describe-db-clusters --query 'a' --query 'b'");
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors[0].code).toBe('duplicate-flag');
  });
});
