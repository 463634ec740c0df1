/**
 * Blue/Green for an Aurora Global Database, as the Aurora User Guide describes it ("Using
 * Blue/Green Deployments for Amazon Aurora Global Database"): green "mirrors your entire production
 * environment (blue), including the primary cluster and all associated secondary regions", and a
 * switchover "transitions your primary and all secondary regions to the green environment", renaming
 * "clusters, instances, and endpoints to match the original production environment".
 */
import {
  CreateBlueGreenDeploymentCommand,
  CreateDBClusterParameterGroupCommand,
  DeleteBlueGreenDeploymentCommand,
  DeleteGlobalClusterCommand,
  DescribeBlueGreenDeploymentsCommand,
  DescribeDBClustersCommand,
  DescribeGlobalClustersCommand,
  RemoveFromGlobalClusterCommand,
  SwitchoverBlueGreenDeploymentCommand,
  type GlobalCluster,
} from '@aws-sdk/client-rds';
import { DEFAULT_TIMINGS } from '../../model/types';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { ManualClock } from '../../testing/manual-clock';
import { destroyClients, errorOf, sdkClients, type SdkClients } from '../../testing/sdk-clients';

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

const globals = async () => (await us.rds.send(new DescribeGlobalClustersCommand({}))).GlobalClusters!;
const globalById = async (id: string) => (await globals()).find((g) => g.GlobalClusterIdentifier === id);
const memberIds = (g: GlobalCluster | undefined) =>
  (g?.GlobalClusterMembers ?? []).map(
    (m) => `${m.DBClusterArn!.split(':')[3]}/${m.DBClusterArn!.split(':').pop()}${m.IsWriter ? ' (writer)' : ''}`,
  );
const cluster = async (client: SdkClients, id: string) =>
  (await client.rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: id }))).DBClusters![0];

it('green mirrors the global database: a green global cluster with a green secondary in each secondary region', async () => {
  const [deployment] = (await us.rds.send(new DescribeBlueGreenDeploymentsCommand({}))).BlueGreenDeployments!;
  const green = deployment.Target!.split(':').pop()!;
  const suffix = green.slice('prod-app-green-'.length);
  const greenGlobal = await globalById(`prod-app-global-green-${suffix}`);
  expect(greenGlobal).toMatchObject({ EngineVersion: '16.4', Status: 'available' });
  expect(memberIds(greenGlobal)).toEqual([`us-east-1/${green} (writer)`, `eu-west-1/prod-app-eu-green-${suffix}`]);
  expect(await cluster(eu, `prod-app-eu-green-${suffix}`)).toMatchObject({
    EngineVersion: '16.4',
    Status: 'available',
    GlobalClusterIdentifier: `prod-app-global-green-${suffix}`,
  });
  // SwitchoverDetails lists every member, the secondary region's included.
  expect(deployment.SwitchoverDetails!.map((d) => d.TargetMember)).toEqual(
    expect.arrayContaining([
      `arn:aws:rds:eu-west-1:123456789012:cluster:prod-app-eu-green-${suffix}`,
      `arn:aws:rds:eu-west-1:123456789012:db:prod-app-eu-1-green-${suffix}`,
      `arn:aws:rds:us-east-1:123456789012:db:prod-app-0-green-${suffix}`,
    ]),
  );
  expect(deployment.SwitchoverDetails).toHaveLength(1 + 4 + 1 + 1);
  expect((await globalById('prod-app-global'))?.EngineVersion).toBe('15.4');
});

