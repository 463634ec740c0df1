/**
 * The Resource Groups Tagging API on the simulator, through the real SDK and the real AWS CLI:
 * one call tags up to 20 RDS resources in the request's region, on the same tags RDS's own
 * ListTagsForResource reads; what AWS refuses whole (0 or 21 ARNs, no tags) is refused with
 * InvalidParameterException, and a resource that cannot be tagged is listed in FailedResourcesMap
 * while the others are tagged.
 */
import { AddTagsToResourceCommand, ListTagsForResourceCommand } from '@aws-sdk/client-rds';
import { TagResourcesCommand, UntagResourcesCommand } from '@aws-sdk/client-resource-groups-tagging-api';
import { startSimulator, type RunningSimulator } from '../simulator';
import { findAwsCli, runAwsCli } from '../testing/aws-cli';
import { destroyClients, sdkClients, type SdkClients } from '../testing/sdk-clients';

let sim: RunningSimulator;
let clients: SdkClients;
const arn = (kind: 'cluster' | 'db', id: string, region = 'us-east-1') => `arn:aws:rds:${region}:123456789012:${kind}:${id}`;

beforeAll(async () => {
  sim = await startSimulator({ fleet: 'demo', timeScale: 1000 });
  clients = sdkClients(sim);
});
afterAll(async () => {
  destroyClients(clients);
  await sim.stop();
});

const tagsOf = async (resource: string) =>
  Object.fromEntries(
    ((await clients.rds.send(new ListTagsForResourceCommand({ ResourceName: resource }))).TagList ?? []).map((t) => [t.Key, t.Value]),
  );

it('tags a cluster and its instances in one call; RDS sees the tags; untag removes them (a key not there is no error)', async () => {
  const arns = [arn('cluster', 'prod-app'), arn('db', 'prod-app-0'), arn('db', 'prod-app-1')];
  const tagged = await clients.tagging.send(
    new TagResourcesCommand({ ResourceARNList: arns, Tags: { 'switchyard:deployment': 'bg-1 @ 2026-12-06T02:00:00Z', team: 'payments' } }),
  );
  expect(tagged.FailedResourcesMap).toEqual({});
  for (const a of arns) expect(await tagsOf(a)).toMatchObject({ 'switchyard:deployment': 'bg-1 @ 2026-12-06T02:00:00Z', team: 'payments' });
  const untagged = await clients.tagging.send(
    new UntagResourcesCommand({ ResourceARNList: arns, TagKeys: ['switchyard:deployment', 'never-set'] }),
  );
  expect(untagged.FailedResourcesMap).toEqual({});
  for (const a of arns) {
    expect(await tagsOf(a)).not.toHaveProperty('switchyard:deployment');
    expect(await tagsOf(a)).toHaveProperty('team', 'payments');
  }
});

it('a resource that cannot be tagged is a failed resource, the others are tagged: missing, another region, another service', async () => {
  const missing = arn('cluster', 'no-such-cluster');
  const elsewhere = arn('cluster', 'prod-app', 'eu-west-1');
  const s3 = 'arn:aws:s3:::a-bucket';
  const out = await clients.tagging.send(
    new TagResourcesCommand({ ResourceARNList: [arn('cluster', 'prod-app'), missing, elsewhere, s3], Tags: { k: 'v' } }),
  );
  expect(out.FailedResourcesMap).toEqual({
    [missing]: { StatusCode: 404, ErrorCode: 'DBClusterNotFoundFault', ErrorMessage: expect.stringContaining('no-such-cluster') },
    [elsewhere]: { StatusCode: 404, ErrorCode: 'DBClusterNotFoundFault', ErrorMessage: expect.any(String) },
    [s3]: { StatusCode: 400, ErrorCode: 'InvalidParameterException', ErrorMessage: expect.any(String) },
  });
  expect(await tagsOf(arn('cluster', 'prod-app'))).toHaveProperty('k', 'v');
});

it('an ARN of another account is not the caller’s namesake: it fails and the caller’s resource is not tagged', async () => {
  const mine = arn('cluster', 'prod-app');
  const theirs = mine.replace(/:\d{12}:/, ':999999999999:');
  expect(theirs).not.toBe(mine);
  const out = await clients.tagging.send(new TagResourcesCommand({ ResourceARNList: [theirs], Tags: { 'other-account': 'x' } }));
  expect(out.FailedResourcesMap).toEqual({
    [theirs]: { StatusCode: 404, ErrorCode: 'DBClusterNotFoundFault', ErrorMessage: expect.any(String) },
  });
  expect(await tagsOf(mine)).not.toHaveProperty('other-account');
  // RDS's own tagging reads the same ARN the same way (one rule for both APIs).
  const rds = await clients.rds
    .send(new AddTagsToResourceCommand({ ResourceName: theirs, Tags: [{ Key: 'other-account', Value: 'x' }] }))
    .catch((e: unknown) => e);
  expect((rds as Error).name).toBe('DBClusterNotFoundFault');
  expect(await tagsOf(mine)).not.toHaveProperty('other-account');
});

