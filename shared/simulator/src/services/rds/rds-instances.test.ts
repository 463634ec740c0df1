import {
  CreateDBInstanceCommand,
  DeleteDBInstanceCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  DescribeEventsCommand,
  ModifyDBInstanceCommand,
  RebootDBInstanceCommand,
} from '@aws-sdk/client-rds';
import { DEFAULT_TIMINGS } from '../../model/types';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { ManualClock } from '../../testing/manual-clock';
import { destroyClients, errorOf, sdkClients, type SdkClients } from '../../testing/sdk-clients';

// A manual clock: an instance stays creating, modifying, rebooting or deleting until a test advances it.
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

async function instance(id: string) {
  const out = await aws.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }));
  return out.DBInstances![0];
}

it('CreateDBInstance adds a reader to a cluster: creating for 8 min, then available, tier 1 by default', async () => {
  const out = await aws.rds.send(
    new CreateDBInstanceCommand({
      DBInstanceIdentifier: 'prod-app-3',
      DBInstanceClass: 'db.r6g.xlarge',
      Engine: 'aurora-postgresql',
      DBClusterIdentifier: 'prod-app',
      AvailabilityZone: 'us-east-1b',
    }),
  );
  expect(out.DBInstance).toMatchObject({
    DBInstanceIdentifier: 'prod-app-3',
    DBInstanceStatus: 'creating',
    PromotionTier: 1,
    AvailabilityZone: 'us-east-1b',
    DBClusterIdentifier: 'prod-app',
  });
  const members = (await aws.rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: 'prod-app' }))).DBClusters![0].DBClusterMembers!;
  expect(members.find((m) => m.DBInstanceIdentifier === 'prod-app-3')).toMatchObject({ IsClusterWriter: false, PromotionTier: 1 });
  clock.advance(DEFAULT_TIMINGS.createInstance - 1);
  expect((await instance('prod-app-3')).DBInstanceStatus).toBe('creating');
  clock.advance(1);
  expect((await instance('prod-app-3')).DBInstanceStatus).toBe('available');
  const events = await aws.rds.send(new DescribeEventsCommand({ SourceType: 'db-instance', SourceIdentifier: 'prod-app-3' }));
  expect(events.Events!.map((e) => e.Message)).toEqual(['DB instance created']);
});

it('CreateDBInstance errors: existing identifier, unknown cluster, wrong engine', async () => {
  const base = { DBInstanceClass: 'db.r6g.large', Engine: 'aurora-postgresql', DBClusterIdentifier: 'prod-app' };
  expect((await errorOf(() => aws.rds.send(new CreateDBInstanceCommand({ ...base, DBInstanceIdentifier: 'prod-app-1' })))).name).toBe(
    'DBInstanceAlreadyExistsFault',
  );
  expect(
    (await errorOf(() => aws.rds.send(new CreateDBInstanceCommand({ ...base, DBInstanceIdentifier: 'x-1', DBClusterIdentifier: 'nope' }))))
      .name,
  ).toBe('DBClusterNotFoundFault');
  expect(
    (await errorOf(() => aws.rds.send(new CreateDBInstanceCommand({ ...base, DBInstanceIdentifier: 'x-2', Engine: 'aurora-mysql' })))).name,
  ).toBe('InvalidParameterCombination');
});

it('ModifyDBInstance changes the promotion tier at once and the class after `modifying` when applied immediately', async () => {
  const tier = await aws.rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'prod-app-2', PromotionTier: 0 }));
  expect(tier.DBInstance).toMatchObject({ PromotionTier: 0, DBInstanceStatus: 'available' });
  const deferred = await aws.rds.send(
    new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'prod-app-1', DBInstanceClass: 'db.r6g.2xlarge' }),
  );
  expect(deferred.DBInstance).toMatchObject({
    DBInstanceClass: 'db.r6g.xlarge',
    PendingModifiedValues: { DBInstanceClass: 'db.r6g.2xlarge' },
  });
  const now = await aws.rds.send(
    new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'prod-app-analytics', DBInstanceClass: 'db.r6g.xlarge', ApplyImmediately: true }),
  );
  expect(now.DBInstance!.DBInstanceStatus).toBe('modifying');
  clock.advance(DEFAULT_TIMINGS.modifyInstance);
  expect(await instance('prod-app-analytics')).toMatchObject({ DBInstanceStatus: 'available', DBInstanceClass: 'db.r6g.xlarge' });
});

it('RebootDBInstance reboots for 20 s; ForceFailover is refused for Aurora instances', async () => {
  const out = await aws.rds.send(new RebootDBInstanceCommand({ DBInstanceIdentifier: 'prod-app-1' }));
  expect(out.DBInstance!.DBInstanceStatus).toBe('rebooting');
  expect((await instance('prod-app-1')).DBInstanceStatus).toBe('rebooting');
  clock.advance(DEFAULT_TIMINGS.reboot);
  expect((await instance('prod-app-1')).DBInstanceStatus).toBe('available');
  const error = await errorOf(() => aws.rds.send(new RebootDBInstanceCommand({ DBInstanceIdentifier: 'prod-app-0', ForceFailover: true })));
  expect(error.name).toBe('InvalidParameterCombination');
  expect(error.message).toMatch(/FailoverDBCluster/);
});

it('DeleteDBInstance of the writer fails over to the best reader first, then the instance disappears', async () => {
  const out = await aws.rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'billing-db-0', SkipFinalSnapshot: true }));
  expect(out.DBInstance!.DBInstanceStatus).toBe('deleting');
  clock.advance(DEFAULT_TIMINGS.failover + DEFAULT_TIMINGS.deleteInstance);
  const error = await errorOf(() => aws.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'billing-db-0' })));
  expect(error.name).toBe('DBInstanceNotFoundFault');
  const cluster = (await aws.rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: 'billing-db' }))).DBClusters![0];
  expect(cluster.DBClusterMembers).toEqual([expect.objectContaining({ DBInstanceIdentifier: 'billing-db-1', IsClusterWriter: true })]);
  expect((await errorOf(() => aws.rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'billing-db-0' })))).name).toBe(
    'DBInstanceNotFoundFault',
  );
});
