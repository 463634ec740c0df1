/**
 * Hostile params through the real CLI against the simulator: a param that looks like a flag, a
 * global option, JSON or shorthand ends as one literal value where its template stands, or the run
 * is refused before anything is sent. What AWS received is read from the simulator's request log.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ListTagsForResourceCommand, RDSClient } from '@aws-sdk/client-rds';
import { startSimulator, type RequestLogEntry } from '@switchyard/simulator';
import { cli } from './support/cli';
import { SIMULATOR_CREDENTIALS } from '@switchyard/core';

let sim: Awaited<ReturnType<typeof startSimulator>>;
let store: string;

beforeEach(async () => {
  sim = await startSimulator({ port: 0, fleet: 'demo', timeScale: 100 });
  store = mkdtempSync(path.join(tmpdir(), 'switchyard-injection-'));
});
afterEach(async () => {
  await sim.stop();
  rmSync(store, { recursive: true, force: true });
});

const args = () => ['--endpoint', sim.url, '--region', 'us-east-1', '--store', store, '--time-scale', '100', '--approve'];

const RUNBOOK = [
  '---',
  'title: Tag and modify a cluster',
  'params:',
  '  cluster: rds-cluster',
  '  sg: { type: string, default: sg-2 }',
  '  owner: { type: string, default: me }',
  '  region: { type: string, default: us-east-1 }',
  'locks: ["rds-cluster:{{ cluster }}"]',
  '---',
  '# Tag and modify a cluster',
  '',
  '## Find the cluster {#found}',
  '',
  '```aws',
  'aws rds describe-db-clusters --region {{ region }} --db-cluster-identifier {{ cluster }}',
  '```',
  '',
  '## Tag it in JSON {#json}',
  '',
  '```aws',
  `aws rds add-tags-to-resource --resource-name {{ steps.found.output.DBClusters[0].DBClusterArn }} --tags '[{"Key":"owner","Value":"{{ owner }}"}]'`,
  '```',
  '',
  '## Tag it in shorthand {#shorthand}',
  '',
  '```aws',
  'aws rds add-tags-to-resource --resource-name {{ steps.found.output.DBClusters[0].DBClusterArn }} --tags Key=contact,Value={{ owner }} Key=team,Value=db',
  '```',
  '',
  '## Change its security groups {#modify}',
  '',
  '```aws',
  'aws rds modify-db-cluster --db-cluster-identifier {{ cluster }} --vpc-security-group-ids sg-1 {{ sg }} --apply-immediately',
  '```',
  '',
].join('\n');

async function runHostile(params: Record<string, string>, extra: string[] = []) {
  const file = path.join(store, 'hostile.md');
  writeFileSync(file, RUNBOOK);
  const given = Object.entries({ cluster: 'prod-app', ...params }).flatMap(([k, v]) => ['--param', `${k}=${v}`]);
  return cli(['run', file, ...given, '--json', ...extra, ...args()]);
}

const sent = (operation: string): RequestLogEntry[] => sim.control.requests().filter((r) => r.operation === operation);

/** The tags the cluster has now, read through the SDK. */
async function tags(arn: string): Promise<Record<string, string>> {
  const rds = new RDSClient({ region: 'us-east-1', endpoint: sim.url, credentials: SIMULATOR_CREDENTIALS });
  const out = await rds.send(new ListTagsForResourceCommand({ ResourceName: arn }));
  rds.destroy();
  return Object.fromEntries((out.TagList ?? []).map((t) => [t.Key!, t.Value!]));
}

