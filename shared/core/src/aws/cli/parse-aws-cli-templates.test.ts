import { parseAwsCli, type AwsCliParse } from './parse-aws-cli';

/** Values an attacker could give a param or a step output. */
const HOSTILE = [
  '--no-deletion-protection',
  '--region=eu-west-1',
  '--endpoint-url http://evil',
  'x"},{"Key":"injected","Value":"1',
  'a,Key=injected,Value=1',
  'it\'s "quoted"',
  '{]}[,=',
  'back\\slash',
  'line1\nline2',
  '  padded  ',
  '',
  '{{ secret }}',
  'ünïcødé ☃ 🚀 \u202e',
];

function ok(parse: AwsCliParse): Extract<AwsCliParse, { ok: true }> {
  if (!parse.ok) throw new Error(`expected a valid command, got ${JSON.stringify(parse.errors)}`);
  return parse;
}

function errors(parse: AwsCliParse): string[] {
  if (parse.ok) throw new Error(`expected errors, got ${JSON.stringify(parse.command.input)}`);
  return parse.errors.map((e) => `${e.line}:${e.column} ${e.code}`);
}

/** The validation-time input with `{{ v }}` replaced by `value`: what the run must send. */
function substituted(input: unknown, value: string): unknown {
  return JSON.parse(JSON.stringify(input), (_key, v: unknown) => (v === '{{ v }}' ? value : v));
}

describe('parseAwsCli: the runbook text decides the structure, a template is one value', () => {
  it.each([
    ['aws rds modify-db-cluster --db-cluster-identifier c --vpc-security-group-ids sg-1 {{ v }} --apply-immediately'],
    ['aws rds describe-db-clusters --db-cluster-identifier={{ v }}'],
    ['aws rds add-tags-to-resource --resource-name r --tags Key=owner,Value={{ v }} Key=team,Value=db'],
    [`aws rds add-tags-to-resource --resource-name r --tags '[{"Key":"owner","Value":"{{ v }}"}]'`],
    [`aws rds add-tags-to-resource --resource-name r --tags '{"Key":"owner","Value":{{ v }}}'`],
    ['aws rds describe-db-clusters --filters Name=db-cluster-id,Values={{ v }},b'],
    ['aws rds describe-db-clusters --filters Name=db-cluster-id,Values=[a,{{ v }}]'],
    [`aws rds describe-db-clusters --filters "Name=db-cluster-id,Values='{{ v }}'"`],
    ['aws cloudwatch describe-alarms-for-metric --namespace AWS/RDS --metric-name M --dimensions Name=DBClusterIdentifier,Value={{ v }}'],
  ])('%s: every hostile value runs exactly the structure that validated', (line) => {
    const validated = ok(parseAwsCli(line));
    for (const v of HOSTILE) {
      const run = ok(parseAwsCli(line, { scope: { v, secret: 'leaked' } }));
      expect(run.command.input).toEqual(substituted(validated.command.input, v));
      expect(run.globals).toEqual({});
    }
  });

  it('a template word in a list is a value at validation too: the list ends at the next flag of the text', () => {
    const { command } = ok(
      parseAwsCli('aws rds modify-db-cluster --db-cluster-identifier c --vpc-security-group-ids sg-1 {{ v }} --apply-immediately'),
    );
    expect(command.input).toEqual({ DBClusterIdentifier: 'c', VpcSecurityGroupIds: ['sg-1', '{{ v }}'], ApplyImmediately: true });
  });

  it('a whole-template list value takes a CEL list item by item, a string as one item', () => {
    const line = 'aws rds modify-db-cluster --db-cluster-identifier c --vpc-security-group-ids {{ v }}';
    expect(ok(parseAwsCli(line)).command.input.VpcSecurityGroupIds).toEqual(['{{ v }}']);
    expect(ok(parseAwsCli(line, { scope: { v: ['sg-1', 'sg-2'] } })).command.input.VpcSecurityGroupIds).toEqual(['sg-1', 'sg-2']);
    expect(ok(parseAwsCli(line, { scope: { v: 'sg-1 sg-2' } })).command.input.VpcSecurityGroupIds).toEqual(['sg-1 sg-2']);
    const shorthand = 'aws rds describe-db-clusters --filters Name=db-cluster-id,Values={{ v }}';
    expect(ok(parseAwsCli(shorthand, { scope: { v: ['a', 'b'] } })).command.input.Filters).toEqual([
      { Name: 'db-cluster-id', Values: ['a', 'b'] },
    ]);
    expect(ok(parseAwsCli(shorthand, { scope: { v: 'a,b' } })).command.input.Filters).toEqual([{ Name: 'db-cluster-id', Values: ['a,b'] }]);
  });

  it('a template never reaches --region or another option unless the text puts it there, and then it must fit', () => {
    const explicit = 'aws --region {{ r }} rds describe-db-clusters';
    expect(ok(parseAwsCli(explicit)).globals).toEqual({ region: '{{ r }}' });
    expect(ok(parseAwsCli(explicit, { scope: { r: 'eu-west-1' } })).globals).toEqual({ region: 'eu-west-1' });
    expect(errors(parseAwsCli(explicit, { scope: { r: 'eu-west-1 --endpoint-url http://evil' } }))).toEqual(['1:14 invalid-value']);
    const elsewhere = ok(
      parseAwsCli('aws rds describe-db-clusters --db-cluster-identifier {{ c }}', { scope: { c: '--region=eu-west-1' } }),
    );
    expect(elsewhere.globals).toEqual({});
  });
});

