import {
  DescribeDBClustersCommand,
  DescribeGlobalClustersCommand,
  FailoverGlobalClusterCommand,
  RemoveFromGlobalClusterCommand,
  SwitchoverGlobalClusterCommand,
} from '@aws-sdk/client-rds';
import { DEFAULT_TIMINGS } from '../../model/types';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { ManualClock } from '../../testing/manual-clock';
import { destroyClients, errorOf, sdkClients, type SdkClients } from '../../testing/sdk-clients';

const PRIMARY = 'arn:aws:rds:us-east-1:123456789012:cluster:prod-app';
const SECONDARY = 'arn:aws:rds:eu-west-1:123456789012:cluster:prod-app-eu';

// A manual clock: a switchover is in flight until a test advances the clock, however slow the machine.
let clock: ManualClock;
let sim: RunningSimulator;
let us: SdkClients;
let eu: SdkClients;

beforeEach(async () => {
  clock = new ManualClock();
  sim = await startSimulator({ fleet: 'demo', clock });
  us = sdkClients(sim);
  eu = sdkClients(sim, { region: 'eu-west-1' });
});

afterEach(async () => {
  destroyClients(us);
  destroyClients(eu);
  await sim.stop();
});

const global = async (clients = us) =>
  (await clients.rds.send(new DescribeGlobalClustersCommand({ GlobalClusterIdentifier: 'prod-app-global' }))).GlobalClusters![0];
const writerArn = async (clients = us) => (await global(clients)).GlobalClusterMembers!.find((m) => m.IsWriter)?.DBClusterArn;
const members = async (clients: SdkClients, id: string) =>
  (await clients.rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: id }))).DBClusters![0].DBClusterMembers!;

it('SwitchoverGlobalCluster moves the primary to eu-west-1 (switching-over, then available)', async () => {
  const out = await us.rds.send(
    new SwitchoverGlobalClusterCommand({ GlobalClusterIdentifier: 'prod-app-global', TargetDbClusterIdentifier: SECONDARY }),
  );
  expect(out.GlobalCluster).toMatchObject({
    Status: 'switching-over',
    FailoverState: { Status: 'failing-over', FromDbClusterArn: PRIMARY, ToDbClusterArn: SECONDARY, IsDataLossAllowed: false },
  });
  expect((await global()).Status).toBe('switching-over');
  clock.advance(DEFAULT_TIMINGS.globalSwitchover);
  expect((await global()).Status).toBe('available');
  expect(await writerArn()).toBe(SECONDARY);
  expect((await global()).FailoverState).toBeUndefined();
  expect((await members(eu, 'prod-app-eu')).find((m) => m.IsClusterWriter)?.DBInstanceIdentifier).toBe('prod-app-eu-1');
  expect((await members(us, 'prod-app')).some((m) => m.IsClusterWriter)).toBe(false);
});

it('FailoverGlobalCluster with AllowDataLoss works while us-east-1 is down; the old primary resyncs later', async () => {
  sim.control.injectFault({ type: 'region-outage', region: 'us-east-1' });
  const down = await errorOf(() => us.rds.send(new DescribeDBClustersCommand({})));
  expect(down.$metadata?.httpStatusCode).toBe(503);
  const refused = await errorOf(() =>
    eu.rds.send(new SwitchoverGlobalClusterCommand({ GlobalClusterIdentifier: 'prod-app-global', TargetDbClusterIdentifier: SECONDARY })),
  );
  expect(refused.name).toBe('InvalidGlobalClusterStateFault');
  const out = await eu.rds.send(
    new FailoverGlobalClusterCommand({
      GlobalClusterIdentifier: 'prod-app-global',
      TargetDbClusterIdentifier: SECONDARY,
      AllowDataLoss: true,
    }),
  );
  expect(out.GlobalCluster!.FailoverState!.IsDataLossAllowed).toBe(true);
  clock.advance(DEFAULT_TIMINGS.globalFailover);
  expect(await writerArn(eu)).toBe(SECONDARY);
  const old = (await global(eu)).GlobalClusterMembers!.find((m) => m.DBClusterArn === PRIMARY)!;
  expect(old.SynchronizationStatus).toBe('pending-resync');
  sim.control.injectFault({ type: 'region-outage', region: 'us-east-1', end: true });
  const resync = async () => (await global(eu)).GlobalClusterMembers!.find((m) => m.DBClusterArn === PRIMARY)!.SynchronizationStatus;
  expect(await resync()).toBe('pending-resync');
  clock.advance(DEFAULT_TIMINGS.globalFailover);
  expect(await resync()).toBe('connected');
});

