import {
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  DescribeEventsCommand,
  FailoverDBClusterCommand,
} from '@aws-sdk/client-rds';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { ManualClock } from '../../testing/manual-clock';
import { destroyClients, errorOf, sdkClients, type SdkClients } from '../../testing/sdk-clients';

// A manual clock: the 30 s failover ends when a test advances the clock, however slow the machine.
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

async function cluster(id = 'prod-app') {
  const out = await aws.rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: id }));
  return out.DBClusters![0];
}

const writerOf = async (id = 'prod-app') => (await cluster(id)).DBClusterMembers!.find((m) => m.IsClusterWriter)?.DBInstanceIdentifier;

it('FailoverDBCluster to a named reader: failing-over, then available with roles swapped after 30 s', async () => {
  const out = await aws.rds.send(
    new FailoverDBClusterCommand({ DBClusterIdentifier: 'prod-app', TargetDBInstanceIdentifier: 'prod-app-2' }),
  );
  expect(out.DBCluster!.Status).toBe('failing-over');
  clock.advance(29_999);
  expect((await cluster()).Status).toBe('failing-over');
  expect(await writerOf()).toBe('prod-app-0');
  clock.advance(1);
  expect((await cluster()).Status).toBe('available');
  expect(await writerOf()).toBe('prod-app-2');
  const events = await aws.rds.send(new DescribeEventsCommand({ SourceType: 'db-cluster', SourceIdentifier: 'prod-app' }));
  expect(events.Events!.map((e) => e.Message)).toEqual([
    'Started cross AZ failover to DB instance: prod-app-2',
    'Completed failover to DB instance: prod-app-2',
  ]);
  expect(events.Events!.every((e) => e.EventCategories!.includes('failover'))).toBe(true);
});

it('FailoverDBCluster without a target picks the lowest tier, then the largest class', async () => {
  await aws.rds.send(new FailoverDBClusterCommand({ DBClusterIdentifier: 'prod-app' }));
  clock.advance(30_000);
  expect((await cluster()).Status).toBe('available');
  // prod-app-1 and prod-app-2 are both tier 1 and db.r6g.xlarge: the name breaks the tie.
  expect(await writerOf()).toBe('prod-app-1');
});

it('rejects a second failover while the first runs (InvalidDBClusterStateFault)', async () => {
  await aws.rds.send(new FailoverDBClusterCommand({ DBClusterIdentifier: 'prod-app', TargetDBInstanceIdentifier: 'prod-app-1' }));
  const error = await errorOf(() =>
    aws.rds.send(new FailoverDBClusterCommand({ DBClusterIdentifier: 'prod-app', TargetDBInstanceIdentifier: 'prod-app-2' })),
  );
  expect(error.name).toBe('InvalidDBClusterStateFault');
  expect(error.$metadata?.httpStatusCode).toBe(400);
  clock.advance(30_000);
  expect(await writerOf()).toBe('prod-app-1');
});

it('rejects the current writer as target (InvalidDBInstanceStateFault), an unknown cluster (DBClusterNotFoundFault) and a reader of another cluster', async () => {
  const self = await errorOf(() =>
    aws.rds.send(new FailoverDBClusterCommand({ DBClusterIdentifier: 'prod-app', TargetDBInstanceIdentifier: 'prod-app-0' })),
  );
  expect(self.name).toBe('InvalidDBInstanceStateFault');
  const missing = await errorOf(() => aws.rds.send(new FailoverDBClusterCommand({ DBClusterIdentifier: 'nope' })));
  expect(missing.name).toBe('DBClusterNotFoundFault');
  const notMember = await errorOf(() =>
    aws.rds.send(new FailoverDBClusterCommand({ DBClusterIdentifier: 'prod-app', TargetDBInstanceIdentifier: 'billing-db-1' })),
  );
  // billing-db-1 exists: FailoverDBCluster's model has no DBInstanceNotFoundFault (botocore
  // service-2.json: InvalidDBClusterStateFault, InvalidDBInstanceStateFault, DBClusterNotFoundFault).
  expect(notMember.name).toBe('InvalidDBInstanceStateFault');
  expect(notMember.$metadata?.httpStatusCode).toBe(400);
  expect(notMember.message).toContain('DB instance billing-db-1 is not a member of DB cluster prod-app (it belongs to billing-db)');
});

it('refuses FailoverDBCluster on a global secondary (use FailoverGlobalCluster)', async () => {
  const eu = sdkClients(sim, { region: 'eu-west-1' });
  const error = await errorOf(() => eu.rds.send(new FailoverDBClusterCommand({ DBClusterIdentifier: 'prod-app-eu' })));
  destroyClients(eu);
  expect(error.name).toBe('InvalidDBClusterStateFault');
});

it('an injected failing failover ends with RDS-EVENT-0069 and the old writer', async () => {
  sim.control.injectFault({ type: 'failover', mode: 'fail', clusterId: 'prod-app', count: 1 });
  await aws.rds.send(new FailoverDBClusterCommand({ DBClusterIdentifier: 'prod-app', TargetDBInstanceIdentifier: 'prod-app-1' }));
  clock.advance(30_000);
  expect((await cluster()).Status).toBe('available');
  expect(await writerOf()).toBe('prod-app-0');
  const events = await aws.rds.send(new DescribeEventsCommand({ SourceType: 'db-cluster', SourceIdentifier: 'prod-app' }));
  expect(events.Events!.at(-1)!.Message).toBe('A failover for the DB cluster has failed.');
  expect(sim.control.faults().failovers).toEqual([]);
});

it('an injected hanging failover stays failing-over', async () => {
  sim.control.injectFault({ type: 'failover', mode: 'hang' });
  await aws.rds.send(new FailoverDBClusterCommand({ DBClusterIdentifier: 'prod-app' }));
  clock.advance(60 * 60_000); // an hour, 120 times the failover's 30 s
  expect((await cluster()).Status).toBe('failing-over');
  const instances = await aws.rds.send(new DescribeDBInstancesCommand({ Filters: [{ Name: 'db-cluster-id', Values: ['prod-app'] }] }));
  expect(instances.DBInstances!.every((i) => i.DBInstanceStatus === 'available')).toBe(true);
});
