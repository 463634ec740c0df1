import { parseAwsCli, type AwsCliParse } from './parse-aws-cli';

function ok(parse: AwsCliParse): Extract<AwsCliParse, { ok: true }> {
  if (!parse.ok) throw new Error(`expected a valid command, got ${JSON.stringify(parse.errors)}`);
  return parse;
}

function errors(parse: AwsCliParse): Array<{ code: string; line: number; column: number }> {
  if (parse.ok) throw new Error('expected errors');
  return parse.errors.map(({ code, line, column }) => ({ code, line, column }));
}

/** The errors with their messages and hints. */
function refused(parse: AwsCliParse) {
  if (parse.ok) throw new Error('expected errors');
  return parse.errors;
}

describe('parseAwsCli: conversion to SDK input (what the AWS CLI would send)', () => {
  it('maps flags to SDK members and classifies the operation', () => {
    const { command } = ok(
      parseAwsCli('aws rds failover-db-cluster --db-cluster-identifier prod-app --target-db-instance-identifier prod-app-1'),
    );
    expect(command).toEqual({
      service: 'rds',
      cliOperation: 'failover-db-cluster',
      operation: 'FailoverDBCluster',
      input: { DBClusterIdentifier: 'prod-app', TargetDBInstanceIdentifier: 'prod-app-1' },
      mutating: true,
    });
  });

  it('classifies describe/list/get as read-only', () => {
    expect(ok(parseAwsCli('aws rds describe-db-clusters')).command.mutating).toBe(false);
    expect(
      ok(parseAwsCli('aws rds list-tags-for-resource --resource-name arn:aws:rds:eu-west-1:123456789012:cluster:a')).command.mutating,
    ).toBe(false);
    expect(ok(parseAwsCli('aws sts get-caller-identity')).command.mutating).toBe(false);
    expect(ok(parseAwsCli('aws rds reboot-db-instance --db-instance-identifier a')).command.mutating).toBe(true);
  });

  it('converts booleans (--flag / --no-flag), numbers and scalar lists', () => {
    const { command } = ok(
      parseAwsCli(
        'aws rds modify-db-cluster --db-cluster-identifier c --apply-immediately --no-deletion-protection --backup-retention-period 7 --vpc-security-group-ids sg-1 sg-2',
      ),
    );
    expect(command.input).toEqual({
      DBClusterIdentifier: 'c',
      ApplyImmediately: true,
      DeletionProtection: false,
      BackupRetentionPeriod: 7,
      VpcSecurityGroupIds: ['sg-1', 'sg-2'],
    });
  });

  it('accepts --flag=value and a JSON array for a scalar list', () => {
    const { command } = ok(parseAwsCli(`aws rds modify-db-cluster --db-cluster-identifier=c --vpc-security-group-ids '["sg-1","sg-2"]'`));
    expect(command.input).toEqual({ DBClusterIdentifier: 'c', VpcSecurityGroupIds: ['sg-1', 'sg-2'] });
  });

  it('parses shorthand lists of structures as the CLI does (trailing items belong to the list key)', () => {
    const { command } = ok(
      parseAwsCli('aws rds describe-db-clusters --filters Name=engine,Values=aurora-postgresql,aurora-mysql Name=db-cluster-id,Values=a'),
    );
    expect(command.input).toEqual({
      Filters: [
        { Name: 'engine', Values: ['aurora-postgresql', 'aurora-mysql'] },
        { Name: 'db-cluster-id', Values: ['a'] },
      ],
    });
  });

  it('parses JSON for structures and lists of structures', () => {
    const { command } = ok(parseAwsCli(`aws rds describe-db-clusters --filters '[{"Name":"engine","Values":["aurora-mysql"]}]'`));
    expect(command.input).toEqual({ Filters: [{ Name: 'engine', Values: ['aurora-mysql'] }] });
  });

  it('types shorthand values from the schema: numbers in structures, timestamps as dates', () => {
    const { command } = ok(
      parseAwsCli(
        'aws cloudwatch get-metric-statistics --namespace AWS/RDS --metric-name AuroraReplicaLag --dimensions Name=DBClusterIdentifier,Value=c --start-time 2024-05-01T00:00:00Z --end-time 2024-05-01T01:00:00 --period 60 --statistics Maximum',
      ),
    );
    expect(command.input).toEqual({
      Namespace: 'AWS/RDS',
      MetricName: 'AuroraReplicaLag',
      Dimensions: [{ Name: 'DBClusterIdentifier', Value: 'c' }],
      StartTime: new Date('2024-05-01T00:00:00Z'),
      EndTime: new Date('2024-05-01T01:00:00Z'),
      Period: 60,
      Statistics: ['Maximum'],
    });
    const metric = ok(parseAwsCli('aws cloudwatch put-metric-data --namespace X --metric-data MetricName=m,Value=1.5,Unit=Count'));
    expect(metric.command.input.MetricData).toEqual([{ MetricName: 'm', Value: 1.5, Unit: 'Count' }]);
  });

  it('returns global options separately and never sends them', () => {
    const parse = ok(
      parseAwsCli(
        'aws --region eu-west-1 rds describe-db-clusters --endpoint-url http://127.0.0.1:4566 --no-cli-pager --output json --debug',
      ),
    );
    expect(parse.command.input).toEqual({});
    expect(parse.globals).toEqual({
      region: 'eu-west-1',
      'endpoint-url': 'http://127.0.0.1:4566',
      'no-cli-pager': true,
      output: 'json',
      debug: true,
    });
  });

  it('accepts paging options only for operations the SDK paginates', () => {
    expect(ok(parseAwsCli('aws rds describe-db-clusters --page-size 20')).globals).toEqual({ 'page-size': '20' });
    expect(ok(parseAwsCli('aws rds describe-db-clusters --no-paginate')).globals).toEqual({ 'no-paginate': true });
    expect(refused(parseAwsCli('aws rds describe-db-clusters --page-size 20 --no-paginate'))).toEqual([
      expect.objectContaining({
        code: 'unsupported-paging-option',
        message: 'Cannot specify --no-paginate along with pagination arguments: --page-size',
      }),
    ]);
    // Part of the answer plus a token to go on with: a step's output is always the whole answer.
    for (const option of ['--max-items 5', '--starting-token abc']) {
      expect(refused(parseAwsCli(`aws rds describe-db-clusters ${option}`))).toEqual([
        expect.objectContaining({ code: 'unsupported-paging-option', message: expect.stringMatching(/every page, merged/) }),
      ]);
    }
    expect(errors(parseAwsCli('aws rds failover-db-cluster --db-cluster-identifier a --max-items 5'))[0].code).toBe('unknown-flag');
  });
});