it('FailoverGlobalCluster validates its parameters and target', async () => {
  const both = await errorOf(() =>
    us.rds.send(
      new FailoverGlobalClusterCommand({
        GlobalClusterIdentifier: 'prod-app-global',
        TargetDbClusterIdentifier: SECONDARY,
        AllowDataLoss: true,
        Switchover: true,
      }),
    ),
  );
  expect(both.name).toBe('InvalidParameterCombination');
  const primary = await errorOf(() =>
    us.rds.send(new FailoverGlobalClusterCommand({ GlobalClusterIdentifier: 'prod-app-global', TargetDbClusterIdentifier: PRIMARY })),
  );
  expect(primary.name).toBe('InvalidGlobalClusterStateFault');
  const missing = await errorOf(() =>
    us.rds.send(new FailoverGlobalClusterCommand({ GlobalClusterIdentifier: 'nope', TargetDbClusterIdentifier: SECONDARY })),
  );
  expect(missing.name).toBe('GlobalClusterNotFoundFault');
  const stranger = await errorOf(() =>
    us.rds.send(
      new FailoverGlobalClusterCommand({
        GlobalClusterIdentifier: 'prod-app-global',
        TargetDbClusterIdentifier: 'arn:aws:rds:us-east-1:123456789012:cluster:billing-db',
      }),
    ),
  );
  expect(stranger.name).toBe('DBClusterNotFoundFault');
});

it('FailoverGlobalCluster with Switchover behaves as a switchover; a second request meanwhile is refused', async () => {
  const out = await us.rds.send(
    new FailoverGlobalClusterCommand({
      GlobalClusterIdentifier: 'prod-app-global',
      TargetDbClusterIdentifier: SECONDARY,
      Switchover: true,
    }),
  );
  expect(out.GlobalCluster!.Status).toBe('switching-over');
  const again = await errorOf(() =>
    us.rds.send(new SwitchoverGlobalClusterCommand({ GlobalClusterIdentifier: 'prod-app-global', TargetDbClusterIdentifier: SECONDARY })),
  );
  expect(again.name).toBe('InvalidGlobalClusterStateFault');
  expect(again.message).toMatch(/it is switching-over/);
  clock.advance(DEFAULT_TIMINGS.globalSwitchover);
  expect(await writerArn()).toBe(SECONDARY);
});

it('RemoveFromGlobalCluster detaches the secondary and promotes it to a standalone writer', async () => {
  const primary = await errorOf(() =>
    us.rds.send(new RemoveFromGlobalClusterCommand({ GlobalClusterIdentifier: 'prod-app-global', DbClusterIdentifier: PRIMARY })),
  );
  expect(primary.name).toBe('InvalidGlobalClusterStateFault');
  await us.rds.send(new RemoveFromGlobalClusterCommand({ GlobalClusterIdentifier: 'prod-app-global', DbClusterIdentifier: SECONDARY }));
  clock.advance(DEFAULT_TIMINGS.removeFromGlobal);
  expect((await global()).GlobalClusterMembers).toHaveLength(1);
  const cluster = (await eu.rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: 'prod-app-eu' }))).DBClusters![0];
  expect(cluster.GlobalClusterIdentifier).toBeUndefined();
  expect(cluster.DBClusterMembers!.find((m) => m.IsClusterWriter)?.DBInstanceIdentifier).toBe('prod-app-eu-1');
});
