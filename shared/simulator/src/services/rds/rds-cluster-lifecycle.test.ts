import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  DeleteBlueGreenDeploymentCommand,
  DeleteDBClusterCommand,
  DeleteDBInstanceCommand,
  DescribeBlueGreenDeploymentsCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  DescribeEventsCommand,
  ModifyDBClusterCommand,
  ModifyDBInstanceCommand,
  SwitchoverBlueGreenDeploymentCommand,
} from '@aws-sdk/client-rds';
import { DEFAULT_TIMINGS } from '../../model/types';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { ManualClock } from '../../testing/manual-clock';
import { destroyClients, errorOf, sdkClients, type SdkClients } from '../../testing/sdk-clients';

// A manual clock: renames and deletions finish when a test advances it, so a test can act while one
// is in flight however slow the machine is.
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

const cluster = async (id: string) => (await aws.rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: id }))).DBClusters![0];
const instance = async (id: string) => (await aws.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }))).DBInstances![0];
const clusterIds = async () => (await aws.rds.send(new DescribeDBClustersCommand({}))).DBClusters!.map((c) => c.DBClusterIdentifier);
const gone = async (fn: () => Promise<unknown>, code: string) => expect((await errorOf(fn)).name).toBe(code);

/** Maximum DatabaseConnections of a cluster over the last minute. */
async function connections(clusterId: string): Promise<number> {
  const now = clock.now();
  const out = await aws.cloudwatch.send(
    new GetMetricDataCommand({
      StartTime: new Date(now - 60_000),
      EndTime: new Date(now),
      MetricDataQueries: [
        {
          Id: 'c',
          MetricStat: {
            Metric: {
              Namespace: 'AWS/RDS',
              MetricName: 'DatabaseConnections',
              Dimensions: [{ Name: 'DBClusterIdentifier', Value: clusterId }],
            },
            Period: 60,
            Stat: 'Maximum',
          },
        },
      ],
    }),
  );
  return Math.max(0, ...(out.MetricDataResults![0].Values ?? []));
}

it('ModifyDBCluster NewDBClusterIdentifier with ApplyImmediately: `renaming`, then the cluster, its members and endpoints carry the new name', async () => {
  const before = await cluster('billing-db');
  const out = await aws.rds.send(
    new ModifyDBClusterCommand({ DBClusterIdentifier: 'billing-db', NewDBClusterIdentifier: 'Billing-DB-Old', ApplyImmediately: true }),
  );
  expect(out.DBCluster).toMatchObject({ DBClusterIdentifier: 'billing-db', Status: 'renaming' });
  expect((await cluster('billing-db')).Status).toBe('renaming');
  clock.advance(DEFAULT_TIMINGS.renameCluster);
  expect((await cluster('billing-db-old')).Status).toBe('available');
  const after = await cluster('billing-db-old');
  expect(after.Endpoint).toBe(before.Endpoint!.replace(/^billing-db\./, 'billing-db-old.'));
  expect(after.DbClusterResourceId).toBe(before.DbClusterResourceId);
  expect(after.DBClusterMembers!.map((m) => m.DBInstanceIdentifier).sort()).toEqual(['billing-db-0', 'billing-db-1']);
  expect((await instance('billing-db-0')).DBClusterIdentifier).toBe('billing-db-old');
  await gone(() => cluster('billing-db'), 'DBClusterNotFoundFault');
  const events = await aws.rds.send(new DescribeEventsCommand({ SourceType: 'db-cluster', SourceIdentifier: 'billing-db-old' }));
  expect(events.Events!.map((e) => e.Message)).toContain('Renamed DB cluster from billing-db to billing-db-old');
});

it('without ApplyImmediately a cluster rename waits for the maintenance window; a later ApplyImmediately applies it', async () => {
  const out = await aws.rds.send(new ModifyDBClusterCommand({ DBClusterIdentifier: 'billing-db', NewDBClusterIdentifier: 'billing-db-2' }));
  expect(out.DBCluster).toMatchObject({
    DBClusterIdentifier: 'billing-db',
    Status: 'available',
    PendingModifiedValues: { DBClusterIdentifier: 'billing-db-2' },
  });
  await aws.rds.send(new ModifyDBClusterCommand({ DBClusterIdentifier: 'billing-db', ApplyImmediately: true }));
  clock.advance(DEFAULT_TIMINGS.renameCluster);
  expect(await clusterIds()).toContain('billing-db-2');
});

it('cluster renames are refused for a taken name (also one a rename in flight will take), a bad identifier, and blue/green members', async () => {
  const rename = (from: string, to: string) =>
    aws.rds.send(new ModifyDBClusterCommand({ DBClusterIdentifier: from, NewDBClusterIdentifier: to, ApplyImmediately: true }));
  await gone(() => rename('billing-db', 'analytics-db'), 'DBClusterAlreadyExistsFault');
  await gone(() => rename('billing-db', 'bad--name'), 'InvalidParameterValue');
  await gone(() => rename('billing-db', '1billing'), 'InvalidParameterValue');
  await gone(() => rename('prod-app', 'prod-app-x'), 'InvalidDBClusterStateFault');
  await rename('billing-db', 'ledger-db');
  await gone(() => rename('analytics-db', 'ledger-db'), 'DBClusterAlreadyExistsFault');
  await gone(() => rename('billing-db', 'other-db'), 'InvalidDBClusterStateFault');
});

