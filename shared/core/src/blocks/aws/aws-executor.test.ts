import type { AwsCallOptions, AwsGateway, AwsServiceName } from '../../aws/gateway';
import type { AwsCommand } from '../../runbook/model';
import type { BlockExecutionContext, BlockOutcome } from '../common/block-executor';
import type { AwsBlock } from './aws-block';
import { executeAwsBlock } from './aws-executor';

interface Sent {
  operation: string;
  input: Record<string, unknown>;
  region?: string;
}

/** Runs one aws line with `vars` as its template scope against a gateway that records what it is sent. */
async function execute(source: string, vars: Record<string, unknown>, dryRun = false) {
  const sent: Sent[] = [];
  const logs: string[] = [];
  const aws: AwsGateway = {
    region: 'us-east-1',
    target: 'test',
    readClient: () => {
      throw new Error('the aws executor makes no typed reads');
    },
    call(_service: AwsServiceName, operation: string, input: Record<string, unknown>, options?: AwsCallOptions) {
      sent.push({ operation, input, ...(options?.region ? { region: options.region } : {}) });
      return Promise.resolve({});
    },
  };
  const block: AwsBlock = {
    kind: 'aws',
    pos: { line: 1, column: 1 },
    source,
    bodyLine: 2,
    rollback: false,
    templates: [],
    command: {} as AwsCommand,
  };
  const ctx = {
    run: { dryRun },
    block,
    scope: { ...vars, params: vars },
    aws,
    signal: new AbortController().signal,
    evaluating: <T>(work: () => T) => Promise.resolve().then(work),
    log: (_level: string, text: string) => Promise.resolve(void logs.push(text)),
    recordInFlight: () => Promise.resolve(),
  } as unknown as BlockExecutionContext<AwsBlock>;
  const outcome: BlockOutcome = await executeAwsBlock(ctx);
  return { outcome, sent, logs };
}

async function sends(source: string, vars: Record<string, unknown>): Promise<Sent> {
  const { outcome, sent } = await execute(source, vars);
  if (outcome.type !== 'done') throw new Error(`expected the call to be sent, got ${JSON.stringify(outcome)}`);
  expect(sent).toHaveLength(1);
  return sent[0];
}

async function refuses(source: string, vars: Record<string, unknown>): Promise<string> {
  const { outcome, sent } = await execute(source, vars);
  expect(sent).toEqual([]);
  if (outcome.type !== 'failed') throw new Error(`expected a refusal, got ${JSON.stringify(outcome)}`);
  return outcome.error;
}

const MODIFY = 'aws rds modify-db-cluster --db-cluster-identifier c --vpc-security-group-ids sg-1 {{ sg }}';
const JSON_TAGS = `aws rds add-tags-to-resource --resource-name r --tags '[{"Key":"owner","Value":"{{ owner }}"}]'`;
const SHORTHAND_TAGS = 'aws rds add-tags-to-resource --resource-name r --tags Key=owner,Value={{ owner }}';

describe('aws executor: a rendered value is one value, never a flag', () => {
  it.each([
    ['--no-deletion-protection'],
    ['--region=eu-west-1'],
    ['--endpoint-url http://evil'],
    ['--apply-immediately'],
    ['sg-2 --no-deletion-protection'],
  ])('list item %j stays one item, with no flag, option or region added', async (sg) => {
    const call = await sends(MODIFY, { sg });
    expect(call).toEqual({ operation: 'ModifyDBCluster', input: { DBClusterIdentifier: 'c', VpcSecurityGroupIds: ['sg-1', sg] } });
  });

  it('a flag-looking value of a one-value flag is that value', async () => {
    const call = await sends('aws rds modify-db-cluster --db-cluster-identifier {{ c }} --apply-immediately', {
      c: '--no-deletion-protection',
    });
    expect(call.input).toEqual({ DBClusterIdentifier: '--no-deletion-protection', ApplyImmediately: true });
  });

  it('a template in a flag or service position is refused, never read as a flag', async () => {
    const flag = await refuses('aws rds modify-db-cluster --db-cluster-identifier c --{{ f }}', { f: 'no-deletion-protection' });
    expect(flag).toMatch(/template/);
    const before = await refuses('aws {{ g }} rds describe-db-clusters', { g: '--region=eu-west-1' });
    expect(before).toMatch(/template/);
  });

  it('a string that looks like a JSON list is one list item; a CEL list gives its items', async () => {
    expect((await sends(MODIFY, { sg: '["sg-2","sg-3"]' })).input.VpcSecurityGroupIds).toEqual(['sg-1', '["sg-2","sg-3"]']);
    expect((await sends(MODIFY, { sg: 'sg-2 sg-3' })).input.VpcSecurityGroupIds).toEqual(['sg-1', 'sg-2 sg-3']);
    const whole = 'aws rds modify-db-cluster --db-cluster-identifier c --vpc-security-group-ids {{ sgs }}';
    expect((await sends(whole, { sgs: ['sg-2', 'sg-3'] })).input.VpcSecurityGroupIds).toEqual(['sg-2', 'sg-3']);
    expect((await sends(whole, { sgs: '["sg-2","sg-3"]' })).input.VpcSecurityGroupIds).toEqual(['["sg-2","sg-3"]']);
  });
});

