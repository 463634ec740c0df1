import {
  CreateBlueGreenDeploymentCommand,
  CreateDBClusterParameterGroupCommand,
  DescribeBlueGreenDeploymentsCommand,
  CreateDBInstanceCommand,
  DeleteBlueGreenDeploymentCommand,
  DeleteDBInstanceCommand,
  DescribeDBClusterParametersCommand,
  DescribeDBClustersCommand,
  DescribeDBEngineVersionsCommand,
  DescribeOrderableDBInstanceOptionsCommand,
  DescribePendingMaintenanceActionsCommand,
  ModifyDBClusterCommand,
  ModifyDBClusterParameterGroupCommand,
  RebootDBInstanceCommand,
  RestoreDBClusterToPointInTimeCommand,
  SwitchoverBlueGreenDeploymentCommand,
} from '@aws-sdk/client-rds';
import { DEFAULT_TIMINGS } from '../../model/types';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { ManualClock } from '../../testing/manual-clock';
import { destroyClients, errorOf, sdkClients, type SdkClients } from '../../testing/sdk-clients';

let clock: ManualClock;
let sim: RunningSimulator;
let aws: SdkClients;
const PROD_ARN = 'arn:aws:rds:us-east-1:123456789012:cluster:prod-app';
const BILLING_ARN = 'arn:aws:rds:us-east-1:123456789012:cluster:billing-db';

beforeEach(async () => {
  clock = new ManualClock();
  sim = await startSimulator({ fleet: 'demo', clock });
  aws = sdkClients(sim);
});
afterEach(async () => {
  destroyClients(aws);
  await sim.stop();
});