it('switchover moves the primary and every secondary at once: renames in each region, the global cluster at the new version', async () => {
  const [deployment] = (await us.rds.send(new DescribeBlueGreenDeploymentsCommand({}))).BlueGreenDeployments!;
  const euEndpoint = (await cluster(eu, 'prod-app-eu')).ReaderEndpoint;
  await us.rds.send(new SwitchoverBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: deployment.BlueGreenDeploymentIdentifier }));
  clock.advance(DEFAULT_TIMINGS.blueGreenSwitchover);
  const after = (await us.rds.send(new DescribeBlueGreenDeploymentsCommand({}))).BlueGreenDeployments![0];
  expect(after.Status).toBe('SWITCHOVER_COMPLETED');
  expect(after.SwitchoverDetails!.every((d) => d.Status === 'SWITCHOVER_COMPLETED')).toBe(true);
  expect(after.SwitchoverDetails!.map((d) => d.SourceMember)).toContain('arn:aws:rds:eu-west-1:123456789012:cluster:prod-app-eu-old1');

  const prodGlobal = await globalById('prod-app-global');
  expect(prodGlobal?.EngineVersion).toBe('16.4');
  expect(memberIds(prodGlobal)).toEqual(['us-east-1/prod-app (writer)', 'eu-west-1/prod-app-eu']);
  const oldGlobal = await globalById('prod-app-global-old1');
  expect(oldGlobal?.EngineVersion).toBe('15.4');
  expect(memberIds(oldGlobal)).toEqual(['us-east-1/prod-app-old1 (writer)', 'eu-west-1/prod-app-eu-old1']);
  expect(await globals()).toHaveLength(2);

  const prodEu = await cluster(eu, 'prod-app-eu');
  expect(prodEu).toMatchObject({ EngineVersion: '16.4', GlobalClusterIdentifier: 'prod-app-global', ReaderEndpoint: euEndpoint });
  expect(prodEu.DBClusterMembers!.map((m) => m.DBInstanceIdentifier)).toEqual(['prod-app-eu-1']);
  expect(await cluster(eu, 'prod-app-eu-old1')).toMatchObject({ EngineVersion: '15.4', GlobalClusterIdentifier: 'prod-app-global-old1' });
  expect(await cluster(us, 'prod-app')).toMatchObject({ EngineVersion: '16.4', GlobalClusterIdentifier: 'prod-app-global' });
});

it('a secondary cluster is not a blue/green source; a switchover waits for every region to be available', async () => {
  const fromSecondary = await errorOf(() =>
    eu.rds.send(
      new CreateBlueGreenDeploymentCommand({
        BlueGreenDeploymentName: 'eu-16',
        Source: 'arn:aws:rds:eu-west-1:123456789012:cluster:prod-app-eu',
        TargetEngineVersion: '16.4',
      }),
    ),
  );
  expect(fromSecondary.name).toBe('InvalidDBClusterStateFault');
  expect(fromSecondary.message).toMatch(/secondary cluster of global database prod-app-global.*primary cluster \(prod-app in us-east-1\)/);

  const [deployment] = (await us.rds.send(new DescribeBlueGreenDeploymentsCommand({}))).BlueGreenDeployments!;
  const greenEuWriter = deployment
    .SwitchoverDetails!.map((d) => d.TargetMember!)
    .find((arn) => arn.includes(':eu-west-1:123456789012:db:'))!;
  sim.control.injectFault({ type: 'instance-crash', region: 'eu-west-1', instanceId: greenEuWriter.split(':').pop()!, permanent: true });
  const refused = await errorOf(() =>
    us.rds.send(new SwitchoverBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: deployment.BlueGreenDeploymentIdentifier })),
  );
  expect(refused.name).toBe('InvalidBlueGreenDeploymentStateFault');
  expect(refused.message).toMatch(/prod-app-eu-1-green-\w+ in eu-west-1 is/);
});

it('DeleteTarget before a switchover removes green in every region and the green global cluster', async () => {
  const [deployment] = (await us.rds.send(new DescribeBlueGreenDeploymentsCommand({}))).BlueGreenDeployments!;
  await us.rds.send(
    new DeleteBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: deployment.BlueGreenDeploymentIdentifier, DeleteTarget: true }),
  );
  clock.advance(DEFAULT_TIMINGS.blueGreenDelete);
  expect((await globals()).map((g) => g.GlobalClusterIdentifier)).toEqual(['prod-app-global']);
  const euClusters = (await eu.rds.send(new DescribeDBClustersCommand({}))).DBClusters!.map((c) => c.DBClusterIdentifier);
  expect(euClusters).toEqual(['prod-app-eu']);
});

