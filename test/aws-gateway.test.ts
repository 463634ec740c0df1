/**
 * The AWS edge against the simulator through the real SDK: throttling is retried (adaptive), a
 * call that stays throttled or hangs fails cleanly with a clear error instead of hanging the run.
 */
import { DBClusterNotFoundFault, DescribeDBClustersCommand, FailoverDBClusterCommand, RDSClient } from '@aws-sdk/client-rds';
import { AwsCallError, SdkAwsGateway } from '@switchyard/core';
import { startSimulator } from '@switchyard/simulator';
import { HoldingProxy } from './support/holding-proxy';

let sim: Awaited<ReturnType<typeof startSimulator>>;
beforeEach(async () => {
  sim = await startSimulator({ port: 0, fleet: 'demo', timeScale: 100 });
});
afterEach(async () => {
  await sim.stop();
});

it('retries throttled calls and succeeds', async () => {
  sim.control.injectFault({ type: 'throttle', service: 'rds', rate: 0.5 });
  const aws = new SdkAwsGateway({ region: 'us-east-1', endpoint: sim.url, maxAttempts: 10 });
  for (let i = 0; i < 10; i++) {
    const out = await aws.call('rds', 'DescribeDBClusters', { DBClusterIdentifier: 'prod-app' });
    expect((out.DBClusters as unknown[]).length).toBe(1);
  }
  const throttled = sim.control.requests().filter((r) => r.status === 400).length;
  expect(throttled).toBeGreaterThan(0);
  aws.destroy();
});

it('a call that stays throttled fails with the AWS code after its attempts, not forever', async () => {
  sim.control.injectFault({ type: 'throttle', service: 'rds', rate: 1 });
  const aws = new SdkAwsGateway({ region: 'us-east-1', endpoint: sim.url, maxAttempts: 3 });
  const error = await aws.call('rds', 'DescribeDBClusters', {}).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AwsCallError);
  expect((error as AwsCallError).code).toMatch(/Throttling/);
  expect((error as AwsCallError).retryable).toBe(true);
  aws.destroy();
});

it('a hung call times out per attempt and fails cleanly', async () => {
  const proxy = new HoldingProxy(sim.url);
  const url = await proxy.start();
  const held = proxy.holdNext('DescribeDBClusters', 'request');
  const aws = new SdkAwsGateway({ region: 'us-east-1', endpoint: url, requestTimeoutMs: 300, maxAttempts: 1 });
  // The held request is never answered: without the per-attempt timeout the call would hang past the test's timeout.
  const error = await aws.call('rds', 'DescribeDBClusters', {}).catch((e: unknown) => e);
  await held;
  expect(error).toBeInstanceOf(AwsCallError);
  expect(error).toMatchObject({ code: 'TimeoutError', notApplied: false });
  expect((error as AwsCallError).awsMessage).toMatch(/exceeded the configured 300 ms requestTimeout/);
  aws.destroy();
  await proxy.stop();
});

it('maps AWS error codes from the wire (awsQuery) into typed errors: a 4xx answer is not applied', async () => {
  const aws = new SdkAwsGateway({ region: 'us-east-1', endpoint: sim.url });
  const error = await aws.call('rds', 'FailoverDBCluster', { DBClusterIdentifier: 'nope' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AwsCallError);
  expect(error).toMatchObject({
    code: 'DBClusterNotFoundFault',
    awsMessage: 'DBCluster nope not found.',
    notApplied: true,
    retryable: false,
  });
  aws.destroy();
});

it('a call that got no answer may have taken effect: not "not applied", with a hint', async () => {
  const closed = await startSimulator({ port: 0 });
  await closed.stop();
  const aws = new SdkAwsGateway({ region: 'us-east-1', endpoint: closed.url, maxAttempts: 1 });
  const error = await aws.call('rds', 'FailoverDBCluster', { DBClusterIdentifier: 'prod-app' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AwsCallError);
  expect(error).toMatchObject({
    notApplied: false,
    hint: `no answer from the endpoint ${closed.url}: check the network, VPN or proxy, and the endpoint`,
  });
  aws.destroy();
});

it('read clients fail with the same typed errors, and refuse changes before sending them', async () => {
  const aws = new SdkAwsGateway({ region: 'us-east-1', endpoint: sim.url });
  const rds = aws.readClient(RDSClient);
  expect(aws.readClient(RDSClient, 'us-east-1')).toBe(rds);
  const missing = await rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: 'nope' })).catch((e: unknown) => e);
  expect(missing).toBeInstanceOf(AwsCallError);
  expect(missing).toMatchObject({ service: 'rds', operation: 'DescribeDBClusters', code: 'DBClusterNotFoundFault', notApplied: true });
  expect((missing as AwsCallError).cause).toBeInstanceOf(DBClusterNotFoundFault);

  const change = await rds.send(new FailoverDBClusterCommand({ DBClusterIdentifier: 'prod-app' })).catch((e: unknown) => e);
  expect(change).toMatchObject({ code: 'NotARead', operation: 'FailoverDBCluster', notApplied: true });
  expect(sim.control.requests().map((r) => r.operation)).not.toContain('FailoverDBCluster');
  aws.destroy();
});

it('a tagging call AWS answers 200 with failed resources fails, naming each one; the others were tagged (never a silent success)', async () => {
  const aws = new SdkAwsGateway({ region: 'us-east-1', endpoint: sim.url, maxAttempts: 1 });
  const good = 'arn:aws:rds:us-east-1:123456789012:cluster:prod-app';
  const gone = 'arn:aws:rds:us-east-1:123456789012:cluster:PROD-APP-GONE';
  const error = await aws
    .call('resourcegroupstaggingapi', 'TagResources', { ResourceARNList: [good, gone], Tags: { 'switchyard:deployment': 'x' } })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AwsCallError);
  expect(error).toMatchObject({ code: 'DBClusterNotFoundFault', notApplied: false, retryable: false, httpStatus: 200 });
  expect((error as AwsCallError).awsMessage).toContain(`1 resource(s) were not changed: ${gone}: DBClusterNotFoundFault`);
  expect((error as AwsCallError).message).not.toContain(good);
  const tags = await aws.call('rds', 'ListTagsForResource', { ResourceName: good });
  expect(tags.TagList).toContainEqual({ Key: 'switchyard:deployment', Value: 'x' });
  // All tagged: the answer is the output, an empty map.
  expect(
    await aws.call('resourcegroupstaggingapi', 'UntagResources', { ResourceARNList: [good], TagKeys: ['switchyard:deployment'] }),
  ).toEqual({
    FailedResourcesMap: {},
  });
  aws.destroy();
});
