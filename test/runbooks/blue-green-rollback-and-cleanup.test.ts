/**
 * blue-green-rollback-and-cleanup.md end to end: going back to the old environment by renames
 * (behind two people, honest about lost writes), and decommissioning it once nothing uses it.
 */
import { AddTagsToResourceCommand, DescribeGlobalClustersCommand, ListTagsForResourceCommand } from '@aws-sdk/client-rds';
import { RunbookHarness } from '../support/runbook-harness';

let h: RunbookHarness;

beforeEach(async () => {
  h = await RunbookHarness.start(500);
});
afterEach(async () => {
  await h.close();
});

const names = async (cluster: string) => (await h.instances(cluster)).map((i) => `${i.id}${i.isWriter ? ' (writer)' : ''}`);

const ARN = 'arn:aws:rds:us-east-1:123456789012';
/** The switchyard:* cost tags of a cluster (`cluster:<id>`) or an instance (`db:<id>`). */
async function costTags(resource: string): Promise<Record<string, string>> {
  const out = await h.rds().send(new ListTagsForResourceCommand({ ResourceName: `${ARN}:${resource}` }));
  return Object.fromEntries((out.TagList ?? []).filter((t) => t.Key!.startsWith('switchyard:')).map((t) => [t.Key!, t.Value!]));
}

it('rollback: after a switchover, the names go back to the old environment; the new one is kept aside with its writes', async () => {
  await h.createDeployment('billing-upgrade', 'billing-db', '16.4', 'default.aurora-postgresql16');
  await h.switchOver('billing-upgrade');
  // As blue-green-switchover.md leaves them: the old environment carries the migration's cost tags.
  const oldTags = [
    { Key: 'switchyard:deployment', Value: 'billing-upgrade' },
    { Key: 'switchyard:decommission-by', Value: '2026-12-01T00:00:00.000Z' },
  ];
  for (const resource of ['cluster:billing-db-old1', 'db:billing-db-0-old1', 'db:billing-db-1-old1']) {
    await h.rds().send(new AddTagsToResourceCommand({ ResourceName: `${ARN}:${resource}`, Tags: oldTags }));
  }
  h.sim.control.clearRequests();
  const endpoint = (await h.cluster('billing-db'))!.Endpoint;
  const result = await h.run('blue-green-rollback-and-cleanup.md', { deployment: 'billing-upgrade', mode: 'rollback' });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);

  const approval = result.events.find((e) => e.type === 'approval') as unknown as {
    stepId: string;
    request: { message: string; fourEyes: boolean };
  };
  expect(approval.stepId).toBe('rb_approve');
  expect(approval.request.fourEyes).toBe(true);
  expect(approval.request.message).toMatch(
    /Every write made since the switchover that the old environment lacks is LOST for production \(no prod and old connections are configured here, so nothing shows the old environment has the new writes\); it stays in billing-db-rolled-back/,
  );

  const prod = (await h.cluster('billing-db'))!;
  expect(prod).toMatchObject({ EngineVersion: '15.4', Endpoint: endpoint, Status: 'available' });
  expect(await names('billing-db')).toEqual(['billing-db-0 (writer)', 'billing-db-1']);
  expect((await h.cluster('billing-db-rolled-back'))!.EngineVersion).toBe('16.4');
  expect(await names('billing-db-rolled-back')).toEqual(['billing-db-0-rolled-back (writer)', 'billing-db-1-rolled-back']);
  expect(await h.deployment('billing-upgrade')).toBeUndefined();
  const deploymentTag = { 'switchyard:deployment': 'billing-upgrade' };
  const untag = ['switchyard:deployment', 'switchyard:decommission-by'];
  expect(
    h
      .mutations()
      .map((r) => [
        r.operation,
        r.params.NewDBClusterIdentifier ??
          r.params.NewDBInstanceIdentifier ??
          ((r.params.ResourceARNList as string[] | undefined) ?? []).map((arn) => arn.replace(`${ARN}:`, '')).join(' '),
        r.params.Tags ?? r.params.TagKeys ?? '',
      ]),
  ).toEqual([
    ['DeleteBlueGreenDeployment', '', ''],
    ['ModifyDBCluster', 'billing-db-rolled-back', ''],
    ['ModifyDBCluster', 'billing-db', ''],
    ['ModifyDBInstance', 'billing-db-0-rolled-back', ''],
    ['ModifyDBInstance', 'billing-db-1-rolled-back', ''],
    ['ModifyDBInstance', 'billing-db-0', ''],
    ['ModifyDBInstance', 'billing-db-1', ''],
    // One tagging call each, with every resource of the cluster.
    ['UntagResources', 'cluster:billing-db db:billing-db-0 db:billing-db-1', untag],
    ['TagResources', 'cluster:billing-db-rolled-back db:billing-db-0-rolled-back db:billing-db-1-rolled-back', deploymentTag],
  ]);
  // The tags did not move with the names: production (the old environment again) drops the
  // migration's, the rolled-back environment, a leftover of the migration, carries it.
  for (const resource of ['cluster:billing-db', 'db:billing-db-0', 'db:billing-db-1']) expect(await costTags(resource)).toEqual({});
  for (const resource of ['cluster:billing-db-rolled-back', 'db:billing-db-0-rolled-back', 'db:billing-db-1-rolled-back']) {
    expect(await costTags(resource)).toEqual({ 'switchyard:deployment': 'billing-upgrade' });
  }
  // No step of the other mode touched anything.
  expect(h.mutations().some((r) => r.operation.startsWith('Delete') && r.operation !== 'DeleteBlueGreenDeployment')).toBe(false);
});