// RDS API Reference, DeleteGlobalCluster: "The primary and secondary clusters must already be
// detached or destroyed first" (errors InvalidGlobalClusterStateFault, GlobalClusterNotFoundFault).
it('DeleteGlobalCluster refuses a global database that still has members, and deletes an empty one', async () => {
  const refused = await errorOf(() => us.rds.send(new DeleteGlobalClusterCommand({ GlobalClusterIdentifier: 'prod-app-global' })));
  expect(refused.name).toBe('InvalidGlobalClusterStateFault');
  expect(refused.message).toMatch(/still has member clusters \(prod-app in us-east-1, prod-app-eu in eu-west-1\)/);
  const missing = await errorOf(() => us.rds.send(new DeleteGlobalClusterCommand({ GlobalClusterIdentifier: 'nope' })));
  expect(missing.name).toBe('GlobalClusterNotFoundFault');
  for (const arn of ['arn:aws:rds:eu-west-1:123456789012:cluster:prod-app-eu', 'arn:aws:rds:us-east-1:123456789012:cluster:prod-app']) {
    await us.rds.send(new RemoveFromGlobalClusterCommand({ GlobalClusterIdentifier: 'prod-app-global', DbClusterIdentifier: arn }));
    clock.advance(DEFAULT_TIMINGS.removeFromGlobal);
  }
  const deleted = await us.rds.send(new DeleteGlobalClusterCommand({ GlobalClusterIdentifier: 'prod-app-global' }));
  expect(deleted.GlobalCluster!.Status).toBe('deleting');
  expect((await globals()).map((g) => g.GlobalClusterIdentifier)).toEqual([expect.stringMatching(/^prod-app-global-green-/)]);
});

/**
 * TargetDBClusterParameterGroupName names one group, but a parameter group belongs to one Region
 * and each cluster of a global database has its own ("Modifying parameters for an Aurora global
 * database", Aurora User Guide). A green secondary takes the group of that name in its Region when
 * there is one (it must fit the target version, as for the primary); otherwise its own group when
 * that fits the target version, else the target family's default — never a group of the old family
 * on the new version (which ModifyDBCluster and CreateDBCluster refuse).
 */
describe('the green secondary’s cluster parameter group', () => {
  const recreate = async (group: string) => {
    const [old] = (await us.rds.send(new DescribeBlueGreenDeploymentsCommand({}))).BlueGreenDeployments!;
    await us.rds.send(
      new DeleteBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: old.BlueGreenDeploymentIdentifier, DeleteTarget: true }),
    );
    clock.advance(DEFAULT_TIMINGS.blueGreenDelete);
    return us.rds.send(
      new CreateBlueGreenDeploymentCommand({
        BlueGreenDeploymentName: 'prod-app-16-again',
        Source: 'arn:aws:rds:us-east-1:123456789012:cluster:prod-app',
        TargetEngineVersion: '16.4',
        TargetDBClusterParameterGroupName: group,
      }),
    );
  };
  const greenGroups = async (target: string) => {
    const suffix = target.split(':').pop()!.slice('prod-app-green-'.length);
    return [
      (await cluster(us, `prod-app-green-${suffix}`)).DBClusterParameterGroup,
      (await cluster(eu, `prod-app-eu-green-${suffix}`)).DBClusterParameterGroup,
    ];
  };

  it('the demo: prod-app-pg16 exists only in us-east-1, so the eu-west-1 green gets default.aurora-postgresql16, not its pg15 group', async () => {
    const [deployment] = (await us.rds.send(new DescribeBlueGreenDeploymentsCommand({}))).BlueGreenDeployments!;
    expect(await greenGroups(deployment.Target!)).toEqual(['prod-app-pg16', 'default.aurora-postgresql16']);
  });

  it('a group of that name in the secondary Region is used there', async () => {
    await eu.rds.send(
      new CreateDBClusterParameterGroupCommand({
        DBClusterParameterGroupName: 'prod-app-pg16',
        DBParameterGroupFamily: 'aurora-postgresql16',
        Description: 'eu copy',
      }),
    );
    const created = await recreate('prod-app-pg16');
    expect(await greenGroups(created.BlueGreenDeployment!.Target!)).toEqual(['prod-app-pg16', 'prod-app-pg16']);
  });

  it('a group of that name but of another family in the secondary Region is refused, and nothing is created', async () => {
    await eu.rds.send(
      new CreateDBClusterParameterGroupCommand({
        DBClusterParameterGroupName: 'prod-app-pg16',
        DBParameterGroupFamily: 'aurora-postgresql15',
        Description: 'misnamed',
      }),
    );
    const refused = await errorOf(() => recreate('prod-app-pg16'));
    expect(refused.name).toBe('InvalidParameterCombination');
    expect(refused.message).toContain("DBParameterGroupFamily aurora-postgresql15 can't be used");
    expect((await eu.rds.send(new DescribeDBClustersCommand({}))).DBClusters!.map((c) => c.DBClusterIdentifier)).toEqual(['prod-app-eu']);
    expect((await us.rds.send(new DescribeBlueGreenDeploymentsCommand({}))).BlueGreenDeployments).toEqual([]);
  });
});