describe('aws executor: --region and other global options', () => {
  const line = 'aws rds describe-db-clusters --region {{ r }} --db-cluster-identifier c';

  it('an explicit --region template sets the region', async () => {
    expect((await sends(line, { r: 'eu-west-1' })).region).toBe('eu-west-1');
  });

  it.each([['eu-west-1 --endpoint-url http://evil'], ['--endpoint-url=http://evil'], [''], ['EU-WEST-1']])(
    'refuses %j as a region',
    async (r) => {
      expect(await refuses(line, { r })).toMatch(/--region.*not an AWS region/);
    },
  );

  it('a value elsewhere cannot set the region', async () => {
    const call = await sends('aws rds describe-db-clusters --db-cluster-identifier={{ c }}', { c: 'x --region eu-west-1' });
    expect(call).toEqual({ operation: 'DescribeDBClusters', input: { DBClusterIdentifier: 'x --region eu-west-1' } });
  });
});

describe('aws executor: templates in JSON and shorthand are one string inside the parsed structure', () => {
  const hostile = [
    ['JSON fragment', 'x"},{"Key":"injected","Value":"1'],
    ['shorthand fragment', 'a,Key=injected,Value=1'],
    ['shorthand list', 'a,b'],
    ['quotes', `it's "quoted"`],
    ['braces and brackets', '{]}[,'],
    ['backslash', 'back\\slash \\"'],
    ['newline', 'line1\nline2'],
    ['padding', '  padded  '],
    ['empty', ''],
    ['flag', '--no-deletion-protection'],
    ['template', '{{ secret }}'],
    ['unicode', 'ünïcødé ☃ 🚀 \u202e'],
  ];

  it.each(hostile)('JSON: %s', async (_what, owner) => {
    const call = await sends(JSON_TAGS, { owner, secret: 'leaked' });
    expect(call.input).toEqual({ ResourceName: 'r', Tags: [{ Key: 'owner', Value: owner }] });
  });

  it.each(hostile)('JSON, template outside a string: %s', async (_what, owner) => {
    const line = `aws rds add-tags-to-resource --resource-name r --tags '[{"Key":"owner","Value":{{ owner }}}]'`;
    const call = await sends(line, { owner, secret: 'leaked' });
    expect(call.input).toEqual({ ResourceName: 'r', Tags: [{ Key: 'owner', Value: owner }] });
  });

  it.each(hostile)('shorthand: %s', async (_what, owner) => {
    const call = await sends(SHORTHAND_TAGS, { owner, secret: 'leaked' });
    expect(call.input).toEqual({ ResourceName: 'r', Tags: [{ Key: 'owner', Value: owner }] });
  });

  it.each(hostile)('shorthand list member: %s', async (_what, id) => {
    const call = await sends('aws rds describe-db-clusters --filters Name=db-cluster-id,Values={{ id }}', { id, secret: 'leaked' });
    expect(call.input).toEqual({ Filters: [{ Name: 'db-cluster-id', Values: [id] }] });
  });

  it.each(hostile)('plain value: %s', async (_what, c) => {
    const call = await sends('aws rds describe-db-clusters --db-cluster-identifier {{ c }}', { c, secret: 'leaked' });
    expect(call.input).toEqual({ DBClusterIdentifier: c });
  });

  it('a whole template where a structure must be is refused', async () => {
    const line = 'aws rds add-tags-to-resource --resource-name r --tags {{ tags }}';
    expect(await refuses(line, { tags: 'Key=injected,Value=1' })).toMatch(/template/);
    expect(await refuses(line, { tags: '[{"Key":"injected","Value":"1"}]' })).toMatch(/template/);
  });

  it('a template as a key is refused', async () => {
    const json = `aws rds add-tags-to-resource --resource-name r --tags '[{"Key":"a","{{ k }}":"1"}]'`;
    expect(await refuses(json, { k: 'Value' })).toMatch(/template/);
    expect(await refuses('aws rds add-tags-to-resource --resource-name r --tags Key=a,{{ k }}=1', { k: 'Value' })).toMatch(/template/);
  });
});