describe('parseAwsCli: templates', () => {
  it('accepts templated values for any scalar type at validation time and leaves them unconverted', () => {
    const { command, globals } = ok(
      parseAwsCli(
        'aws rds describe-db-clusters --db-cluster-identifier {{ cluster }} --max-records {{ page }} --filters Name=engine,Values={{ engine }} --region {{ region }}',
      ),
    );
    expect(command.input).toEqual({
      DBClusterIdentifier: '{{ cluster }}',
      MaxRecords: '{{ page }}',
      Filters: [{ Name: 'engine', Values: ['{{ engine }}'] }],
    });
    expect(globals).toEqual({ region: '{{ region }}' });
  });

  it('accepts templates inside and outside JSON strings', () => {
    const { command } = ok(parseAwsCli(`aws rds describe-db-clusters --filters '[{"Name":"db-cluster-id","Values":["{{ cluster }}"]}]'`));
    expect(command.input).toEqual({ Filters: [{ Name: 'db-cluster-id', Values: ['{{ cluster }}'] }] });
  });

  it('at run time fills each template into its one value, typed from the schema', () => {
    const { command } = ok(
      parseAwsCli('aws rds describe-db-clusters --db-cluster-identifier {{ cluster }} --max-records {{ page }}', {
        scope: { cluster: 'prod app', page: '20' },
      }),
    );
    expect(command.input).toEqual({ DBClusterIdentifier: 'prod app', MaxRecords: 20 });
  });

  it('reports a render failure at the template', () => {
    const parse = parseAwsCli('aws rds describe-db-clusters --db-cluster-identifier x-{{ nope }}', { scope: {} });
    expect(errors(parse)).toEqual([{ code: 'template-error', line: 1, column: 56 }]);
  });
});

