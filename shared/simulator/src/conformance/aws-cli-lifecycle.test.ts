/**
 * Issue 13, items 7 and 8, through the real AWS CLI (botocore serializes the requests and parses the
 * answers): what AWS refuses in a Blue/Green lifecycle, the simulator refuses with AWS's codes, and
 * the point-in-time form of RestoreDBClusterToPointInTime (the copy-on-write clone is in
 * aws-cli.test.ts). A manual clock: each `aws` call starts a Python process, slower than any scaled
 * transition, so transitions finish only when a test advances the clock.
 */
import { DEFAULT_TIMINGS } from '../model/types';
import { startSimulator, type RunningSimulator } from '../simulator';
import { findAwsCli, runAwsCli, type CliResult } from '../testing/aws-cli';
import { ManualClock } from '../testing/manual-clock';

const cli = findAwsCli();
if (!cli) console.warn('SKIPPED: AWS CLI lifecycle conformance tests need `aws` on PATH (apt-get install awscli).');
const describeCli = cli ? describe : describe.skip;
jest.setTimeout(120_000);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const BILLING_ARN = 'arn:aws:rds:us-east-1:123456789012:cluster:billing-db';

function ok(result: CliResult): Json {
  if (result.code !== 0) throw new Error(`aws exited ${result.code}: ${result.stderr}`);
  expect(result.json).toBeDefined();
  return result.json as Json;
}

function refused(result: CliResult, code: string): string {
  expect(result.code).not.toBe(0);
  expect(result.errorCode).toBe(code);
  return result.stderr;
}

/** `2026-12-05T12:34:56Z`: the form the API reference gives for RestoreToTime ("2015-03-07T23:45:00Z"). */
const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