// prod-app is the primary of Global Database prod-app-global: its old environment is a global
// database of its own (prod-app-global-old1: prod-app-old1 and prod-app-eu-old1 in eu-west-1).
it('cleanup: deletes the deployment (keeping the new production) and the idle -old1 environment in every region, with a final snapshot', async () => {
  await h.switchOver('prod-app-pg16-upgrade');
  const result = await h.run('blue-green-rollback-and-cleanup.md', { deployment: 'prod-app-pg16-upgrade', mode: 'cleanup' });
  expect(result.code).toBe(0);
  expect(result.outputs.cl_check).toMatchObject({
    old_members: ['prod-app-1-old1', 'prod-app-2-old1', 'prod-app-analytics-old1', 'prod-app-0-old1'],
    deletion_protection: false,
    max_connections: 0,
    old_global: 'prod-app-global-old1',
  });
  expect(result.outputs.deployment).toMatchObject({
    secondaries: [{ region: 'eu-west-1', old: 'prod-app-eu-old1', arn: 'arn:aws:rds:eu-west-1:123456789012:cluster:prod-app-eu-old1' }],
    secondary_instances: [{ region: 'eu-west-1', old: 'prod-app-eu-1-old1' }],
  });
  expect(await h.deployments()).toEqual([]);
  expect(await h.clusterIds()).not.toContain('prod-app-old1');
  expect(await h.clusterIds('eu-west-1')).toEqual(['prod-app-eu']);
  expect((await h.cluster('prod-app'))!.EngineVersion).toBe('16.4');
  expect(await names('prod-app')).toEqual(['prod-app-0 (writer)', 'prod-app-1', 'prod-app-2', 'prod-app-analytics']);
  const production = await h.globalCluster('prod-app-global');
  expect(production.EngineVersion).toBe('16.4');
  expect(production.GlobalClusterMembers!.map((m) => m.DBClusterArn!.split(':').slice(3).join(':'))).toEqual([
    'us-east-1:123456789012:cluster:prod-app',
    'eu-west-1:123456789012:cluster:prod-app-eu',
  ]);
  const oldGlobal = 'prod-app-global-old1';
  expect(h.mutations().map((r) => [r.operation, r.region, r.params])).toEqual([
    ['DeleteBlueGreenDeployment', 'us-east-1', { BlueGreenDeploymentIdentifier: expect.stringMatching(/^bgd-/) }],
    [
      'RemoveFromGlobalCluster',
      'eu-west-1',
      { GlobalClusterIdentifier: oldGlobal, DbClusterIdentifier: 'arn:aws:rds:eu-west-1:123456789012:cluster:prod-app-eu-old1' },
    ],
    ['DeleteDBInstance', 'eu-west-1', { DBInstanceIdentifier: 'prod-app-eu-1-old1' }],
    ['DeleteDBCluster', 'eu-west-1', { DBClusterIdentifier: 'prod-app-eu-old1', SkipFinalSnapshot: true }],
    [
      'RemoveFromGlobalCluster',
      'us-east-1',
      { GlobalClusterIdentifier: oldGlobal, DbClusterIdentifier: 'arn:aws:rds:us-east-1:123456789012:cluster:prod-app-old1' },
    ],
    ['DeleteGlobalCluster', 'us-east-1', { GlobalClusterIdentifier: oldGlobal }],
    ['DeleteDBInstance', 'us-east-1', { DBInstanceIdentifier: 'prod-app-1-old1' }],
    ['DeleteDBInstance', 'us-east-1', { DBInstanceIdentifier: 'prod-app-2-old1' }],
    ['DeleteDBInstance', 'us-east-1', { DBInstanceIdentifier: 'prod-app-analytics-old1' }],
    ['DeleteDBInstance', 'us-east-1', { DBInstanceIdentifier: 'prod-app-0-old1' }],
    [
      'DeleteDBCluster',
      'us-east-1',
      { DBClusterIdentifier: 'prod-app-old1', FinalDBSnapshotIdentifier: expect.stringMatching(/^prod-app-old1-final-[0-9a-f]{6}$/) },
    ],
  ]);
  const globals = await h.rds().send(new DescribeGlobalClustersCommand({}));
  expect(globals.GlobalClusters!.map((g) => g.GlobalClusterIdentifier)).toEqual(['prod-app-global']);
});

