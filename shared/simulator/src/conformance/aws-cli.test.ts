/**
 * Conformance with a client nobody here wrote: the real AWS CLI (botocore) must serialize its
 * requests to, and parse every response of, the simulator. Skips, loudly, where `aws` is absent;
 * CI installs it (Debian package awscli).
 */
import { DescribeDBClustersCommand } from '@aws-sdk/client-rds';
import { SIMULATOR_CREDENTIALS } from '@switchyard/core/simulator-credentials';
import { DEFAULT_TIMINGS } from '../model/types';
import { startSimulator, type RunningSimulator } from '../simulator';
import { findAwsCli, runAwsCli, type CliResult } from '../testing/aws-cli';
import { ManualClock } from '../testing/manual-clock';
import { destroyClients, sdkClients } from '../testing/sdk-clients';

const cli = findAwsCli();
if (!cli) console.warn('SKIPPED: AWS CLI conformance tests need `aws` on PATH (apt-get install awscli).');
const describeCli = cli ? describe : describe.skip;
jest.setTimeout(120_000);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function ok(result: CliResult): Json {
  if (result.code !== 0) throw new Error(`aws exited ${result.code}: ${result.stderr}`);
  expect(result.json).toBeDefined();
  return result.json as Json;
}

describeCli('AWS CLI against the simulator: reads', () => {
  let sim: RunningSimulator;
  const aws = (args: string[], region?: string) => runAwsCli(sim.url, args, region);

  beforeAll(async () => {
    sim = await startSimulator({ fleet: 'demo', timeScale: 1000 });
  });
  afterAll(() => sim.stop());

  it('rds describe-db-clusters / describe-db-instances / describe-global-clusters / describe-blue-green-deployments', async () => {
    const [clusters, instances, globals, deployments, eu] = await Promise.all([
      aws(['rds', 'describe-db-clusters', '--db-cluster-identifier', 'prod-app']),
      aws(['rds', 'describe-db-instances', '--filters', 'Name=db-cluster-id,Values=prod-app']),
      aws(['rds', 'describe-global-clusters']),
      aws(['rds', 'describe-blue-green-deployments']),
      aws(['rds', 'describe-db-clusters'], 'eu-west-1'),
    ]);
    const cluster = ok(clusters).DBClusters[0];
    expect(cluster).toMatchObject({
      DBClusterIdentifier: 'prod-app',
      Status: 'available',
      MultiAZ: true,
      EngineVersion: '15.4',
      GlobalClusterIdentifier: 'prod-app-global',
    });
    expect(cluster.DBClusterMembers).toContainEqual({
      DBInstanceIdentifier: 'prod-app-0',
      IsClusterWriter: true,
      DBClusterParameterGroupStatus: 'in-sync',
      PromotionTier: 0,
    });
    expect(typeof cluster.ClusterCreateTime).toBe('string');
    expect(ok(instances).DBInstances.map((i: Json) => [i.DBInstanceIdentifier, i.AvailabilityZone, i.PromotionTier])).toEqual([
      ['prod-app-0', 'us-east-1a', 0],
      ['prod-app-1', 'us-east-1b', 1],
      ['prod-app-2', 'us-east-1c', 1],
      ['prod-app-analytics', 'us-east-1a', 15],
    ]);
    const global = ok(globals).GlobalClusters[0];
    expect(global.GlobalClusterMembers.map((m: Json) => m.IsWriter)).toEqual([true, false]);
    expect(global.GlobalClusterMembers[0].Readers).toEqual(['arn:aws:rds:eu-west-1:123456789012:cluster:prod-app-eu']);
    const deployment = ok(deployments).BlueGreenDeployments[0];
    expect(deployment.Status).toBe('AVAILABLE');
    // prod-app's cluster and 4 instances, and (a Global Database primary) prod-app-eu's cluster and instance.
    expect(deployment.SwitchoverDetails).toHaveLength(7);
    expect(deployment.Tasks.map((t: Json) => t.Status)).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED']);
    expect(ok(eu).DBClusters.map((c: Json) => c.DBClusterIdentifier)).toEqual([
      'prod-app-eu',
      expect.stringMatching(/^prod-app-eu-green-\w{6}$/),
    ]);
  });

  it('rds describe-events / describe-db-cluster-parameters / describe-db-cluster-parameter-groups / list-tags-for-resource', async () => {
    const [events, parameters, groups, tags] = await Promise.all([
      aws(['rds', 'describe-events', '--source-type', 'blue-green-deployment', '--duration', '120']),
      aws(['rds', 'describe-db-cluster-parameters', '--db-cluster-parameter-group-name', 'prod-app-pg16', '--source', 'user']),
      aws(['rds', 'describe-db-cluster-parameter-groups']),
      aws(['rds', 'list-tags-for-resource', '--resource-name', 'arn:aws:rds:us-east-1:123456789012:cluster:prod-app']),
    ]);
    expect(ok(events).Events.length).toBeGreaterThanOrEqual(2);
    expect(ok(parameters).Parameters).toContainEqual(
      expect.objectContaining({ ParameterName: 'work_mem', ParameterValue: '65536', Source: 'user', IsModifiable: true }),
    );
    expect(ok(groups).DBClusterParameterGroups.map((g: Json) => g.DBClusterParameterGroupName)).toEqual(
      expect.arrayContaining(['prod-app-pg15', 'prod-app-pg16']),
    );
    expect(ok(tags).TagList).toContainEqual({ Key: 'owner', Value: 'platform-oncall@example.com' });
  });

  it('reports RDS faults with the query error code and exits non-zero', async () => {
    const [cluster, instance] = await Promise.all([
      aws(['rds', 'describe-db-clusters', '--db-cluster-identifier', 'nope']),
      aws(['rds', 'describe-db-instances', '--db-instance-identifier', 'nope']),
    ]);
    expect(cluster.code).not.toBe(0);
    expect(cluster.errorCode).toBe('DBClusterNotFoundFault');
    expect(instance.errorCode).toBe('DBInstanceNotFound');
    expect(instance.stderr).toContain('DBInstance nope not found.');
  });

  // The AWS CLI sends any string for these members (botocore checks no enum); the service
  // refuses: ValidationError (service model enums Statistic/ComparisonOperator, and the values the
  // PutMetricAlarm API reference lists for TreatMissingData).
  it('cloudwatch put-metric-alarm with --treat-missing-data or --comparison-operator outside their values: ValidationError', async () => {
    const alarm = [
      'cloudwatch',
      'put-metric-alarm',
      '--alarm-name',
      'cli-enum-check',
      '--metric-name',
      'AuroraReplicaLag',
      '--namespace',
      'AWS/RDS',
      '--statistic',
      'Maximum',
      '--period',
      '60',
      '--evaluation-periods',
      '1',
      '--threshold',
      '1000',
    ];
    const bad = await aws([...alarm, '--comparison-operator', 'GreaterThanThreshold', '--treat-missing-data', 'NotBreaching']);
    expect(bad.code).not.toBe(0);
    expect(bad.errorCode).toBe('ValidationError');
    expect(bad.stderr).toContain("Value 'NotBreaching' at 'treatMissingData' failed to satisfy constraint");
    const op = await aws([...alarm, '--comparison-operator', 'Above']);
    expect(op.errorCode).toBe('ValidationError');
    expect(op.stderr).toContain("Value 'Above' at 'comparisonOperator'");
    const good = await aws([...alarm, '--comparison-operator', 'GreaterThanThreshold', '--treat-missing-data', 'notBreaching']);
    expect(good.code).toBe(0);
    const stored = ok(await aws(['cloudwatch', 'describe-alarms', '--alarm-names', 'cli-enum-check'])).MetricAlarms[0];
    expect(stored.TreatMissingData).toBe('notBreaching');
  });

  it('sts get-caller-identity, cloudwatch get-metric-data / describe-alarms, ce get-cost-and-usage', async () => {
    const now = Date.now();
    const iso = (t: number) => new Date(t).toISOString().replace(/\.\d+Z$/, 'Z');
    const day = (offset: number) => new Date(now + offset * 86_400_000).toISOString().slice(0, 10);
    const [sts, metrics, alarms, cost] = await Promise.all([
      aws(['sts', 'get-caller-identity']),
      aws([
        'cloudwatch',
        'get-metric-data',
        '--start-time',
        iso(now - 300_000),
        '--end-time',
        iso(now),
        '--metric-data-queries',
        JSON.stringify([
          {
            Id: 'lag',
            MetricStat: {
              Metric: {
                Namespace: 'AWS/RDS',
                MetricName: 'AuroraReplicaLag',
                Dimensions: [{ Name: 'DBInstanceIdentifier', Value: 'prod-app-1' }],
              },
              Period: 60,
              Stat: 'Maximum',
            },
          },
        ]),
      ]),
      aws(['cloudwatch', 'describe-alarms', '--alarm-name-prefix', 'prod-app']),
      aws([
        'ce',
        'get-cost-and-usage',
        '--time-period',
        `Start=${day(-2)},End=${day(-1)}`,
        '--granularity',
        'DAILY',
        '--metrics',
        'UnblendedCost',
      ]),
    ]);
    expect(ok(sts)).toMatchObject({ Account: '123456789012' });
    const lag = ok(metrics).MetricDataResults[0];
    expect(lag.Values.length).toBeGreaterThan(0);
    expect(lag.Values.length).toBe(lag.Timestamps.length);
    expect(ok(alarms).MetricAlarms.map((a: Json) => a.StateValue)).toEqual(['OK', 'OK', 'OK', 'OK']);
    expect(ok(cost).ResultsByTime[0].Total.UnblendedCost.Unit).toBe('USD');
  });

  // "Amazon CloudWatch dimensions for Aurora" (Aurora User Guide): instance metrics such as
  // AuroraReplicaLag are also published by DBClusterIdentifier and DBClusterIdentifier+Role,
  // aggregated over the cluster's (or the role's) instances.
  it('cloudwatch get-metric-statistics: AuroraReplicaLag aggregated by DBClusterIdentifier and by Role', async () => {
    const now = Date.now();
    const iso = (t: number) => new Date(t).toISOString().replace(/\.\d+Z$/, 'Z');
    const stats = (dimensions: string[]) =>
      aws([
        'cloudwatch',
        'get-metric-statistics',
        '--namespace',
        'AWS/RDS',
        '--metric-name',
        'AuroraReplicaLag',
        '--dimensions',
        ...dimensions,
        '--start-time',
        iso(now - 300_000),
        '--end-time',
        iso(now),
        '--period',
        '60',
        '--statistics',
        'Maximum',
        'SampleCount',
      ]);
    const [cluster, readers, writer] = await Promise.all([
      stats(['Name=DBClusterIdentifier,Value=prod-app']),
      stats(['Name=DBClusterIdentifier,Value=prod-app', 'Name=Role,Value=READER']),
      stats(['Name=DBClusterIdentifier,Value=prod-app', 'Name=Role,Value=WRITER']),
    ]);
    const points = ok(cluster).Datapoints as Json[];
    expect(points.length).toBeGreaterThan(0);
    expect(ok(cluster).Label).toBe('AuroraReplicaLag');
    for (const p of points) {
      expect(p.Unit).toBe('Milliseconds');
      expect(p.Maximum).toBeGreaterThan(0);
      expect(p.Maximum).toBeLessThan(1000); // a healthy cluster: well under the 1 s of docs/runbook-format.md
    }
    expect((ok(readers).Datapoints as Json[]).length).toBeGreaterThan(0);
    expect(ok(writer).Datapoints).toEqual([]); // the writer publishes no AuroraReplicaLag
  });

  it('retries Throttling and reports it when retries run out', async () => {
    sim.control.injectFault({ type: 'throttle', service: 'rds', operation: 'DescribeDBClusterParameterGroups', rate: 1 });
    const result = await aws(['rds', 'describe-db-cluster-parameter-groups']);
    sim.control.clearFaults();
    expect(result.errorCode).toBe('Throttling');
    expect(result.stderr).toMatch(/max retries: 1.*Rate exceeded/s);
    expect(sim.control.requests().filter((r) => r.errorCode === 'Throttling')).toHaveLength(2);
  });
});