// Tag values RDS accepts (letters, digits, spaces, _ . : / = + - @) that would still split a
// shorthand list or pass for a flag if a template were pasted into the command line.
it.each([
  { sg: '--no-deletion-protection', owner: 'me Key=injected Value=1' },
  { sg: '--region=eu-west-1', owner: '--region=eu-west-1 --deletion-protection' },
  { sg: '--endpoint-url http://evil', owner: 'ünïcødé @ Key=injected' },
])('hostile params %j end as the one literal value their template stands for', async ({ sg, owner }) => {
  const result = await runHostile({ sg, owner });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);

  expect(sim.control.requests().every((r) => r.region === 'us-east-1')).toBe(true);
  const [modify] = sent('ModifyDBCluster');
  expect(modify.params).toEqual({ DBClusterIdentifier: 'prod-app', VpcSecurityGroupIds: ['sg-1', sg], ApplyImmediately: true });
  expect(sent('AddTagsToResource').map((r) => r.params.Tags)).toEqual([
    [{ Key: 'owner', Value: owner }],
    [
      { Key: 'contact', Value: owner },
      { Key: 'team', Value: 'db' },
    ],
  ]);
  const now = await tags(String(sent('AddTagsToResource')[0].params.ResourceName));
  expect(now).toMatchObject({ owner, contact: owner, team: 'db' });
  expect(now).not.toHaveProperty('injected');
});

// Values RDS refuses in a tag (API reference, Tag): a quote that would close the JSON, a comma that
// would start a shorthand item, a newline, a template. Each is still sent as the one value it is,
// and RDS's refusal stops the run there, as it would on AWS: nothing tagged, nothing after it sent.
it.each([['x"},{"Key":"injected","Value":"1'], ['a,Key=injected,Value=1'], ['{{ cluster }} "quoted"\nünïcødé 🚀 --deletion-protection']])(
  'a value RDS refuses in a tag (%j) is sent as one literal value, and the refusal stops the run',
  async (owner) => {
    const result = await runHostile({ sg: '--no-deletion-protection', owner });
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toContain('InvalidParameterValue');
    expect(result.stdout + result.stderr).toContain('Tag values may only contain unicode letters');
    const [tagging] = sent('AddTagsToResource');
    expect(tagging.params.Tags).toEqual([{ Key: 'owner', Value: owner }]);
    expect(tagging.status).toBe(400);
    expect(sent('AddTagsToResource')).toHaveLength(1);
    expect(sent('ModifyDBCluster')).toEqual([]);
    // The demo cluster's own tags, as they were (its owner tag included).
    const now = await tags(String(tagging.params.ResourceName));
    expect(now.owner).toBe('platform-oncall@example.com');
    expect(now).not.toHaveProperty('injected');
  },
);

it('the dry-run preview shows exactly the input the run sends', async () => {
  const params = { sg: '--no-deletion-protection', owner: 'me Key=injected Value=1' };
  const dry = await runHostile(params, ['--dry-run']);
  expect(dry.code).toBe(0);
  expect(sent('AddTagsToResource')).toEqual([]);
  expect(sent('ModifyDBCluster')).toEqual([]);
  const previews = dry.stdout
    .trim()
    .split('\n')
    .map((l) => /^dry-run: would call (\w+) (.*)$/.exec((JSON.parse(l) as { line?: { text: string } }).line?.text ?? ''))
    .flatMap((m) => (m ? [[m[1], JSON.parse(m[2]) as unknown] as const] : []));
  expect(previews.map(([operation]) => operation)).toEqual(['AddTagsToResource', 'AddTagsToResource', 'ModifyDBCluster']);

  const real = await runHostile(params);
  expect(real.code).toBe(0);
  const sentInputs = ['AddTagsToResource', 'ModifyDBCluster'].flatMap((op) => sent(op).map((r) => [op, r.params] as const));
  expect(previews).toEqual(sentInputs);
});

it.each([['eu-west-1 --endpoint-url http://evil'], ['--endpoint-url=http://evil'], ['']])(
  'a --region template that renders %j is refused with a clear error, and nothing is sent',
  async (region) => {
    const result = await runHostile({ region });
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toMatch(/--region: `\{\{ region \}\}` gave .*, which is not an AWS region such as eu-west-1/);
    // Only the identity read that names the account in the run's lock keys went out: no call to RDS.
    expect(sim.control.requests().map((r) => `${r.service}:${r.operation}`)).toEqual(['sts:GetCallerIdentity']);
  },
);