describe('item 7: what AWS refuses, the simulator refuses (one engine table)', () => {
  it('CreateBlueGreenDeployment to 99.9: InvalidParameterCombination "Cannot find upgrade target"', async () => {
    const error = await errorOf(() =>
      aws.rds.send(
        new CreateBlueGreenDeploymentCommand({ BlueGreenDeploymentName: 'x', Source: BILLING_ARN, TargetEngineVersion: '99.9' }),
      ),
    );
    expect(error.name).toBe('InvalidParameterCombination');
    expect(error.message).toBe('Cannot find upgrade target from 15.4 with requested version 99.9.');
  });

  it('CreateBlueGreenDeployment to 17.4 with a pg16-family group: the family must match the target version', async () => {
    const error = await errorOf(() =>
      aws.rds.send(
        new CreateBlueGreenDeploymentCommand({
          BlueGreenDeploymentName: 'to-17',
          Source: 'arn:aws:rds:us-east-1:123456789012:cluster:billing-db',
          TargetEngineVersion: '17.4',
          TargetDBClusterParameterGroupName: 'prod-app-pg16',
        }),
      ),
    );
    expect(error.name).toBe('InvalidParameterCombination');
    expect(error.message).toContain("DBParameterGroupFamily aurora-postgresql16 can't be used");
    expect(error.message).toContain('Use a parameter group with DBParameterGroupFamily aurora-postgresql17.');
  });

  it("a major upgrade without a target group gets the new family's default group, not the old family's", async () => {
    const created = await aws.rds.send(
      new CreateBlueGreenDeploymentCommand({
        BlueGreenDeploymentName: 'b16',
        Source: 'arn:aws:rds:us-east-1:123456789012:cluster:billing-db',
        TargetEngineVersion: '16.4',
      }),
    );
    const greenId = created.BlueGreenDeployment!.Target!.split(':').pop()!;
    const green = (await aws.rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: greenId }))).DBClusters![0];
    expect(green.DBClusterParameterGroup).toBe('default.aurora-postgresql16');
  });

  it('ModifyDBCluster with a parameter group of another family is refused (how a rehearsal "fixed" drift)', async () => {
    const error = await errorOf(() =>
      aws.rds.send(
        new ModifyDBClusterCommand({
          DBClusterIdentifier: 'prod-app',
          DBClusterParameterGroupName: 'prod-app-pg16',
          ApplyImmediately: true,
        }),
      ),
    );
    expect(error.name).toBe('InvalidParameterCombination');
    expect(error.message).toBe(
      "The parameter group prod-app-pg16 with DBParameterGroupFamily aurora-postgresql16 can't be used for this cluster. Use a parameter group with DBParameterGroupFamily aurora-postgresql15.",
    );
    const cluster = (await aws.rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: 'prod-app' }))).DBClusters![0];
    expect(cluster.DBClusterParameterGroup).toBe('prod-app-pg15');
  });

  it('CreateDBInstance with db.bogus.huge: InvalidParameterCombination naming the combination', async () => {
    const error = await errorOf(() =>
      aws.rds.send(
        new CreateDBInstanceCommand({
          DBInstanceIdentifier: 'prod-app-9',
          DBInstanceClass: 'db.bogus.huge',
          Engine: 'aurora-postgresql',
          DBClusterIdentifier: 'prod-app',
        }),
      ),
    );
    expect(error.name).toBe('InvalidParameterCombination');
    expect(error.message).toMatch(
      /^RDS does not support creating a DB instance with the following combination: DBInstanceClass=db\.bogus\.huge, Engine=aurora-postgresql, EngineVersion=15\.4, LicenseModel=postgresql-license\./,
    );
  });

  it('an instance of the old blue cannot be deleted while the deployment owns it; after DeleteBlueGreenDeployment it can', async () => {
    const [deployment] = (await aws.rds.send(new DescribeBlueGreenDeploymentsCommand({}))).BlueGreenDeployments!;
    await aws.rds.send(
      new SwitchoverBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: deployment.BlueGreenDeploymentIdentifier }),
    );
    clock.advance(DEFAULT_TIMINGS.blueGreenSwitchover);
    const error = await errorOf(() =>
      aws.rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'prod-app-analytics-old1', SkipFinalSnapshot: true })),
    );
    expect(error.name).toBe('InvalidDBInstanceStateFault');
    expect(error.message).toContain('old blue environment');
    // Aurora User Guide, blue-green-deployments-deleting: deleting the deployment after switchover
    // (without DeleteTarget) removes RDS's protections from the previous production cluster.
    await aws.rds.send(new DeleteBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: deployment.BlueGreenDeploymentIdentifier }));
    clock.advance(DEFAULT_TIMINGS.blueGreenDelete);
    expect((await aws.rds.send(new DescribeBlueGreenDeploymentsCommand({}))).BlueGreenDeployments).toEqual([]);
    const deleted = await aws.rds.send(
      new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'prod-app-analytics-old1', SkipFinalSnapshot: true }),
    );
    expect(deleted.DBInstance?.DBInstanceStatus).toBe('deleting');
  });

  it('DescribeDBEngineVersions and DescribeOrderableDBInstanceOptions serve the same table the checks use', async () => {
    const versions = (await aws.rds.send(new DescribeDBEngineVersionsCommand({ Engine: 'aurora-postgresql', EngineVersion: '15.4' })))
      .DBEngineVersions!;
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ DBParameterGroupFamily: 'aurora-postgresql15' });
    expect(versions[0].ValidUpgradeTarget!.map((t) => t.EngineVersion)).toContain('16.4');
    expect(versions[0].ValidUpgradeTarget!.map((t) => t.EngineVersion)).not.toContain('99.9');
    expect(versions[0].ValidUpgradeTarget!.find((t) => t.EngineVersion === '16.4')?.IsMajorVersionUpgrade).toBe(true);
    const orderable = (
      await aws.rds.send(
        new DescribeOrderableDBInstanceOptionsCommand({
          Engine: 'aurora-postgresql',
          EngineVersion: '15.4',
          DBInstanceClass: 'db.r6g.large',
        }),
      )
    ).OrderableDBInstanceOptions!;
    expect(orderable).toHaveLength(1);
    const bogus = await aws.rds.send(
      new DescribeOrderableDBInstanceOptionsCommand({
        Engine: 'aurora-postgresql',
        EngineVersion: '15.4',
        DBInstanceClass: 'db.bogus.huge',
      }),
    );
    expect(bogus.OrderableDBInstanceOptions).toEqual([]);
  });
});

