import {
  CreateBlueGreenDeploymentCommand,
  DeleteBlueGreenDeploymentCommand,
  DescribeBlueGreenDeploymentsCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  DescribeEventsCommand,
  SwitchoverBlueGreenDeploymentCommand,
} from '@aws-sdk/client-rds';
import { DEFAULT_TIMINGS } from '../../model/types';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { ManualClock } from '../../testing/manual-clock';
import { destroyClients, errorOf, sdkClients, type SdkClients } from '../../testing/sdk-clients';

// A manual clock: a switchover or provisioning is in flight until a test advances the clock.
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

async function deployment(id?: string) {
  const out = await aws.rds.send(new DescribeBlueGreenDeploymentsCommand(id ? { BlueGreenDeploymentIdentifier: id } : {}));
  return out.BlueGreenDeployments![0];
}

const clusterIds = async () => (await aws.rds.send(new DescribeDBClustersCommand({}))).DBClusters!.map((c) => c.DBClusterIdentifier);

it('switchover renames blue to -old1 and green to blue names; endpoints move with the names', async () => {
  const before = await deployment();
  const greenName = before.Target!.split(':').pop()!;
  const blueEndpoint = (await aws.rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: 'prod-app' }))).DBClusters![0].Endpoint;
  const out = await aws.rds.send(
    new SwitchoverBlueGreenDeploymentCommand({
      BlueGreenDeploymentIdentifier: before.BlueGreenDeploymentIdentifier,
      SwitchoverTimeout: 300,
    }),
  );
  expect(out.BlueGreenDeployment!.Status).toBe('SWITCHOVER_IN_PROGRESS');
  clock.advance(DEFAULT_TIMINGS.blueGreenSwitchover - 1);
  expect((await deployment()).Status).toBe('SWITCHOVER_IN_PROGRESS');
  clock.advance(1);
  expect((await deployment()).Status).toBe('SWITCHOVER_COMPLETED');
  expect(await clusterIds()).toEqual(expect.arrayContaining(['prod-app', 'prod-app-old1']));
  expect(await clusterIds()).not.toContain(greenName);
  const prod = (await aws.rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: 'prod-app' }))).DBClusters![0];
  expect(prod).toMatchObject({
    EngineVersion: '16.4',
    DBClusterParameterGroup: 'prod-app-pg16',
    Endpoint: blueEndpoint,
    GlobalClusterIdentifier: 'prod-app-global',
  });
  expect(prod.DBClusterMembers!.map((m) => m.DBInstanceIdentifier).sort()).toEqual([
    'prod-app-0',
    'prod-app-1',
    'prod-app-2',
    'prod-app-analytics',
  ]);
  const old = (await aws.rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: 'prod-app-old1' }))).DBClusters![0];
  expect(old.EngineVersion).toBe('15.4');
  expect(old.DBClusterMembers!.map((m) => m.DBInstanceIdentifier)).toContain('prod-app-0-old1');
  const after = await deployment();
  expect(after.Source).toBe('arn:aws:rds:us-east-1:123456789012:cluster:prod-app-old1');
  expect(after.Target).toBe('arn:aws:rds:us-east-1:123456789012:cluster:prod-app');
  expect(after.SwitchoverDetails!.every((d) => d.Status === 'SWITCHOVER_COMPLETED')).toBe(true);
  const events = await aws.rds.send(new DescribeEventsCommand({ SourceType: 'blue-green-deployment' }));
  expect(events.Events!.map((e) => e.Message)).toEqual(
    expect.arrayContaining(['Switchover from prod-app to ' + greenName + ' started.', 'Switchover completed on blue/green deployment.']),
  );
  // Green can no longer be deleted with the deployment: it is production now.
  const error = await errorOf(() =>
    aws.rds.send(
      new DeleteBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: after.BlueGreenDeploymentIdentifier, DeleteTarget: true }),
    ),
  );
  expect(error.name).toBe('InvalidBlueGreenDeploymentStateFault');
});

it('replica lag beyond the timeout: the switchover rolls back at the timeout and nothing changes', async () => {
  const before = await deployment();
  sim.control.injectFault({ type: 'replica-lag', clusterId: 'prod-app', valueMs: 600_000, durationSeconds: 3_600 });
  await aws.rds.send(
    new SwitchoverBlueGreenDeploymentCommand({
      BlueGreenDeploymentIdentifier: before.BlueGreenDeploymentIdentifier,
      SwitchoverTimeout: 60,
    }),
  );
  clock.advance(59_999);
  expect((await deployment()).Status).toBe('SWITCHOVER_IN_PROGRESS');
  clock.advance(1);
  expect((await deployment()).Status).toBe('SWITCHOVER_FAILED');
  const failed = await deployment();
  expect(failed.StatusDetails).toMatch(/rolled back.*replica lag \(600 s\).*60 seconds/);
  expect(failed.Source).toBe(before.Source);
  expect(await clusterIds()).not.toContain('prod-app-old1');
});