it('ModifyDBInstance NewDBInstanceIdentifier: the instance reboots under its new name; the writer slot follows', async () => {
  const out = await aws.rds.send(
    new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'billing-db-0', NewDBInstanceIdentifier: 'billing-db-a', ApplyImmediately: true }),
  );
  expect(out.DBInstance).toMatchObject({ DBInstanceIdentifier: 'billing-db-0', DBInstanceStatus: 'renaming' });
  clock.advance(DEFAULT_TIMINGS.renameInstance);
  expect((await instance('billing-db-a')).DBInstanceStatus).toBe('available');
  expect((await instance('billing-db-a')).Endpoint!.Address).toMatch(/^billing-db-a\./);
  const members = (await cluster('billing-db')).DBClusterMembers!;
  expect(members.find((m) => m.IsClusterWriter)?.DBInstanceIdentifier).toBe('billing-db-a');
  const pending = await aws.rds.send(
    new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'billing-db-1', NewDBInstanceIdentifier: 'billing-db-b' }),
  );
  expect(pending.DBInstance).toMatchObject({
    DBInstanceStatus: 'available',
    PendingModifiedValues: { DBInstanceIdentifier: 'billing-db-b' },
  });
  await gone(
    () =>
      aws.rds.send(
        new ModifyDBInstanceCommand({
          DBInstanceIdentifier: 'billing-db-1',
          NewDBInstanceIdentifier: 'billing-db-a',
          ApplyImmediately: true,
        }),
      ),
    'DBInstanceAlreadyExistsFault',
  );
  await gone(
    () =>
      aws.rds.send(
        new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'prod-app-1', NewDBInstanceIdentifier: 'prod-app-9', ApplyImmediately: true }),
      ),
    'InvalidDBInstanceStateFault',
  );
});

it('DeleteDBCluster: refused with deletion protection or instances left; then `deleting` and gone', async () => {
  const del = () => aws.rds.send(new DeleteDBClusterCommand({ DBClusterIdentifier: 'billing-db', SkipFinalSnapshot: true }));
  expect((await errorOf(() => aws.rds.send(new DeleteDBClusterCommand({ DBClusterIdentifier: 'billing-db' })))).name).toBe(
    'InvalidParameterValue',
  );
  const protectedOut = await aws.rds.send(new ModifyDBClusterCommand({ DBClusterIdentifier: 'billing-db', DeletionProtection: true }));
  expect(protectedOut.DBCluster!.DeletionProtection).toBe(true);
  const refused = await errorOf(del);
  expect(refused.name).toBe('InvalidDBClusterStateFault');
  expect(refused.message).toMatch(/deletion protection/);
  await aws.rds.send(new ModifyDBClusterCommand({ DBClusterIdentifier: 'billing-db', DeletionProtection: false }));
  expect((await errorOf(del)).message).toMatch(/still contains DB instances/);
  for (const id of ['billing-db-1', 'billing-db-0']) await aws.rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: id }));
  const out = await del();
  expect(out.DBCluster!.Status).toBe('deleting');
  clock.advance(DEFAULT_TIMINGS.deleteCluster);
  expect(await clusterIds()).not.toContain('billing-db');
  await gone(() => instance('billing-db-0'), 'DBInstanceNotFoundFault');
  await gone(del, 'DBClusterNotFoundFault');
  await gone(
    () => aws.rds.send(new DeleteDBClusterCommand({ DBClusterIdentifier: 'prod-app-eu', SkipFinalSnapshot: true })),
    'DBClusterNotFoundFault',
  );
});

it('after a switchover clients follow the name: the -old1 cluster has no connections; deleting the deployment frees it for renames and deletion', async () => {
  const [deployment] = (await aws.rds.send(new DescribeBlueGreenDeploymentsCommand({}))).BlueGreenDeployments!;
  const green = deployment.Target!.split(':').pop()!;
  expect(await connections('prod-app')).toBeGreaterThan(100);
  expect(await connections(green)).toBe(0);
  await aws.rds.send(new SwitchoverBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: deployment.BlueGreenDeploymentIdentifier }));
  const status = async () =>
    (
      await aws.rds.send(
        new DescribeBlueGreenDeploymentsCommand({ BlueGreenDeploymentIdentifier: deployment.BlueGreenDeploymentIdentifier }),
      )
    ).BlueGreenDeployments![0].Status;
  clock.advance(DEFAULT_TIMINGS.blueGreenSwitchover);
  expect(await status()).toBe('SWITCHOVER_COMPLETED');
  expect(await connections('prod-app')).toBeGreaterThan(100);
  expect(await connections('prod-app-old1')).toBe(0);
  sim.control.injectFault({ type: 'client-connections', clusterId: 'prod-app-old1', connections: 7, durationSeconds: 3600 });
  expect(await connections('prod-app-old1')).toBe(7);

  const renameOld = () =>
    aws.rds.send(
      new ModifyDBClusterCommand({ DBClusterIdentifier: 'prod-app-old1', NewDBClusterIdentifier: 'prod-app-blue', ApplyImmediately: true }),
    );
  await gone(renameOld, 'InvalidDBClusterStateFault');
  await gone(
    () => aws.rds.send(new DeleteDBClusterCommand({ DBClusterIdentifier: 'prod-app-old1', SkipFinalSnapshot: true })),
    'InvalidDBClusterStateFault',
  );
  await aws.rds.send(new DeleteBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: deployment.BlueGreenDeploymentIdentifier }));
  clock.advance(DEFAULT_TIMINGS.blueGreenDelete);
  expect((await aws.rds.send(new DescribeBlueGreenDeploymentsCommand({}))).BlueGreenDeployments).toEqual([]);
  await renameOld();
  clock.advance(DEFAULT_TIMINGS.renameCluster);
  expect((await cluster('prod-app-blue')).Status).toBe('available');
  expect((await cluster('prod-app-blue')).EngineVersion).toBe('15.4');
});