describe('parseAwsCli: a template where the text must say what the command is, is refused where it stands', () => {
  it.each([
    ['aws {{ s }} describe-db-clusters', '1:5 template-not-a-value'],
    ['aws --region eu-west-1 {{ s }} describe-db-clusters', '1:24 template-not-a-value'],
    ['aws rds {{ op }}', '1:9 template-not-a-value'],
    ['aws rds describe-db-clusters --{{ f }} x', '1:30 template-not-a-value'],
    ['aws rds describe-db-clusters --db-{{ f }}=x', '1:30 template-not-a-value'],
    ['aws rds add-tags-to-resource --resource-name r --tags {{ t }}', '1:55 template-not-a-value'],
    ['aws rds add-tags-to-resource --resource-name r --tags Key=a,Value=b {{ t }}', '1:69 template-not-a-value'],
    ['aws rds add-tags-to-resource --resource-name r --tags Key=a,{{ k }}=1', '1:61 template-not-a-value'],
    [`aws rds add-tags-to-resource --resource-name r --tags '[{"Key":"a","{{ k }}":"1"}]'`, '1:69 template-not-a-value'],
    [`aws rds describe-db-clusters --filters '[{"Name":"x","Values":["a"]}, {{ more }}]'`, '1:71 template-not-a-value'],
    [`aws rds describe-db-clusters --filters '[{"Name":"x","Values":"a-{{ v }}"}]'`, '1:66 invalid-value'],
    ['aws rds modify-db-cluster --db-cluster-identifier c --scaling-configuration {{ s }}', '1:77 template-not-a-value'],
  ])('%s → %s, at validation and at run time alike', (line, error) => {
    expect(errors(parseAwsCli(line))).toEqual([error]);
    expect(errors(parseAwsCli(line, { scope: { s: 'rds', op: 'describe-db-clusters', f: 'x', t: 'Key=a,Value=b', k: 'Value' } }))).toEqual([
      error,
    ]);
  });

  it('says why and how to write it instead', () => {
    const parse = parseAwsCli('aws rds add-tags-to-resource --resource-name r --tags {{ tags }}');
    expect(parse.ok ? undefined : parse.errors[0]).toMatchObject({
      message: '--tags is list<Tag>, but `{{ tags }}` stands for its structure: a template can only be one value',
      hint: expect.stringContaining('Key=owner,Value={{ owner }}'),
    });
  });

  it('checks global option values written in the runbook the same way', () => {
    expect(errors(parseAwsCli('aws rds describe-db-clusters --region eu-west1 --output jsn --endpoint-url evil'))).toEqual([
      '1:39 invalid-value',
      '1:57 invalid-value',
      '1:76 invalid-value',
    ]);
  });
});