describeCli('AWS CLI against the simulator: pagination over 120 clusters', () => {
  it('--page-size 20 follows the markers and prints every cluster once', async () => {
    const sim = await startSimulator({ fleet: 120, timeScale: 1000 });
    try {
      const out = ok(await runAwsCli(sim.url, ['rds', 'describe-db-clusters', '--page-size', '20']));
      const ids = out.DBClusters.map((c: Json) => c.DBClusterIdentifier);
      expect(ids).toHaveLength(150);
      expect(new Set(ids).size).toBe(150);
      expect(sim.control.requests().filter((r) => r.operation === 'DescribeDBClusters')).toHaveLength(8);
    } finally {
      await sim.stop();
    }
  });
});

describeCli('AWS CLI against the simulator: changes', () => {
  // A manual clock: each `aws` call starts a Python process, slower than any scaled transition; the
  // transitions finish only when a test advances the clock.
  let clock: ManualClock;
  let sim: RunningSimulator;
  const aws = (args: string[], region?: string) => runAwsCli(sim.url, args, region);

  beforeEach(async () => {
    clock = new ManualClock();
    sim = await startSimulator({ fleet: 'demo', clock });
  });
  afterEach(() => sim.stop());

  it('rds failover-db-cluster: the CLI prints failing-over, the writer moves', async () => {
    const out = ok(
      await aws(['rds', 'failover-db-cluster', '--db-cluster-identifier', 'prod-app', '--target-db-instance-identifier', 'prod-app-2']),
    );
    expect(out.DBCluster.Status).toBe('failing-over');
    clock.advance(DEFAULT_TIMINGS.failover);
    const now = ok(await aws(['rds', 'describe-db-clusters', '--db-cluster-identifier', 'prod-app'])).DBClusters[0];
    expect(now.DBClusterMembers.find((m: Json) => m.IsClusterWriter).DBInstanceIdentifier).toBe('prod-app-2');
  });

  it('rds create/modify/reboot/delete-db-instance and add-tags-to-resource', async () => {
    const created = ok(
      await aws([
        'rds',
        'create-db-instance',
        '--db-instance-identifier',
        'prod-app-3',
        '--db-instance-class',
        'db.r6g.large',
        '--engine',
        'aurora-postgresql',
        '--db-cluster-identifier',
        'prod-app',
        '--availability-zone',
        'us-east-1c',
        '--promotion-tier',
        '2',
      ]),
    );
    expect(created.DBInstance).toMatchObject({ DBInstanceIdentifier: 'prod-app-3', DBInstanceStatus: 'creating', PromotionTier: 2 });
    const [modified, rebooted, tagged] = await Promise.all([
      aws([
        'rds',
        'modify-db-instance',
        '--db-instance-identifier',
        'prod-app-1',
        '--promotion-tier',
        '0',
        '--db-instance-class',
        'db.r6g.2xlarge',
        '--apply-immediately',
      ]),
      aws(['rds', 'reboot-db-instance', '--db-instance-identifier', 'prod-app-2']),
      aws([
        'rds',
        'add-tags-to-resource',
        '--resource-name',
        'arn:aws:rds:us-east-1:123456789012:db:prod-app-1',
        '--tags',
        'Key=role,Value=hot-standby',
      ]),
    ]);
    expect(ok(modified).DBInstance).toMatchObject({ PromotionTier: 0, DBInstanceStatus: 'modifying' });
    expect(ok(rebooted).DBInstance.DBInstanceStatus).toBe('rebooting');
    expect(tagged.code).toBe(0);
    const deleted = ok(await aws(['rds', 'delete-db-instance', '--db-instance-identifier', 'prod-app-analytics', '--skip-final-snapshot']));
    expect(deleted.DBInstance.DBInstanceStatus).toBe('deleting');
  });

  it('rds switchover-global-cluster, failover-global-cluster, remove-from-global-cluster', async () => {
    const secondary = 'arn:aws:rds:eu-west-1:123456789012:cluster:prod-app-eu';
    const switched = ok(
      await aws([
        'rds',
        'switchover-global-cluster',
        '--global-cluster-identifier',
        'prod-app-global',
        '--target-db-cluster-identifier',
        secondary,
      ]),
    );
    expect(switched.GlobalCluster.FailoverState).toMatchObject({ Status: 'failing-over', IsDataLossAllowed: false });
    const busy = await aws([
      'rds',
      'failover-global-cluster',
      '--global-cluster-identifier',
      'prod-app-global',
      '--target-db-cluster-identifier',
      secondary,
      '--allow-data-loss',
    ]);
    expect(busy.errorCode).toBe('InvalidGlobalClusterStateFault');
    expect(busy.stderr).toMatch(/not in the available state \(it is switching-over\)/);
    clock.advance(DEFAULT_TIMINGS.globalSwitchover);
    expect(ok(await aws(['rds', 'describe-global-clusters'])).GlobalClusters[0].Status).toBe('available');
    const removed = ok(
      await aws([
        'rds',
        'remove-from-global-cluster',
        '--global-cluster-identifier',
        'prod-app-global',
        '--db-cluster-identifier',
        'arn:aws:rds:us-east-1:123456789012:cluster:prod-app',
      ]),
    );
    expect(removed.GlobalCluster.GlobalClusterIdentifier).toBe('prod-app-global');
  });

  // "Using Blue/Green Deployments for Amazon Aurora Global Database" (Aurora User Guide): green
  // mirrors the primary and every secondary region; the switchover moves them all at once and renames
  // clusters, instances and endpoints in each region.
  it('rds blue/green of a Global Database primary: green in every region, switched over together', async () => {
    const [deployment] = ok(await aws(['rds', 'describe-blue-green-deployments'])).BlueGreenDeployments;
    const targets = deployment.SwitchoverDetails.map((d: Json) => d.TargetMember as string);
    expect(targets.filter((t: string) => t.includes(':eu-west-1:'))).toHaveLength(2); // prod-app-eu's green cluster and instance
    const before = ok(await aws(['rds', 'describe-global-clusters'])).GlobalClusters as Json[];
    expect(before.map((g) => `${g.GlobalClusterIdentifier} ${g.EngineVersion} ${g.GlobalClusterMembers.length}`)).toEqual([
      'prod-app-global 15.4 2',
      expect.stringMatching(/^prod-app-global-green-\w{6} 16\.4 2$/),
    ]);
    ok(
      await aws([
        'rds',
        'switchover-blue-green-deployment',
        '--blue-green-deployment-identifier',
        deployment.BlueGreenDeploymentIdentifier,
      ]),
    );
    clock.advance(DEFAULT_TIMINGS.blueGreenSwitchover);
    const after = ok(await aws(['rds', 'describe-global-clusters'])).GlobalClusters as Json[];
    const byId = new Map(after.map((g) => [g.GlobalClusterIdentifier, g]));
    expect(byId.get('prod-app-global')).toMatchObject({ EngineVersion: '16.4' });
    expect(byId.get('prod-app-global')!.GlobalClusterMembers.map((m: Json) => m.DBClusterArn)).toEqual([
      'arn:aws:rds:us-east-1:123456789012:cluster:prod-app',
      'arn:aws:rds:eu-west-1:123456789012:cluster:prod-app-eu',
    ]);
    expect(byId.get('prod-app-global-old1')).toMatchObject({ EngineVersion: '15.4' });
    const eu = ok(await aws(['rds', 'describe-db-clusters', '--db-cluster-identifier', 'prod-app-eu'], 'eu-west-1')).DBClusters[0];
    expect(eu).toMatchObject({ EngineVersion: '16.4', GlobalClusterIdentifier: 'prod-app-global' });
    const details = ok(await aws(['rds', 'describe-blue-green-deployments'])).BlueGreenDeployments[0].SwitchoverDetails as Json[];
    expect(details.every((d) => d.Status === 'SWITCHOVER_COMPLETED')).toBe(true);
  });

  it('rds create/switchover/delete-blue-green-deployment', async () => {
    const deployments = ok(await aws(['rds', 'describe-blue-green-deployments'])).BlueGreenDeployments;
    const id = deployments[0].BlueGreenDeploymentIdentifier;
    const switched = ok(
      await aws(['rds', 'switchover-blue-green-deployment', '--blue-green-deployment-identifier', id, '--switchover-timeout', '120']),
    );
    expect(switched.BlueGreenDeployment.Status).toBe('SWITCHOVER_IN_PROGRESS');
    const created = ok(
      await aws([
        'rds',
        'create-blue-green-deployment',
        '--blue-green-deployment-name',
        'billing-16',
        '--source',
        'arn:aws:rds:us-east-1:123456789012:cluster:billing-db',
        '--target-engine-version',
        '16.4',
      ]),
    );
    expect(created.BlueGreenDeployment.Status).toBe('PROVISIONING');
    const deleted = ok(
      await aws([
        'rds',
        'delete-blue-green-deployment',
        '--blue-green-deployment-identifier',
        created.BlueGreenDeployment.BlueGreenDeploymentIdentifier,
        '--delete-target',
      ]),
    );
    expect(deleted.BlueGreenDeployment.Status).toBe('DELETING');
    clock.advance(DEFAULT_TIMINGS.blueGreenSwitchover);
    const rds = sdkClients(sim);
    const prod = await rds.rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: 'prod-app' }));
    destroyClients(rds);
    expect(prod.DBClusters![0].EngineVersion).toBe('16.4');
  });
});

