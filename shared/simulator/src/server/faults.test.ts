import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateDBInstanceCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  DescribeEventsCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { startSimulator, type RunningSimulator } from '../simulator';
import { ManualClock } from '../testing/manual-clock';
import { DUMMY_CREDENTIALS, destroyClients, errorOf, sdkClients, type SdkClients } from '../testing/sdk-clients';
import { signedQueryPost } from '../testing/signed-request';

// A manual clock (time scale 1): transitions finish when a test advances it by their AWS duration,
// never between two requests of a loaded machine, so intermediate states can be asserted.
let clock: ManualClock;
let sim: RunningSimulator;
let aws: SdkClients;

beforeEach(async () => {
  clock = new ManualClock();
  sim = await startSimulator({ fleet: 'demo', clock });
  aws = sdkClients(sim);
});

afterEach(async () => {
  destroyClients(aws);
  await sim.stop();
});

const members = async (cluster: string) =>
  (await aws.rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: cluster }))).DBClusters![0];
const writerOf = async (cluster: string) => (await members(cluster)).DBClusterMembers!.find((m) => m.IsClusterWriter)?.DBInstanceIdentifier;
const statusOf = async (instance: string) =>
  (await aws.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: instance }))).DBInstances![0].DBInstanceStatus;

describe('throttling', () => {
  it('always-throttled RDS: the SDK sees Throttling (400, "Rate exceeded") after its retries', async () => {
    sim.control.injectFault({ type: 'throttle', service: 'rds', rate: 1 });
    const retrying = new RDSClient({
      region: 'us-east-1',
      endpoint: sim.url,
      credentials: DUMMY_CREDENTIALS,
      maxAttempts: 3,
      retryMode: 'standard',
    });
    const error = await errorOf(() => retrying.send(new DescribeDBClustersCommand({})));
    retrying.destroy();
    expect(error.name).toBe('Throttling');
    expect(error.message).toBe('Rate exceeded');
    expect(error.$metadata).toMatchObject({ httpStatusCode: 400, attempts: 3 });
    const sts = await aws.sts.send(new GetCallerIdentityCommand({}));
    expect(sts.Account).toBe('123456789012');
  });

  it('a token bucket of 2 req/s: the SDK retries throttled calls and succeeds', async () => {
    sim.control.injectFault({ type: 'throttle', service: 'rds', requestsPerSecond: 2, burst: 2 });
    const retrying = new RDSClient({
      region: 'us-east-1',
      endpoint: sim.url,
      credentials: DUMMY_CREDENTIALS,
      maxAttempts: 10,
      retryMode: 'standard',
    });
    const results = await Promise.all(
      Array.from({ length: 4 }, () => retrying.send(new DescribeDBClustersCommand({ DBClusterIdentifier: 'prod-app' }))),
    );
    retrying.destroy();
    expect(results.every((r) => r.DBClusters![0].DBClusterIdentifier === 'prod-app')).toBe(true);
    const log = sim.control.requests().filter((r) => r.operation === 'DescribeDBClusters');
    expect(log.filter((r) => r.errorCode === 'Throttling').length).toBeGreaterThan(0);
    expect(log.filter((r) => r.status === 200)).toHaveLength(4);
  });

  it('the JSON services throttle with ThrottlingException', async () => {
    sim.control.injectFault({ type: 'throttle', service: 'monitoring', rate: 1 });
    const error = await errorOf(() => aws.cloudwatch.send(new DescribeAlarmsCommand({})));
    expect(error.name).toBe('ThrottlingException');
    sim.control.clearFaults();
    expect((await aws.cloudwatch.send(new DescribeAlarmsCommand({}))).MetricAlarms!.length).toBeGreaterThan(0);
  });
});

it('a request without SigV4 Authorization is rejected with MissingAuthenticationToken (403)', async () => {
  const response = await fetch(sim.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'Action=DescribeDBClusters&Version=2014-10-31',
  });
  expect(response.status).toBe(403);
  const body = await response.text();
  expect(body).toContain('<Code>MissingAuthenticationToken</Code>');
  expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
});