it('refuses a request outside the model’s bounds whole: 21 ARNs, none, or no tags — nothing tagged', async () => {
  const many = Array.from({ length: 21 }, () => arn('cluster', 'prod-app'));
  await expect(clients.tagging.send(new TagResourcesCommand({ ResourceARNList: many, Tags: { big: 'x' } }))).rejects.toMatchObject({
    name: 'InvalidParameterException',
    $metadata: { httpStatusCode: 400 },
  });
  await expect(clients.tagging.send(new TagResourcesCommand({ ResourceARNList: [], Tags: { big: 'x' } }))).rejects.toMatchObject({
    name: 'InvalidParameterException',
  });
  await expect(
    clients.tagging.send(new TagResourcesCommand({ ResourceARNList: [arn('cluster', 'prod-app')], Tags: {} })),
  ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  expect(await tagsOf(arn('cluster', 'prod-app'))).not.toHaveProperty('big');
});

describe('tags RDS refuses (API reference, Tag), through AddTagsToResource and TagResources alike: nothing applied', () => {
  const refusals: Array<[string, Record<string, string>, string]> = [
    [
      'a key with the reserved prefix aws:',
      { 'aws:cloudformation:stack-name': 'x' },
      'Tag keys cannot start with the reserved prefix "aws:".',
    ],
    ['the same prefix in capitals', { 'AWS:owner': 'x' }, 'Tag keys cannot start with the reserved prefix "aws:".'],
    ['a key with the reserved prefix rds:', { 'rds:owner': 'x' }, 'Tag keys cannot start with the reserved prefix "rds:".'],
    ['a value with a comma', { owner: 'a,b' }, 'Tag values may only contain unicode letters'],
    ['a value with a quote', { owner: 'a"b' }, 'Tag values may only contain unicode letters'],
    ['a value with a newline', { owner: 'a\nb' }, 'Tag values may only contain unicode letters'],
    ['a key with a semicolon', { 'own;er': 'x' }, 'Tag keys may only contain unicode letters'],
    ['a key of 129 characters', { ['k'.repeat(129)]: 'x' }, 'Tag keys must be 1 to 128 characters long'],
    ['a value of 257 characters', { owner: 'v'.repeat(257) }, 'Tag values must be at most 256 characters long'],
  ];
  it.each(refusals)('%s', async (_what, tags, message) => {
    const resource = arn('cluster', 'prod-app');
    const all = { ...tags, ok: 'fine' };
    const list = Object.entries(all).map(([Key, Value]) => ({ Key, Value }));
    await expect(clients.rds.send(new AddTagsToResourceCommand({ ResourceName: resource, Tags: list }))).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: expect.stringContaining(message),
      $metadata: { httpStatusCode: 400 },
    });
    const tagged = await clients.tagging.send(new TagResourcesCommand({ ResourceARNList: [resource], Tags: all }));
    expect(tagged.FailedResourcesMap?.[resource]).toMatchObject({
      ErrorCode: 'InvalidParameterValue',
      ErrorMessage: expect.stringContaining(message),
    });
    expect(await tagsOf(resource)).not.toHaveProperty('ok');
  });

  it('letters of any script, digits, spaces and _ . : / = + - @ are tags', async () => {
    const resource = arn('cluster', 'prod-app');
    const tags = { 'équipe/zone:1': 'paiements été = 2026+@ops_a.b', 'team-aws:x': 'not-rds:a-prefix' };
    expect((await clients.tagging.send(new TagResourcesCommand({ ResourceARNList: [resource], Tags: tags }))).FailedResourcesMap).toEqual(
      {},
    );
    expect(await tagsOf(resource)).toMatchObject(tags);
  });
});

const cli = findAwsCli();
(cli ? it : it.skip)('the real AWS CLI: tag-resources and untag-resources, and its refusal of 21 ARNs', async () => {
  const arns = [arn('cluster', 'billing-db'), arn('db', 'billing-db-0')];
  const tagged = await runAwsCli(sim.url, [
    'resourcegroupstaggingapi',
    'tag-resources',
    '--resource-arn-list',
    ...arns,
    '--tags',
    'switchyard:deployment=cli,owner=ops',
  ]);
  expect(tagged.code).toBe(0);
  expect(tagged.json).toEqual({ FailedResourcesMap: {} });
  for (const a of arns) expect(await tagsOf(a)).toMatchObject({ 'switchyard:deployment': 'cli', owner: 'ops' });
  const untagged = await runAwsCli(sim.url, [
    'resourcegroupstaggingapi',
    'untag-resources',
    '--resource-arn-list',
    ...arns,
    '--tag-keys',
    'owner',
  ]);
  expect(untagged.code).toBe(0);
  for (const a of arns) expect(await tagsOf(a)).not.toHaveProperty('owner');
  const many = Array.from({ length: 21 }, () => arn('cluster', 'billing-db'));
  const refused = await runAwsCli(sim.url, ['resourcegroupstaggingapi', 'tag-resources', '--resource-arn-list', ...many, '--tags', 'a=b']);
  expect(refused.code).not.toBe(0);
  // botocore validates the list's max itself (ParamValidation) before sending, or the simulator refuses it.
  expect(refused.stderr).toMatch(/ResourceARNList|InvalidParameterException/);
  // A reserved key prefix through RDS's own command: AWS's error code and words.
  const reserved = await runAwsCli(sim.url, [
    'rds',
    'add-tags-to-resource',
    '--resource-name',
    arns[0],
    '--tags',
    'Key=aws:owner,Value=ops',
  ]);
  expect(reserved.code).not.toBe(0);
  expect(reserved.stderr).toContain(
    'An error occurred (InvalidParameterValue) when calling the AddTagsToResource operation: Tag keys cannot start with the reserved prefix "aws:".',
  );
});
