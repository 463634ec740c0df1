import { DescribeDBClustersCommand, DescribeDBInstancesCommand, FailoverDBClusterCommand } from '@aws-sdk/client-rds';
import type { SimState } from '../model/types';
import { startSimulator, type RunningSimulator } from '../simulator';
import { ManualClock } from '../testing/manual-clock';
import { destroyClients, errorOf, sdkClients, type SdkClients } from '../testing/sdk-clients';

// A manual clock: a failover finishes when a test advances the clock (30 s ÷ 1000), not by sleeping.
let clock: ManualClock;
let sim: RunningSimulator;
let aws: SdkClients;

beforeEach(async () => {
  clock = new ManualClock();
  sim = await startSimulator({ fleet: 'demo', timeScale: 1000, clock });
  aws = sdkClients(sim);
});

afterEach(async () => {
  destroyClients(aws);
  await sim.stop();
});

const control = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${sim.url}/_switchyard/${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

it('GET /_switchyard/health reports the clock and fleet', async () => {
  const { status, body } = await control('GET', 'health');
  expect(status).toBe(200);
  expect(body).toMatchObject({ ok: true, timeScale: 1000, clusters: 6, instances: 14 });
});

it('POST /_switchyard/faults injects faults (one or several) that the AWS APIs then show', async () => {
  const { status, body } = await control('POST', 'faults', [
    { type: 'throttle', service: 'rds', operation: 'DescribeDBInstances', rate: 1 },
    { type: 'replica-lag', clusterId: 'prod-app', valueMs: 3000, durationSeconds: 60 },
  ]);
  expect(status).toBe(200);
  expect(body.throttles).toEqual([{ service: 'rds', operation: 'DescribeDBInstances', rate: 1 }]);
  expect((body.lagSpikes as unknown[]).length).toBe(1);
  expect((await errorOf(() => aws.rds.send(new DescribeDBInstancesCommand({}))))?.name).toBe('Throttling');
  await aws.rds.send(new DescribeDBClustersCommand({}));
  const cleared = await control('DELETE', 'faults');
  expect(cleared.body.throttles).toEqual([]);
  await aws.rds.send(new DescribeDBInstancesCommand({}));
});

it('rejects an unknown fault or route with a JSON error', async () => {
  const bad = await control('POST', 'faults', { type: 'instance-crash', region: 'us-east-1', instanceId: 'ghost' });
  expect(bad).toEqual({ status: 400, body: { error: 'DBInstanceNotFoundFault', message: 'DBInstance ghost not found.' } });
  expect((await control('GET', 'nothing-here')).status).toBe(404);
});

it('GET /_switchyard/requests logs each AWS request with its decoded and wire parameters', async () => {
  await aws.rds.send(
    new DescribeDBInstancesCommand({ Filters: [{ Name: 'db-cluster-id', Values: ['prod-app', 'billing-db'] }], MaxRecords: 20 }),
  );
  const { body } = await control('GET', 'requests');
  const entry = (body as unknown as Record<string, unknown>[]).at(-1)!;
  expect(entry).toMatchObject({
    service: 'rds',
    operation: 'DescribeDBInstances',
    region: 'us-east-1',
    protocol: 'query',
    status: 200,
    params: { Filters: [{ Name: 'db-cluster-id', Values: ['prod-app', 'billing-db'] }], MaxRecords: 20 },
    wireParams: {
      'Filters.Filter.1.Name': 'db-cluster-id',
      'Filters.Filter.1.Values.Value.1': 'prod-app',
      'Filters.Filter.1.Values.Value.2': 'billing-db',
      MaxRecords: '20',
    },
  });
  await control('DELETE', 'requests');
  expect((await control('GET', 'requests')).body).toEqual([]);
});

it('GET/POST /_switchyard/state saves and loads the state; reset restores the initial fleet', async () => {
  const saved = (await control('GET', 'state')).body as unknown as SimState;
  expect(saved.formatVersion).toBe(1);
  await aws.rds.send(new FailoverDBClusterCommand({ DBClusterIdentifier: 'billing-db' }));
  const writer = async () =>
    (await aws.rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: 'billing-db' }))).DBClusters![0].DBClusterMembers!.find(
      (m) => m.IsClusterWriter,
    )?.DBInstanceIdentifier;
  clock.advance(30);
  expect(await writer()).toBe('billing-db-1');
  expect((await control('POST', 'state', saved)).status).toBe(200);
  expect(await writer()).toBe('billing-db-0');
  await aws.rds.send(new FailoverDBClusterCommand({ DBClusterIdentifier: 'billing-db' }));
  clock.advance(30);
  expect(await writer()).toBe('billing-db-1');
  await control('POST', 'reset');
  expect(await writer()).toBe('billing-db-0');
  const invalid = await control('POST', 'state', { hello: 'world' });
  expect(invalid.status).toBe(400);
  expect(String(invalid.body.message)).toMatch(/formatVersion/);
});