it('an unknown action is InvalidAction', async () => {
  const response = await signedQueryPost(sim.url, 'Action=DescribeUnicorns&Version=2014-10-31');
  expect(response.status).toBe(400);
  expect(await response.text()).toContain('<Code>InvalidAction</Code>');
});

it('a writer crash fails over automatically to the best promotion tier; the crashed instance recovers as a reader', async () => {
  sim.control.injectFault({ type: 'instance-crash', region: 'us-east-1', instanceId: 'prod-app-0' });
  expect(await statusOf('prod-app-0')).toBe('failed');
  expect((await members('prod-app')).Status).toBe('failing-over');
  clock.advance(30_000); // the failover's 30 s
  expect(await writerOf('prod-app')).toBe('prod-app-1');
  expect((await members('prod-app')).Status).toBe('available');
  clock.advance(5 * 60_000); // instance recovery, 5 minutes
  expect(await statusOf('prod-app-0')).toBe('available');
  expect(await writerOf('prod-app')).toBe('prod-app-1');
  const events = await aws.rds.send(new DescribeEventsCommand({ SourceType: 'db-instance', SourceIdentifier: 'prod-app-0' }));
  expect(events.Events!.map((e) => e.Message)).toEqual([
    'DB instance shutdown',
    'Recovery of the DB instance has started. Recovery time will vary with the amount of data to be recovered.',
    'Recovery of the DB instance is complete.',
  ]);
});

it('the tier-15 reader is chosen only when no better reader is up', async () => {
  sim.control.injectFault({ type: 'instance-crash', region: 'us-east-1', instanceId: 'prod-app-1', permanent: true });
  sim.control.injectFault({ type: 'instance-crash', region: 'us-east-1', instanceId: 'prod-app-2', permanent: true });
  sim.control.injectFault({ type: 'instance-crash', region: 'us-east-1', instanceId: 'prod-app-0', permanent: true });
  clock.advance(30_000);
  expect(await writerOf('prod-app')).toBe('prod-app-analytics');
});

it('an AZ outage fails the instances there; a writer in it fails over to another AZ; they recover when it ends', async () => {
  sim.control.injectFault({ type: 'az-outage', region: 'us-east-1', availabilityZone: 'us-east-1a' });
  expect(await statusOf('prod-app-0')).toBe('failed');
  expect(await statusOf('prod-app-analytics')).toBe('failed');
  expect(await statusOf('billing-db-0')).toBe('failed');
  clock.advance(30_000);
  expect(await writerOf('prod-app')).toBe('prod-app-1');
  expect(await writerOf('billing-db')).toBe('billing-db-1');
  const create = await errorOf(() =>
    aws.rds.send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: 'prod-app-9',
        DBInstanceClass: 'db.r6g.large',
        Engine: 'aurora-postgresql',
        DBClusterIdentifier: 'prod-app',
        AvailabilityZone: 'us-east-1a',
      }),
    ),
  );
  expect(create.name).toBe('InsufficientDBInstanceCapacityFault');
  sim.control.injectFault({ type: 'az-outage', region: 'us-east-1', availabilityZone: 'us-east-1a', end: true });
  expect(await statusOf('prod-app-0')).toBe('rebooting');
  clock.advance(20_000); // the reboot's 20 s
  expect(await statusOf('prod-app-0')).toBe('available');
  expect(await writerOf('prod-app')).toBe('prod-app-1');
});

it('a single-instance cluster whose writer dies recreates it (no reader to promote)', async () => {
  sim.control.injectFault({ type: 'instance-crash', region: 'us-east-1', instanceId: 'billing-db-1', permanent: true });
  sim.control.injectFault({ type: 'instance-crash', region: 'us-east-1', instanceId: 'billing-db-0', permanent: true });
  expect((await members('billing-db')).Status).toBe('failing-over');
  clock.advance(10 * 60_000); // recreating the writer takes 10 minutes
  expect((await members('billing-db')).Status).toBe('available');
  expect(await writerOf('billing-db')).toBe('billing-db-0');
  expect(await statusOf('billing-db-0')).toBe('available');
});