describe('aws executor: rendered values are typed from the SDK shape', () => {
  it('converts numbers, and refuses a value that is not one', async () => {
    const line = 'aws rds describe-db-clusters --max-records {{ n }}';
    expect((await sends(line, { n: '20' })).input).toEqual({ MaxRecords: 20 });
    expect((await sends(line, { n: 20 })).input).toEqual({ MaxRecords: 20 });
    expect(await refuses(line, { n: '20 --no-paginate' })).toMatch(/--max-records.*not a number/);
  });

  it('converts numbers inside shorthand, and refuses a value that is not one', async () => {
    const line =
      'aws rds modify-db-cluster --db-cluster-identifier c --serverless-v2-scaling-configuration MinCapacity={{ min }},MaxCapacity=8';
    expect((await sends(line, { min: '0.5' })).input.ServerlessV2ScalingConfiguration).toEqual({ MinCapacity: 0.5, MaxCapacity: 8 });
    expect(await refuses(line, { min: '1,MaxCapacity=256' })).toMatch(/MinCapacity.*not a number/);
  });

  it('refuses a timestamp that is not one', async () => {
    const line =
      'aws cloudwatch get-metric-statistics --namespace AWS/RDS --metric-name CPU --start-time {{ t }} --end-time 2024-05-01T01:00:00Z --period 60 --statistics Maximum';
    expect((await sends(line, { t: '2024-05-01T00:00:00Z' })).input.StartTime).toEqual(new Date('2024-05-01T00:00:00Z'));
    expect(await refuses(line, { t: 'yesterday --period 1' })).toMatch(/--start-time.*not a timestamp/);
  });
});

describe('aws executor: dry run', () => {
  it('previews exactly the input it would send', async () => {
    const vars = { owner: 'x"},{"Key":"injected","Value":"1' };
    const real = await sends(JSON_TAGS, vars);
    const dry = await execute(JSON_TAGS, vars, true);
    expect(dry.sent).toEqual([]);
    const preview = /^dry-run: would call AddTagsToResource (.*)$/.exec(dry.logs[0])?.[1];
    expect(JSON.parse(preview ?? 'null')).toEqual(real.input);
  });
});

describe('aws executor: the Resource Groups Tagging API (one call for many resources)', () => {
  const TAG =
    'aws resourcegroupstaggingapi tag-resources --region {{ region }} --resource-arn-list {{ arns }} --tags switchyard:deployment={{ name }}';
  const arns = ['arn:aws:rds:us-east-1:123456789012:cluster:prod-app', 'arn:aws:rds:us-east-1:123456789012:db:prod-app-0'];

  it('a list template is the ARN list, each ARN one value; a tag value with a comma, quote or newline stays one value', async () => {
    const sent = await sends(TAG, { region: 'us-east-1', arns, name: 'up,grade "x"\n--tags k=v' });
    expect(sent).toEqual({
      operation: 'TagResources',
      input: { ResourceARNList: arns, Tags: { 'switchyard:deployment': 'up,grade "x"\n--tags k=v' } },
      region: 'us-east-1',
    });
  });

  it('an ARN that looks like a flag is an ARN to AWS, not an option here', async () => {
    const sent = await sends(TAG, { region: 'us-east-1', arns: ['--region', 'eu-west-1'], name: 'x' });
    expect(sent.input.ResourceARNList).toEqual(['--region', 'eu-west-1']);
    expect(sent.region).toBe('us-east-1');
  });

  it('untag-resources takes the keys as a list', async () => {
    const line =
      'aws resourcegroupstaggingapi untag-resources --resource-arn-list {{ arns }} --tag-keys switchyard:deployment switchyard:decommission-by';
    expect((await sends(line, { arns })).input).toEqual({
      ResourceARNList: arns,
      TagKeys: ['switchyard:deployment', 'switchyard:decommission-by'],
    });
  });
});