it('an injected switchover timeout rolls back; a retry afterwards succeeds', async () => {
  const { BlueGreenDeploymentIdentifier: id } = await deployment();
  sim.control.injectFault({ type: 'blue-green-timeout', count: 1 });
  await aws.rds.send(new SwitchoverBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: id, SwitchoverTimeout: 30 }));
  clock.advance(30_000);
  expect((await deployment()).Status).toBe('SWITCHOVER_FAILED');
  const events = await aws.rds.send(new DescribeEventsCommand({ SourceType: 'blue-green-deployment', SourceIdentifier: id }));
  expect(events.Events!.at(-1)!.Message).toMatch(/^Switchover canceled on blue\/green deployment/);
  await aws.rds.send(new SwitchoverBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: id }));
  clock.advance(DEFAULT_TIMINGS.blueGreenSwitchover);
  expect((await deployment()).Status).toBe('SWITCHOVER_COMPLETED');
});

it('SwitchoverBlueGreenDeployment validates timeout, state and identifier', async () => {
  const { BlueGreenDeploymentIdentifier: id } = await deployment();
  expect(
    (
      await errorOf(() =>
        aws.rds.send(new SwitchoverBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: id, SwitchoverTimeout: 10 })),
      )
    ).name,
  ).toBe('InvalidParameterValue');
  expect(
    (await errorOf(() => aws.rds.send(new SwitchoverBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: 'bgd-nope' })))).name,
  ).toBe('BlueGreenDeploymentNotFoundFault');
  await aws.rds.send(new SwitchoverBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: id }));
  const again = await errorOf(() => aws.rds.send(new SwitchoverBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: id })));
  expect(again.name).toBe('InvalidBlueGreenDeploymentStateFault');
  expect(again.message).toMatch(/SWITCHOVER_IN_PROGRESS/);
});

it('CreateBlueGreenDeployment provisions a green copy in 25 minutes; DeleteTarget removes it', async () => {
  const out = await aws.rds.send(
    new CreateBlueGreenDeploymentCommand({
      BlueGreenDeploymentName: 'billing-upgrade',
      Source: 'arn:aws:rds:us-east-1:123456789012:cluster:billing-db',
      TargetEngineVersion: '16.4',
    }),
  );
  const created = out.BlueGreenDeployment!;
  expect(created).toMatchObject({ Status: 'PROVISIONING', BlueGreenDeploymentName: 'billing-upgrade' });
  expect(created.Tasks!.map((t) => t.Name)).toEqual([
    'CREATING_READ_REPLICA_OF_SOURCE',
    'DB_ENGINE_VERSION_UPGRADE',
    'CONFIGURE_BACKUPS',
    'CREATING_TOPOLOGY_OF_SOURCE',
  ]);
  expect(created.Tasks![0].Status).toBe('IN_PROGRESS');
  const green = created.Target!.split(':').pop()!;
  expect(green).toMatch(/^billing-db-green-[a-z0-9]{6}$/);
  const instances = await aws.rds.send(new DescribeDBInstancesCommand({ Filters: [{ Name: 'db-cluster-id', Values: [green] }] }));
  expect(instances.DBInstances!.map((i) => i.DBInstanceStatus)).toEqual(['creating', 'creating']);
  clock.advance(DEFAULT_TIMINGS.blueGreenProvisioning);
  expect((await deployment(created.BlueGreenDeploymentIdentifier)).Status).toBe('AVAILABLE');
  const duplicate = await errorOf(() =>
    aws.rds.send(
      new CreateBlueGreenDeploymentCommand({
        BlueGreenDeploymentName: 'billing-upgrade',
        Source: 'arn:aws:rds:us-east-1:123456789012:cluster:billing-db',
      }),
    ),
  );
  expect(duplicate.name).toBe('BlueGreenDeploymentAlreadyExistsFault');
  await aws.rds.send(
    new DeleteBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: created.BlueGreenDeploymentIdentifier, DeleteTarget: true }),
  );
  expect(await clusterIds()).toContain(green);
  clock.advance(DEFAULT_TIMINGS.blueGreenDelete);
  expect(await clusterIds()).not.toContain(green);
  const gone = await errorOf(() =>
    aws.rds.send(new DescribeBlueGreenDeploymentsCommand({ BlueGreenDeploymentIdentifier: created.BlueGreenDeploymentIdentifier })),
  );
  expect(gone.name).toBe('BlueGreenDeploymentNotFoundFault');
});

it('CreateBlueGreenDeployment errors: unknown source, missing parameter group', async () => {
  const missing = await errorOf(() =>
    aws.rds.send(
      new CreateBlueGreenDeploymentCommand({ BlueGreenDeploymentName: 'x', Source: 'arn:aws:rds:us-east-1:123456789012:cluster:nope' }),
    ),
  );
  expect(missing.name).toBe('SourceClusterNotFoundFault');
  const group = await errorOf(() =>
    aws.rds.send(
      new CreateBlueGreenDeploymentCommand({
        BlueGreenDeploymentName: 'y',
        Source: 'arn:aws:rds:us-east-1:123456789012:cluster:billing-db',
        TargetDBClusterParameterGroupName: 'nope',
      }),
    ),
  );
  expect(group.name).toBe('DBClusterParameterGroupNotFoundFault');
});