describe('parseAwsCli: errors point at the offending word', () => {
  it.each([
    ['kubectl get pods', 'not-aws-command', 1, 1],
    ['aws aurora describe-db-clusters', 'unknown-service', 1, 5],
    ['aws rds failover-cluster', 'unknown-operation', 1, 9],
    ['aws rds describe-db-clusters --db-cluster-identifer a', 'unknown-flag', 1, 30],
    ['aws rds describe-db-clusters --max-records twenty', 'invalid-value', 1, 44],
    ['aws rds failover-db-cluster', 'missing-required', 1, 9],
    ['aws rds failover-db-cluster --db-cluster-identifier a --db-cluster-identifier b', 'duplicate-flag', 1, 55],
    ['aws rds describe-db-clusters --filters Nme=engine,Values=a', 'unknown-key', 1, 40],
    ['aws rds describe-db-clusters --filters Name=engine,Values=[a', 'invalid-value', 1, 60],
    ['aws rds describe-db-clusters --filters Name=engine,Values', 'invalid-value', 1, 40],
    ['aws rds describe-db-clusters --filters \'[{"Name": }]\'', 'invalid-json', 1, 40],
    ['aws rds modify-db-cluster --db-cluster-identifier c --apply-immediately true', 'unexpected-argument', 1, 73],
    ['aws rds describe-db-clusters\\\n  --db-cluster-identifier a b', 'unexpected-argument', 2, 29],
  ])('%s → %s at %i:%i', (line, code, lineNo, column) => {
    expect(errors(parseAwsCli(line))[0]).toEqual({ code, line: lineNo, column });
  });

  it('hints at the closest operation, flag and the known services', () => {
    const hint = (line: string): string | undefined => {
      const parse = parseAwsCli(line);
      return parse.ok ? undefined : parse.errors[0].hint;
    };
    expect(hint('aws rds faillover-db-cluster')).toBe('did you mean `failover-db-cluster`?');
    expect(hint('aws rds failover-db-cluster --db-cluster-identifier a --target-instance-identifier b')).toBe(
      'did you mean `--target-db-instance-identifier`?',
    );
    expect(hint('aws ec2 describe-instances')).toBe('Switchyard runs these services: rds, cloudwatch, ce, sts, resourcegroupstaggingapi');
  });

  it('reports every error at once (a misspelled required flag once: as the typo, not also as missing)', () => {
    const parse = parseAwsCli('aws rds create-db-instance --db-instance-identifer x --promotion-tier high');
    expect(errors(parse).map((e) => e.code)).toEqual(['missing-required', 'missing-required', 'unknown-flag', 'invalid-value']);
    const messages = parse.ok ? [] : parse.errors.map((e) => e.message);
    expect(messages.slice(0, 2)).toEqual([
      '`--db-instance-class` is required by create-db-instance',
      '`--engine` is required by create-db-instance',
    ]);
  });

  it('a typo in the one required flag is one error with its "did you mean", not two', () => {
    const parse = parseAwsCli('aws rds failover-db-cluster --db-cluster-identifer prod-app');
    expect(parse.ok ? [] : parse.errors.map((e) => [e.code, e.hint])).toEqual([
      ['unknown-flag', 'did you mean `--db-cluster-identifier`?'],
    ]);
    // A flag too far from any to be a typo leaves the required one reported missing.
    const far = parseAwsCli('aws rds failover-db-cluster --cluster prod-app');
    expect(far.ok ? [] : far.errors.map((e) => e.code).sort()).toEqual(['missing-required', 'unknown-flag']);
  });
});