/**
 * Issue 13, items 7, 8, 10, 11 through the real AWS CLI: the simulator refuses what AWS refuses, with
 * AWS's codes, and answers the operations an operator uses to fix a parameter drift or take a clone.
 */
describeCli('AWS CLI against the simulator: fidelity (issue 13)', () => {
  let sim: RunningSimulator;
  const aws = (args: string[], region?: string) => runAwsCli(sim.url, args, region);

  beforeAll(async () => {
    sim = await startSimulator({ fleet: 'demo', timeScale: 1000 });
  });
  afterAll(() => sim.stop());

  // Item 10. AWS: an unknown key is InvalidClientTokenId "The security token included in the request is
  // invalid."; a wrong secret SignatureDoesNotMatch "The request signature we calculated does not match…"
  // (aws/aws-cli#995, #6676; IAM User Guide, signature-v4-troubleshooting).
  it('SigV4: a wrong secret is SignatureDoesNotMatch, an unknown key InvalidClientTokenId; the test credentials pass', async () => {
    const wrongSecret = await runAwsCli(sim.url, ['rds', 'describe-db-clusters'], 'us-east-1', {
      accessKeyId: SIMULATOR_CREDENTIALS.accessKeyId,
      secretAccessKey: 'wrong',
    });
    expect(wrongSecret.errorCode).toBe('SignatureDoesNotMatch');
    expect(wrongSecret.stderr).toContain('The request signature we calculated does not match the signature you provided.');
    const unknownKey = await runAwsCli(sim.url, ['sts', 'get-caller-identity'], 'us-east-1', {
      accessKeyId: 'AKIAUNKNOWNKEY000000',
      secretAccessKey: SIMULATOR_CREDENTIALS.secretAccessKey,
    });
    expect(unknownKey.errorCode).toBe('InvalidClientTokenId');
    expect(unknownKey.stderr).toContain('The security token included in the request is invalid.');
    expect(ok(await aws(['sts', 'get-caller-identity'])).Account).toBe('123456789012');
  });

  // Item 7. AWS: "Cannot find upgrade target from X with requested version Y." (InvalidParameterCombination,
  // Aurora User Guide upgrade examples); parameter group family and instance class: InvalidParameterCombination.
  it('refuses an unknown target version, a group of another family and an unorderable instance class', async () => {
    const version = await aws([
      'rds',
      'create-blue-green-deployment',
      '--blue-green-deployment-name',
      'to-nowhere',
      '--source',
      'arn:aws:rds:us-east-1:123456789012:cluster:billing-db',
      '--target-engine-version',
      '99.9',
    ]);
    expect(version.errorCode).toBe('InvalidParameterCombination');
    expect(version.stderr).toContain('Cannot find upgrade target from 15.4 with requested version 99.9.');
    const family = await aws([
      'rds',
      'modify-db-cluster',
      '--db-cluster-identifier',
      'prod-app',
      '--db-cluster-parameter-group-name',
      'prod-app-pg16',
      '--apply-immediately',
    ]);
    expect(family.errorCode).toBe('InvalidParameterCombination');
    expect(family.stderr).toContain('Use a parameter group with DBParameterGroupFamily aurora-postgresql15.');
    const instanceClass = await aws([
      'rds',
      'create-db-instance',
      '--db-instance-identifier',
      'prod-app-9',
      '--db-instance-class',
      'db.bogus.huge',
      '--engine',
      'aurora-postgresql',
      '--db-cluster-identifier',
      'prod-app',
    ]);
    expect(instanceClass.errorCode).toBe('InvalidParameterCombination');
    expect(instanceClass.stderr).toContain('DBInstanceClass=db.bogus.huge');
  });

  // Item 11. FailoverDBCluster's modelled errors: InvalidDBClusterStateFault, InvalidDBInstanceStateFault,
  // DBClusterNotFoundFault (botocore rds service-2.json) — never DBInstanceNotFound for an existing instance.
  it('failover-db-cluster to a reader of another cluster is InvalidDBInstanceState', async () => {
    const result = await aws([
      'rds',
      'failover-db-cluster',
      '--db-cluster-identifier',
      'prod-app',
      '--target-db-instance-identifier',
      'billing-db-1',
    ]);
    expect(result.errorCode).toBe('InvalidDBInstanceState');
    expect(result.stderr).toContain('is not a member of DB cluster prod-app');
  });

  // Item 8.
  it('parameter groups, engine versions, orderable classes, pending maintenance and a copy-on-write clone', async () => {
    const created = ok(
      await aws([
        'rds',
        'create-db-cluster-parameter-group',
        '--db-cluster-parameter-group-name',
        'prod-app-pg16-cli',
        '--db-parameter-group-family',
        'aurora-postgresql16',
        '--description',
        'prod-app on PostgreSQL 16',
      ]),
    );
    expect(created.DBClusterParameterGroup.DBParameterGroupFamily).toBe('aurora-postgresql16');
    const modified = ok(
      await aws([
        'rds',
        'modify-db-cluster-parameter-group',
        '--db-cluster-parameter-group-name',
        'prod-app-pg16-cli',
        '--parameters',
        'ParameterName=work_mem,ParameterValue=16384,ApplyMethod=immediate',
        'ParameterName=max_connections,ParameterValue=2000,ApplyMethod=pending-reboot',
      ]),
    );
    expect(modified.DBClusterParameterGroupName).toBe('prod-app-pg16-cli');
    const staticImmediate = await aws([
      'rds',
      'modify-db-cluster-parameter-group',
      '--db-cluster-parameter-group-name',
      'prod-app-pg16-cli',
      '--parameters',
      'ParameterName=max_connections,ParameterValue=2000,ApplyMethod=immediate',
    ]);
    expect(staticImmediate.errorCode).toBe('InvalidParameterCombination');
    const params = ok(
      await aws(['rds', 'describe-db-cluster-parameters', '--db-cluster-parameter-group-name', 'prod-app-pg16-cli', '--source', 'user']),
    );
    expect(params.Parameters.map((p: Json) => [p.ParameterName, p.ParameterValue, p.ApplyType])).toEqual([
      ['max_connections', '2000', 'static'],
      ['work_mem', '16384', 'dynamic'],
    ]);

    const versions = ok(await aws(['rds', 'describe-db-engine-versions', '--engine', 'aurora-postgresql', '--engine-version', '15.4']));
    expect(versions.DBEngineVersions[0].DBParameterGroupFamily).toBe('aurora-postgresql15');
    const orderable = ok(
      await aws([
        'rds',
        'describe-orderable-db-instance-options',
        '--engine',
        'aurora-postgresql',
        '--engine-version',
        '15.4',
        '--db-instance-class',
        'db.r6g.xlarge',
      ]),
    );
    expect(orderable.OrderableDBInstanceOptions).toHaveLength(1);
    const maintenance = ok(
      await aws([
        'rds',
        'describe-pending-maintenance-actions',
        '--resource-identifier',
        'arn:aws:rds:us-east-1:123456789012:cluster:prod-app',
      ]),
    );
    expect(maintenance.PendingMaintenanceActions).toEqual([]);

    // Seed 003's "safe testing against production-sized data": an Aurora clone.
    const clone = ok(
      await aws([
        'rds',
        'restore-db-cluster-to-point-in-time',
        '--source-db-cluster-identifier',
        'prod-app',
        '--db-cluster-identifier',
        'prod-app-clone',
        '--restore-type',
        'copy-on-write',
        '--use-latest-restorable-time',
        '--tags',
        'Key=switchyard:parallel-of,Value=prod-app',
      ]),
    );
    expect(clone.DBCluster).toMatchObject({ DBClusterIdentifier: 'prod-app-clone', Status: 'creating', EngineVersion: '15.4' });
  });
});