it('guard: a client still connected to the old environment stops the cleanup before anything is deleted', async () => {
  await h.switchOver('prod-app-pg16-upgrade');
  h.sim.control.injectFault({ type: 'client-connections', clusterId: 'prod-app-old1', connections: 12, durationSeconds: 86_400 });
  const result = await h.run('blue-green-rollback-and-cleanup.md', { deployment: 'prod-app-pg16-upgrade', mode: 'cleanup' });
  expect(result.code).toBe(1);
  expect(result.log).toMatch(/guard failed: the old environment prod-app-old1 still had up to 12 connections in the last 30 minutes/);
  expect(h.mutations()).toEqual([]);
  expect((await h.deployment('prod-app-pg16-upgrade'))!.Status).toBe('SWITCHOVER_COMPLETED');
});

it('guard: before a switchover there is nothing to clean up or roll back', async () => {
  const result = await h.run('blue-green-rollback-and-cleanup.md', { deployment: 'prod-app-pg16-upgrade', mode: 'cleanup' });
  expect(result.code).toBe(1);
  expect(result.log).toMatch(/guard failed: the deployment is AVAILABLE, not switched over/);
  expect(h.mutations()).toEqual([]);
});

// "Using Blue/Green Deployments for Amazon Aurora Global Database": the switchover moved the primary
// and every secondary region at once and renamed the global database; renames one region at a time
// cannot undo that without splitting production across versions.
it('guard: the primary of a Global Database is not rolled back by renames; nothing is changed', async () => {
  await h.switchOver('prod-app-pg16-upgrade');
  const result = await h.run('blue-green-rollback-and-cleanup.md', { deployment: 'prod-app-pg16-upgrade', mode: 'rollback' });
  expect(result.code).toBe(1);
  expect(result.log).toMatch(
    /guard failed: prod-app is the primary of Global Database prod-app-global: the switchover moved every region at once and renamed the global database \(the old one is prod-app-global-old1\)/,
  );
  expect(h.mutations()).toEqual([]);
  expect((await h.cluster('prod-app'))!.EngineVersion).toBe('16.4');
});

// The CDC checkpoint needs the old environment's SQL connection and a slot name; without them the
// run stops before the freeze, the approval or any AWS call.
it('guard: a CDC slot name that is not one (a flag, a quote, a newline) stops the rollback before anything changes', async () => {
  await h.createDeployment('billing-upgrade', 'billing-db', '16.4', 'default.aurora-postgresql16');
  await h.switchOver('billing-upgrade');
  h.sim.control.clearRequests();
  const flag = await h.run('blue-green-rollback-and-cleanup.md', {
    deployment: 'billing-upgrade',
    mode: 'rollback',
    cdc_slot: '--cdc"\nx',
  });
  expect(flag.code).toBe(1);
  expect(flag.log).toContain('cdc_slot must be a PostgreSQL replication slot name');
  expect(flag.outputs.rb_approve).toBeUndefined();
  expect(h.mutations()).toEqual([]);
});

it('guard: a CDC checkpoint without the connection old stops the rollback before anything changes', async () => {
  await h.createDeployment('billing-upgrade', 'billing-db', '16.4', 'default.aurora-postgresql16');
  await h.switchOver('billing-upgrade');
  h.sim.control.clearRequests();
  const result = await h.run('blue-green-rollback-and-cleanup.md', { deployment: 'billing-upgrade', mode: 'rollback', cdc_slot: 'cdc' });
  expect(result.code).toBe(1);
  expect(result.log).toContain("the CDC checkpoint creates the consumer's slot over the connection old");
  expect(result.events.filter((e) => e.type === 'approval')).toEqual([]);
  expect(h.mutations()).toEqual([]);
  expect((await h.deployment('billing-upgrade'))!.Status).toBe('SWITCHOVER_COMPLETED');
});