describeCli('AWS CLI against the simulator: Blue/Green and point-in-time restore (issue 13, items 7 and 8)', () => {
  let clock: ManualClock;
  let sim: RunningSimulator;
  const aws = (args: string[]) => runAwsCli(sim.url, args);

  beforeEach(async () => {
    clock = new ManualClock();
    sim = await startSimulator({ fleet: 'demo', clock });
  });
  afterEach(() => sim.stop());

  // Item 7. TargetDBClusterParameterGroupName is "the DB cluster parameter group associated with the
  // Aurora DB cluster in the green environment" (CreateBlueGreenDeployment API reference), and a
  // cluster's group must be of its engine version's family (DescribeDBEngineVersions
  // DBParameterGroupFamily: 17.4 → aurora-postgresql17). RDS refuses a group of another family with
  // InvalidParameterCombination, the code of ModifyDBCluster's refusal in aws-cli.test.ts; the exact
  // message is the simulator's (AWS documents none for this case).
  it('create-blue-green-deployment to 17.4 with a pg16-family group: InvalidParameterCombination; with a pg17 group it provisions', async () => {
    const versions = ok(await aws(['rds', 'describe-db-engine-versions', '--engine', 'aurora-postgresql', '--engine-version', '17.4']));
    expect(versions.DBEngineVersions.map((v: Json) => v.DBParameterGroupFamily)).toEqual(['aurora-postgresql17']);
    const create = (group: string) =>
      aws([
        'rds',
        'create-blue-green-deployment',
        '--blue-green-deployment-name',
        'billing-17',
        '--source',
        BILLING_ARN,
        '--target-engine-version',
        '17.4',
        '--target-db-cluster-parameter-group-name',
        group,
      ]);
    const stderr = refused(await create('prod-app-pg16'), 'InvalidParameterCombination');
    expect(stderr).toContain(
      "The parameter group prod-app-pg16 with DBParameterGroupFamily aurora-postgresql16 can't be used for this cluster. Use a parameter group with DBParameterGroupFamily aurora-postgresql17.",
    );
    const deployments = ok(await aws(['rds', 'describe-blue-green-deployments'])).BlueGreenDeployments as Json[];
    expect(deployments.map((d) => d.BlueGreenDeploymentName)).not.toContain('billing-17'); // nothing half-made

    ok(
      await aws([
        'rds',
        'create-db-cluster-parameter-group',
        '--db-cluster-parameter-group-name',
        'billing-pg17',
        '--db-parameter-group-family',
        'aurora-postgresql17',
        '--description',
        'billing-db on PostgreSQL 17',
      ]),
    );
    const created = ok(await create('billing-pg17')).BlueGreenDeployment;
    expect(created).toMatchObject({ BlueGreenDeploymentName: 'billing-17', Status: 'PROVISIONING', Source: BILLING_ARN });
  });

  // Item 7. After a switchover the old blue stays under the deployment ("After you delete a blue/green
  // deployment, RDS removes read-only protections from the previous production DB cluster", Aurora User
  // Guide, blue-green-deployments-deleting); DeleteDBInstance's modelled refusal for an instance that
  // can't be deleted in its state is InvalidDBInstanceStateFault, query code InvalidDBInstanceState
  // (botocore rds service-2.json). --delete-target is refused once SWITCHOVER_COMPLETED (same page;
  // DeleteBlueGreenDeployment API reference), with InvalidBlueGreenDeploymentStateFault.
  it('delete-db-instance of an old-blue instance is refused while the deployment owns it and succeeds after delete-blue-green-deployment', async () => {
    const [deployment] = ok(await aws(['rds', 'describe-blue-green-deployments'])).BlueGreenDeployments as Json[];
    const id = deployment.BlueGreenDeploymentIdentifier as string;
    ok(await aws(['rds', 'switchover-blue-green-deployment', '--blue-green-deployment-identifier', id]));
    clock.advance(DEFAULT_TIMINGS.blueGreenSwitchover);
    expect(ok(await aws(['rds', 'describe-blue-green-deployments'])).BlueGreenDeployments[0].Status).toBe('SWITCHOVER_COMPLETED');

    const deleteOldBlue = () =>
      aws(['rds', 'delete-db-instance', '--db-instance-identifier', 'prod-app-analytics-old1', '--skip-final-snapshot']);
    const stderr = refused(await deleteOldBlue(), 'InvalidDBInstanceState');
    expect(stderr).toContain(`DB instance prod-app-analytics-old1 is part of the old blue environment of blue/green deployment ${id}`);
    const stillThere = ok(await aws(['rds', 'describe-db-instances', '--db-instance-identifier', 'prod-app-analytics-old1']));
    expect(stillThere.DBInstances[0].DBInstanceStatus).toBe('available');

    const withTarget = await aws(['rds', 'delete-blue-green-deployment', '--blue-green-deployment-identifier', id, '--delete-target']);
    refused(withTarget, 'InvalidBlueGreenDeploymentStateFault');
    const deleting = ok(await aws(['rds', 'delete-blue-green-deployment', '--blue-green-deployment-identifier', id]));
    expect(deleting.BlueGreenDeployment.Status).toBe('DELETING');
    clock.advance(DEFAULT_TIMINGS.blueGreenDelete);
    expect(ok(await aws(['rds', 'describe-blue-green-deployments'])).BlueGreenDeployments).toEqual([]);

    expect(ok(await deleteOldBlue()).DBInstance).toMatchObject({
      DBInstanceIdentifier: 'prod-app-analytics-old1',
      DBInstanceStatus: 'deleting',
    });
    clock.advance(DEFAULT_TIMINGS.deleteInstance);
    refused(await aws(['rds', 'describe-db-instances', '--db-instance-identifier', 'prod-app-analytics-old1']), 'DBInstanceNotFound');
    // Production (the former green, renamed prod-app) is untouched.
    const prod = ok(await aws(['rds', 'describe-db-clusters', '--db-cluster-identifier', 'prod-app'])).DBClusters[0];
    expect(prod).toMatchObject({ Status: 'available', EngineVersion: '16.4' });
  });

  // Item 8, the point-in-time form. RestoreDBClusterToPointInTime API reference: "restore to any point
  // in time before LatestRestorableTime for up to BackupRetentionPeriod days"; RestoreToTime "Must be
  // before the latest restorable time", "Can't be specified if the UseLatestRestorableTime parameter is
  // enabled", "Can't be specified if the RestoreType parameter is copy-on-write"; without
  // DBClusterParameterGroupName "the default DB cluster parameter group for the specified engine is
  // used"; Aurora restores the cluster only, without instances. A time outside the window is an
  // out-of-range value: InvalidParameterValue (Common Errors: "An invalid or out-of-range value was
  // supplied for the input parameter"); parameters that can't go together: InvalidParameterCombination.
  describe('restore-db-cluster-to-point-in-time --restore-to-time', () => {
    async function window(): Promise<{ earliest: number; latest: number }> {
      const source = ok(await aws(['rds', 'describe-db-clusters', '--db-cluster-identifier', 'prod-app'])).DBClusters[0];
      return { earliest: Date.parse(source.EarliestRestorableTime), latest: Date.parse(source.LatestRestorableTime) };
    }
    const restore = (id: string, ...extra: string[]) =>
      aws([
        'rds',
        'restore-db-cluster-to-point-in-time',
        '--source-db-cluster-identifier',
        'prod-app',
        '--db-cluster-identifier',
        id,
        ...extra,
      ]);

    it('a time inside the restorable window: a new cluster, creating then available, no instances, the default group', async () => {
      const { earliest, latest } = await window();
      expect(latest).toBeGreaterThan(earliest);
      const at = isoSeconds((earliest + latest) / 2);
      const restored = ok(await restore('prod-app-pitr', '--restore-to-time', at)).DBCluster;
      expect(restored).toMatchObject({
        DBClusterIdentifier: 'prod-app-pitr',
        Status: 'creating',
        Engine: 'aurora-postgresql',
        EngineVersion: '15.4',
        DBClusterMembers: [],
        DBClusterParameterGroup: 'default.aurora-postgresql15',
      });
      // The CLI sent the ISO time as RestoreToTime on the wire (awsQuery timestamps are ISO 8601).
      const sent = sim.control.requests().find((r) => r.operation === 'RestoreDBClusterToPointInTime');
      expect(Date.parse(sent!.wireParams!.RestoreToTime)).toBe(Date.parse(at));
      expect(sent!.wireParams!.UseLatestRestorableTime).toBeUndefined();
      clock.advance(DEFAULT_TIMINGS.restoreCluster);
      const now = ok(await aws(['rds', 'describe-db-clusters', '--db-cluster-identifier', 'prod-app-pitr'])).DBClusters[0];
      expect(now).toMatchObject({ Status: 'available', DBClusterMembers: [] });
    });

    it('a time outside the window (1999, before the cluster existed, after the latest restorable time): InvalidParameterValue, nothing created', async () => {
      const { earliest, latest } = await window();
      const cases = [
        '1999-01-01T00:00:00Z',
        isoSeconds(earliest - 60_000),
        isoSeconds(latest + 10 * 60_000), // between LatestRestorableTime and a future time: not restorable yet
      ];
      for (const [i, at] of cases.entries()) {
        const stderr = refused(await restore(`prod-app-pitr-${i}`, '--restore-to-time', at), 'InvalidParameterValue');
        expect(stderr).toContain(`RestoreToTime ${new Date(at).toISOString()} is outside the restorable window of prod-app:`);
        expect(stderr).toContain(`${new Date(earliest).toISOString()} to `);
        refused(await aws(['rds', 'describe-db-clusters', '--db-cluster-identifier', `prod-app-pitr-${i}`]), 'DBClusterNotFoundFault');
      }
    });

    it('--restore-to-time with --use-latest-restorable-time, or with --restore-type copy-on-write: InvalidParameterCombination', async () => {
      const { earliest, latest } = await window();
      const at = isoSeconds((earliest + latest) / 2);
      const both = await restore('prod-app-pitr-both', '--restore-to-time', at, '--use-latest-restorable-time');
      expect(refused(both, 'InvalidParameterCombination')).toContain(
        'RestoreToTime cannot be specified together with UseLatestRestorableTime.',
      );
      const clone = await restore('prod-app-pitr-clone', '--restore-to-time', at, '--restore-type', 'copy-on-write');
      expect(refused(clone, 'InvalidParameterCombination')).toContain('RestoreToTime cannot be specified with RestoreType copy-on-write');
      const neither = await restore('prod-app-pitr-neither');
      expect(refused(neither, 'InvalidParameterCombination')).toContain(
        'Either RestoreToTime or UseLatestRestorableTime must be specified.',
      );
    });
  });
});