describe('item 8: parameter groups, pending maintenance, point-in-time restore and clones', () => {
  it('CreateDBClusterParameterGroup: family from the table, duplicates refused', async () => {
    const created = await aws.rds.send(
      new CreateDBClusterParameterGroupCommand({
        DBClusterParameterGroupName: 'prod-app-pg16-fixed',
        DBParameterGroupFamily: 'aurora-postgresql16',
        Description: 'fixed',
      }),
    );
    expect(created.DBClusterParameterGroup).toMatchObject({ DBParameterGroupFamily: 'aurora-postgresql16' });
    const again = await errorOf(() =>
      aws.rds.send(
        new CreateDBClusterParameterGroupCommand({
          DBClusterParameterGroupName: 'prod-app-pg16-fixed',
          DBParameterGroupFamily: 'aurora-postgresql16',
          Description: 'fixed',
        }),
      ),
    );
    expect(again.name).toBe('DBParameterGroupAlreadyExistsFault');
    const badFamily = await errorOf(() =>
      aws.rds.send(
        new CreateDBClusterParameterGroupCommand({
          DBClusterParameterGroupName: 'x',
          DBParameterGroupFamily: 'aurora-postgresql99',
          Description: 'x',
        }),
      ),
    );
    expect(badFamily.name).toBe('InvalidParameterValue');
  });

  it('ModifyDBClusterParameterGroup: dynamic applies at once; static must be pending-reboot and marks members until reboot', async () => {
    await aws.rds.send(
      new ModifyDBClusterParameterGroupCommand({
        DBClusterParameterGroupName: 'prod-app-pg16',
        Parameters: [{ ParameterName: 'work_mem', ParameterValue: '16384', ApplyMethod: 'immediate' }],
      }),
    );
    const params = (
      await aws.rds.send(
        new DescribeDBClusterParametersCommand({
          DBClusterParameterGroupName: 'prod-app-pg16',
          Filters: [{ Name: 'parameter-name', Values: ['work_mem'] }],
        }),
      )
    ).Parameters!;
    expect(params[0]).toMatchObject({ ParameterValue: '16384', Source: 'user' });

    const immediateStatic = await errorOf(() =>
      aws.rds.send(
        new ModifyDBClusterParameterGroupCommand({
          DBClusterParameterGroupName: 'prod-app-pg15',
          Parameters: [{ ParameterName: 'max_connections', ParameterValue: '3000', ApplyMethod: 'immediate' }],
        }),
      ),
    );
    expect(immediateStatic.name).toBe('InvalidParameterCombination');
    expect(immediateStatic.message).toBe('cannot use immediate apply method for static parameter');

    const outOfRange = await errorOf(() =>
      aws.rds.send(
        new ModifyDBClusterParameterGroupCommand({
          DBClusterParameterGroupName: 'prod-app-pg15',
          Parameters: [{ ParameterName: 'work_mem', ParameterValue: '1', ApplyMethod: 'immediate' }],
        }),
      ),
    );
    expect(outOfRange.name).toBe('InvalidParameterValue');

    await aws.rds.send(
      new ModifyDBClusterParameterGroupCommand({
        DBClusterParameterGroupName: 'prod-app-pg15',
        Parameters: [{ ParameterName: 'max_connections', ParameterValue: '3000', ApplyMethod: 'pending-reboot' }],
      }),
    );
    const members = async () =>
      (await aws.rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: 'prod-app' }))).DBClusters![0].DBClusterMembers!;
    expect((await members()).every((m) => m.DBClusterParameterGroupStatus === 'pending-reboot')).toBe(true);
    await aws.rds.send(new RebootDBInstanceCommand({ DBInstanceIdentifier: 'prod-app-1' }));
    expect((await members()).find((m) => m.DBInstanceIdentifier === 'prod-app-1')?.DBClusterParameterGroupStatus).toBe('in-sync');
    expect((await members()).find((m) => m.DBInstanceIdentifier === 'prod-app-2')?.DBClusterParameterGroupStatus).toBe('pending-reboot');
  });

  it('a default group cannot be modified', async () => {
    const error = await errorOf(() =>
      aws.rds.send(
        new ModifyDBClusterParameterGroupCommand({
          DBClusterParameterGroupName: 'default.aurora-postgresql15',
          Parameters: [{ ParameterName: 'work_mem', ParameterValue: '8192', ApplyMethod: 'immediate' }],
        }),
      ),
    );
    expect(error.name).toBe('InvalidParameterValue');
  });

  it('DescribePendingMaintenanceActions: empty for a known resource, ResourceNotFoundFault for an unknown one', async () => {
    const out = await aws.rds.send(new DescribePendingMaintenanceActionsCommand({ ResourceIdentifier: PROD_ARN }));
    expect(out.PendingMaintenanceActions).toEqual([]);
    const error = await errorOf(() =>
      aws.rds.send(new DescribePendingMaintenanceActionsCommand({ ResourceIdentifier: 'arn:aws:rds:us-east-1:123456789012:cluster:nope' })),
    );
    expect(error.name).toBe('ResourceNotFoundFault');
  });

  it('RestoreDBClusterToPointInTime: copy-on-write clone at the latest restorable time is creating, then available, without instances', async () => {
    const out = await aws.rds.send(
      new RestoreDBClusterToPointInTimeCommand({
        DBClusterIdentifier: 'prod-app-clone',
        SourceDBClusterIdentifier: 'prod-app',
        RestoreType: 'copy-on-write',
        UseLatestRestorableTime: true,
        Tags: [{ Key: 'switchyard:parallel-of', Value: 'prod-app' }],
      }),
    );
    expect(out.DBCluster).toMatchObject({
      DBClusterIdentifier: 'prod-app-clone',
      Status: 'creating',
      EngineVersion: '15.4',
      DBClusterMembers: [],
    });
    clock.advance(DEFAULT_TIMINGS.restoreCluster);
    const clone = (await aws.rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: 'prod-app-clone' }))).DBClusters![0];
    expect(clone.Status).toBe('available');
    await aws.rds.send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: 'prod-app-clone-0',
        DBInstanceClass: 'db.r6g.large',
        Engine: 'aurora-postgresql',
        DBClusterIdentifier: 'prod-app-clone',
      }),
    );
  });

  it('RestoreDBClusterToPointInTime refuses both or neither of RestoreToTime / UseLatestRestorableTime, a time outside the window, a taken name', async () => {
    const both = await errorOf(() =>
      aws.rds.send(
        new RestoreDBClusterToPointInTimeCommand({
          DBClusterIdentifier: 'c1',
          SourceDBClusterIdentifier: 'prod-app',
          RestoreToTime: new Date(clock.now() - 600_000),
          UseLatestRestorableTime: true,
        }),
      ),
    );
    expect(both.name).toBe('InvalidParameterCombination');
    const neither = await errorOf(() =>
      aws.rds.send(new RestoreDBClusterToPointInTimeCommand({ DBClusterIdentifier: 'c1', SourceDBClusterIdentifier: 'prod-app' })),
    );
    expect(neither.name).toBe('InvalidParameterCombination');
    const tooOld = await errorOf(() =>
      aws.rds.send(
        new RestoreDBClusterToPointInTimeCommand({
          DBClusterIdentifier: 'c1',
          SourceDBClusterIdentifier: 'prod-app',
          RestoreToTime: new Date('1999-01-01T00:00:00Z'),
        }),
      ),
    );
    expect(tooOld.name).toBe('InvalidParameterValue');
    const taken = await errorOf(() =>
      aws.rds.send(
        new RestoreDBClusterToPointInTimeCommand({
          DBClusterIdentifier: 'billing-db',
          SourceDBClusterIdentifier: 'prod-app',
          UseLatestRestorableTime: true,
        }),
      ),
    );
    expect(taken.name).toBe('DBClusterAlreadyExistsFault');
    const pit = await aws.rds.send(
      new RestoreDBClusterToPointInTimeCommand({
        DBClusterIdentifier: 'c1',
        SourceDBClusterIdentifier: 'prod-app',
        RestoreToTime: new Date(clock.now() - 600_000),
      }),
    );
    expect(pit.DBCluster?.Status).toBe('creating');
    // No DBClusterParameterGroupName: "the default DB cluster parameter group for the specified engine"
    // (API reference, RestoreDBClusterToPointInTime), not the source's prod-app-pg15.
    expect(pit.DBCluster?.DBClusterParameterGroup).toBe('default.aurora-postgresql15');
    // RestoreToTime: "Can't be specified if the RestoreType parameter is copy-on-write" (API reference).
    const cloneAtTime = await errorOf(() =>
      aws.rds.send(
        new RestoreDBClusterToPointInTimeCommand({
          DBClusterIdentifier: 'c2',
          SourceDBClusterIdentifier: 'prod-app',
          RestoreType: 'copy-on-write',
          RestoreToTime: new Date(clock.now() - 600_000),
        }),
      ),
    );
    expect(cloneAtTime.name).toBe('InvalidParameterCombination');
  });
});
