/**
 * blue-green-switchover.md end to end: its guards (parameter drift, replica lag), the switchover
 * with AWS's own timeout, and the watch window whose alarm rolls production back by renames.
 */
import { GetCostAndUsageCommand, CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import {
  DescribeEventsCommand,
  ListTagsForResourceCommand,
  ModifyDBClusterCommand,
  ModifyDBClusterParameterGroupCommand,
} from '@aws-sdk/client-rds';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CostReport } from '@switchyard/core';
import { cli } from '../support/cli';
import { RunbookHarness } from '../support/runbook-harness';
import { SIMULATOR_CREDENTIALS } from '@switchyard/core';

let h: RunbookHarness;

beforeEach(async () => {
  h = await RunbookHarness.start(500);
});
afterEach(async () => {
  await h.close();
});

/** A deployment without drift: billing-db (15.4) to 16.4 with the default 16 parameter group. */
const billingUpgrade = () => h.createDeployment('billing-upgrade', 'billing-db', '16.4', 'default.aurora-postgresql16');

const names = async (cluster: string) => (await h.instances(cluster)).map((i) => `${i.id}${i.isWriter ? ' (writer)' : ''}`);

const ARN = 'arn:aws:rds:us-east-1:123456789012';
/** The switchyard:* cost tags of a cluster (`cluster:<id>`) or an instance (`db:<id>`). */
async function costTags(resource: string): Promise<Record<string, string>> {
  const out = await h.rds().send(new ListTagsForResourceCommand({ ResourceName: `${ARN}:${resource}` }));
  return Object.fromEntries((out.TagList ?? []).filter((t) => t.Key!.startsWith('switchyard:')).map((t) => [t.Key!, t.Value!]));
}

/** The tagging calls of a run (one per region, every resource there in it), as [operation, resources, tags or tag keys]. */
const tagging = () =>
  h
    .mutations()
    .filter((r) => /^(Tag|Untag)Resources$/.test(r.operation))
    .map((r) => [
      r.operation,
      (r.params.ResourceARNList as string[]).map((arn) => arn.replace(`${ARN}:`, '')),
      r.params.Tags ?? r.params.TagKeys,
    ]);

/** The tag call that marks a deployment's green for cost allocation, before any guard. */
const greenTagging = (name: string, green: string[]) => [['TagResources', green, { 'switchyard:deployment': name }]];

it('guard: the demo deployment drifts in work_mem; the guard names it and nothing is switched', async () => {
  const result = await h.run('blue-green-switchover.md', { deployment: 'prod-app-pg16-upgrade' });
  expect(result.code).toBe(1);
  expect(result.log).toMatch(/guard failed: parameters drift between blue and green: \["work_mem is 16384 on blue, 65536 on green"\]/);
  expect(result.events.find((e) => e.stepId === 'drift' && e.status === 'failed')).toBeDefined();
  // Nothing but the green's cost tag, which goes on before the guards.
  const green = (await h.deployment('prod-app-pg16-upgrade'))!.Target!.split(':').pop()!;
  const suffix = green.replace('prod-app', '');
  // prod-app is a Global Database primary: its green has prod-app-eu's copy in eu-west-1, tagged
  // there: one TagResources call per region, each with that region's resources.
  expect(tagging()).toEqual([
    ...greenTagging('prod-app-pg16-upgrade', [
      `cluster:${green}`,
      `db:prod-app-0${suffix}`,
      `db:prod-app-1${suffix}`,
      `db:prod-app-2${suffix}`,
      `db:prod-app-analytics${suffix}`,
    ]),
    ...greenTagging('prod-app-pg16-upgrade', [
      `arn:aws:rds:eu-west-1:123456789012:cluster:prod-app-eu${suffix}`,
      `arn:aws:rds:eu-west-1:123456789012:db:prod-app-eu-1${suffix}`,
    ]),
  ]);
  expect(h.mutations().map((r) => r.region)).toEqual(['us-east-1', 'eu-west-1']);
  expect((await h.deployment('prod-app-pg16-upgrade'))!.Status).toBe('AVAILABLE');
});

it("fixing the work_mem drift as an operator would (ModifyDBClusterParameterGroup on green's group) lets the drift guard pass; the family-crossing shortcut is refused", async () => {
  const green = (await h.deployment('prod-app-pg16-upgrade'))!.Target!.split(':').pop()!;
  // The shortcut a rehearsal once took: put blue's PostgreSQL 15 group on the PostgreSQL 16 green. AWS refuses it.
  await expect(
    h
      .rds()
      .send(
        new ModifyDBClusterCommand({ DBClusterIdentifier: green, DBClusterParameterGroupName: 'prod-app-pg15', ApplyImmediately: true }),
      ),
  ).rejects.toMatchObject({ name: 'InvalidParameterCombination' });
  // The real fix: set work_mem on green's own group (aurora-postgresql16) to blue's value. work_mem is dynamic: immediate.
  await h.rds().send(
    new ModifyDBClusterParameterGroupCommand({
      DBClusterParameterGroupName: 'prod-app-pg16',
      Parameters: [{ ParameterName: 'work_mem', ParameterValue: '16384', ApplyMethod: 'immediate' }],
    }),
  );
  const result = await h.run('blue-green-switchover.md', { deployment: 'prod-app-pg16-upgrade' });
  expect(result.log).not.toMatch(/parameters drift/);
  expect(result.events.find((e) => e.type === 'step' && e.stepId === 'drift' && e.status === 'succeeded')).toBeDefined();
  expect(result.events.find((e) => e.type === 'step' && e.stepId === 'drift' && e.status === 'failed')).toBeUndefined();
});

it('switches a driftless deployment over: green carries the production names, blue is -old1, the deployment completed', async () => {
  const created = await billingUpgrade();
  const endpoint = (await h.cluster('billing-db'))!.Endpoint;
  const result = await h.run('blue-green-switchover.md', { deployment: 'billing-upgrade' });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.outputs.watch).toEqual({ version: '16.4' });
  // Without blue/green connections the data guards and the CDC checkpoint are skipped, and say so.
  expect(String(result.outputs.data_notice.data_guards)).toMatch(/^off: no blue\/green connections configured/);
  const skipped = result.events.filter((e) => e.type === 'step' && e.status === 'skipped').map((e) => e.stepId);
  expect(skipped).toEqual([
    'data_checksums',
    'data_replay',
    'data_settings',
    'data_slots',
    'data_lag',
    'maintenance_on',
    'rr_freeze',
    'cdc_check',
    'cdc_old',
    'cdc_new',
    'cdc_slot',
    'cdc_checkpoint',
    'rr_publication',
    'rr_slot',
    'rr_equal',
    'rr_subscription',
    'rr_follows',
    'rr_abandon',
    'rr_resume',
    'maintenance_off',
  ]);
  // Without a maintenance endpoint the maintenance steps are skipped, and say why…
  expect(result.log.match(/http block skipped: no maintenance endpoint configured/g)).toHaveLength(2);
  // …and so does reverse replication, before the switchover is approved.
  expect(result.outputs.rr_preflight).toEqual({ on: false, reason: 'no blue and green connections are configured here' });
  const deployment = (await h.deployment('billing-upgrade'))!;
  expect(deployment.Status).toBe('SWITCHOVER_COMPLETED');
  expect(deployment.Source).toMatch(/:cluster:billing-db-old1$/);
  const prod = (await h.cluster('billing-db'))!;
  expect(prod).toMatchObject({ EngineVersion: '16.4', Endpoint: endpoint, DBClusterParameterGroup: 'default.aurora-postgresql16' });
  expect(await names('billing-db')).toEqual(['billing-db-0 (writer)', 'billing-db-1']);
  expect((await h.cluster('billing-db-old1'))!.EngineVersion).toBe('15.4');
  expect(await names('billing-db-old1')).toEqual(['billing-db-0-old1 (writer)', 'billing-db-1-old1']);
  expect(h.mutations().map((r) => r.operation)).toEqual([
    'TagResources',
    'SwitchoverBlueGreenDeployment',
    'TagResources',
    'UntagResources',
  ]);
  expect(h.mutations().find((r) => r.operation === 'SwitchoverBlueGreenDeployment')!.params).toEqual({
    BlueGreenDeploymentIdentifier: created.BlueGreenDeploymentIdentifier,
    SwitchoverTimeout: 300,
  });

  // Cost tags: green was tagged before the guards; after the switchover the old environment takes
  // the migration's tag with its decommission date (switchover + 3 days), the new production drops it.
  const green = created.Target!.split(':').pop()!;
  const suffix = green.replace('billing-db', '');
  const decommissionBy = String(result.outputs.tag_plan.decommission_by);
  const old = { 'switchyard:deployment': 'billing-upgrade', 'switchyard:decommission-by': decommissionBy };
  expect(tagging()).toEqual([
    ...greenTagging('billing-upgrade', [`cluster:${green}`, `db:billing-db-0${suffix}`, `db:billing-db-1${suffix}`]),
    ['TagResources', ['cluster:billing-db-old1', 'db:billing-db-0-old1', 'db:billing-db-1-old1'], old],
    [
      'UntagResources',
      ['cluster:billing-db', 'db:billing-db-0', 'db:billing-db-1'],
      ['switchyard:deployment', 'switchyard:decommission-by'],
    ],
  ]);
  const events = await h.rds().send(
    new DescribeEventsCommand({
      SourceIdentifier: created.BlueGreenDeploymentIdentifier,
      SourceType: 'blue-green-deployment',
      Duration: 60,
    }),
  );
  const switchedAt = events.Events!.find((e) => e.Message!.startsWith('Switchover completed'))!.Date!;
  expect(decommissionBy).toBe(new Date(switchedAt.getTime() + 3 * 86_400_000).toISOString());
  for (const resource of ['cluster:billing-db-old1', 'db:billing-db-0-old1', 'db:billing-db-1-old1']) {
    expect(await costTags(resource)).toEqual({ 'switchyard:deployment': 'billing-upgrade', 'switchyard:decommission-by': decommissionBy });
  }
  for (const resource of ['cluster:billing-db', 'db:billing-db-0', 'db:billing-db-1']) expect(await costTags(resource)).toEqual({});
  // `switchyard cost` projects the old environment to the decommission date the runbook tagged.
  const cost = JSON.parse((await cli(['cost', '--json', '--no-actuals', '--prices', 'snapshot', ...h.common()])).stdout) as CostReport;
  expect(cost.environments.find((e) => e.clusterId === 'billing-db-old1')).toMatchObject({
    kind: 'old-blue',
    migration: 'billing-upgrade',
    projection: { until: decommissionBy, from: 'tag' },
  });

  // Cost Explorer follows the tags: from three whole hours ago until now the migration is billed the
  // old environment's two db.r6g.large instances and none of the new production's (green until
  // minutes ago, which would add its own instance-hours had it kept the tag).
  const ce = new CostExplorerClient({ region: 'us-east-1', endpoint: h.sim.url, credentials: SIMULATOR_CREDENTIALS });
  const HOUR = 3_600_000;
  const start = Math.floor(Date.now() / HOUR) * HOUR - 3 * HOUR;
  const at = (t: number) => `${new Date(t).toISOString().slice(0, 19)}Z`;
  const before = Date.now();
  const usage = await ce.send(
    new GetCostAndUsageCommand({
      TimePeriod: { Start: at(start), End: at(start + 5 * HOUR) },
      Granularity: 'HOURLY',
      Metrics: ['UsageQuantity'],
      Filter: { Tags: { Key: 'switchyard:deployment', Values: ['billing-upgrade'] } },
      GroupBy: [{ Type: 'DIMENSION', Key: 'USAGE_TYPE' }],
    }),
  );
  const after = Date.now();
  ce.destroy();
  const instanceHours = usage
    .ResultsByTime!.flatMap((r) => r.Groups ?? [])
    .filter((g) => g.Keys![0] === 'InstanceUsage:db.r6g.large')
    .reduce((a, g) => a + Number(g.Metrics!.UsageQuantity.Amount), 0);
  expect(instanceHours).toBeGreaterThanOrEqual((2 * (before - start)) / HOUR - 1e-6);
  expect(instanceHours).toBeLessThanOrEqual((2 * (after - start)) / HOUR + 1e-6);
});

it('guard: replica lag on green never drops under 1 s, the lag wait times out and the switchover is never sent', async () => {
  const created = await billingUpgrade();
  const green = created.Target!.split(':').pop()!;
  h.sim.control.injectFault({ type: 'replica-lag', clusterId: green, valueMs: 5_000, durationSeconds: 3_600 });
  const result = await h.run('blue-green-switchover.md', { deployment: 'billing-upgrade' });
  expect(result.code).toBe(1);
  expect(result.log).toMatch(
    /wait timed out after 1200 s \(÷500 time scale\): condition not met: lag.latest != null && lag.latest < double\(max_lag_ms\)/,
  );
  expect(h.mutations().map((r) => r.operation)).toEqual(['TagResources']);
  expect((await h.deployment('billing-upgrade'))!.Status).toBe('AVAILABLE');
});

it('fault: the switchover overruns its timeout; AWS rolls it back, the deployment is SWITCHOVER_FAILED and the run failed', async () => {
  await billingUpgrade();
  h.sim.control.injectFault({ type: 'blue-green-timeout' });
  const result = await h.run('blue-green-switchover.md', { deployment: 'billing-upgrade' });
  expect(result.code).toBe(1);
  expect(result.log).toMatch(/guard failed: the switchover did not complete \(SWITCHOVER_FAILED: Switchover was canceled and rolled back/);
  const deployment = (await h.deployment('billing-upgrade'))!;
  expect(deployment.Status).toBe('SWITCHOVER_FAILED');
  expect((await h.cluster('billing-db'))!.EngineVersion).toBe('15.4');
  expect(await h.clusterIds()).not.toContain('billing-db-old1');
  // AWS undid it; the runbook's rollback did not run (it would find nothing to undo anyway), and
  // the tags stayed where they were: on green.
  expect(h.mutations().map((r) => r.operation)).toEqual(['TagResources', 'SwitchoverBlueGreenDeployment']);
});

it('an alarm during the watch window rolls back automatically: the old environment has the production names again (exit 5)', async () => {
  await billingUpgrade();
  let injected = false;
  const result = await h.run(
    'blue-green-switchover.md',
    { deployment: 'billing-upgrade' },
    {
      onEvent: (event) => {
        if (!injected && event.type === 'step' && event.stepId === 'watch' && event.status === 'waiting') {
          injected = true;
          h.sim.control.injectFault({ type: 'replica-lag', clusterId: 'billing-db', valueMs: 5_000, durationSeconds: 600 });
        }
      },
    },
  );
  expect(injected).toBe(true);
  expect(result.code).toBe(5);
  expect(result.log).toMatch(/guard failed: an alarm fired on the new production/);
  expect(result.events.find((e) => e.type === 'run' && e.status === 'rolled-back')).toBeDefined();

  const prod = (await h.cluster('billing-db'))!;
  expect(prod.EngineVersion).toBe('15.4');
  expect(await names('billing-db')).toEqual(['billing-db-0 (writer)', 'billing-db-1']);
  expect((await h.cluster('billing-db-rolled-back'))!.EngineVersion).toBe('16.4');
  expect(await names('billing-db-rolled-back')).toEqual(['billing-db-0-rolled-back (writer)', 'billing-db-1-rolled-back']);
  expect(await h.clusterIds()).not.toContain('billing-db-old1');
  expect(await h.deployment('billing-upgrade')).toBeUndefined();
  const renames = h.mutations().filter((r) => !/^(Tag|Untag)Resources$/.test(r.operation));
  expect(renames.map((r) => [r.operation, r.params.DBClusterIdentifier ?? r.params.DBInstanceIdentifier ?? ''])).toEqual([
    ['SwitchoverBlueGreenDeployment', ''],
    ['DeleteBlueGreenDeployment', ''],
    ['ModifyDBCluster', 'billing-db'],
    ['ModifyDBCluster', 'billing-db-old1'],
    ['ModifyDBInstance', 'billing-db-0'],
    ['ModifyDBInstance', 'billing-db-1'],
    ['ModifyDBInstance', 'billing-db-0-old1'],
    ['ModifyDBInstance', 'billing-db-1-old1'],
  ]);
  // Cost tags after the rollback: production (the old environment again) carries none, the
  // rolled-back environment keeps the migration's tag (tagged on green before the guards, again after).
  expect(tagging().slice(1)).toEqual([
    [
      'UntagResources',
      ['cluster:billing-db', 'db:billing-db-0', 'db:billing-db-1'],
      ['switchyard:deployment', 'switchyard:decommission-by'],
    ],
    [
      'TagResources',
      ['cluster:billing-db-rolled-back', 'db:billing-db-0-rolled-back', 'db:billing-db-1-rolled-back'],
      { 'switchyard:deployment': 'billing-upgrade' },
    ],
  ]);
  expect(await costTags('cluster:billing-db')).toEqual({});
  expect(await costTags('db:billing-db-1-rolled-back')).toEqual({ 'switchyard:deployment': 'billing-upgrade' });
  expect(result.outputs.rb_verify).toMatchObject({
    version: '15.4',
    writer: 'billing-db-0',
    rolled_back_environment: 'billing-db-rolled-back',
  });
});

/**
 * A services' maintenance endpoint on 127.0.0.1: records each request with the deployment's
 * status at the moment it arrived (what the services would have seen), and answers as documented.
 */
async function maintenanceEndpoint(deployment: string) {
  const seen: Array<{ method: string; url: string; authorization?: string; maintenance: unknown; deploymentStatus?: string }> = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', async () => {
      const { maintenance } = JSON.parse(body || '{}') as { maintenance?: unknown };
      const deploymentStatus = (await h.deployment(deployment))?.Status;
      seen.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization, maintenance, deploymentStatus });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ maintenance }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/admin`;
  const close = () => new Promise((resolve) => server.close(resolve));
  return { url, seen, close };
}

const MAINTENANCE_TOKEN = 'maint-7d1e0c9b8a';
const trustHttp = { extraArgs: ['--trust-http'], env: { SWITCHYARD_SECRET_MAINTENANCE_TOKEN: MAINTENANCE_TOKEN } };
/** Every byte of the run store. */
const storedRuns = () =>
  readdirSync(path.join(h.store, 'runs'))
    .map((f) => readFileSync(path.join(h.store, 'runs', f), 'utf8'))
    .join('\n');

it('maintenance mode: services pause writes before the switchover and resume after it completed', async () => {
  await billingUpgrade();
  const endpoint = await maintenanceEndpoint('billing-upgrade');
  try {
    const result = await h.run('blue-green-switchover.md', { deployment: 'billing-upgrade', maintenance_url: endpoint.url }, trustHttp);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(endpoint.seen).toEqual([
      {
        method: 'PUT',
        url: '/admin/maintenance',
        authorization: `Bearer ${MAINTENANCE_TOKEN}`,
        maintenance: true,
        deploymentStatus: 'AVAILABLE',
      },
      {
        method: 'PUT',
        url: '/admin/maintenance',
        authorization: `Bearer ${MAINTENANCE_TOKEN}`,
        maintenance: false,
        deploymentStatus: 'SWITCHOVER_COMPLETED',
      },
    ]);
    expect(result.outputs.maintenance_on).toEqual({ status: 200, json: { maintenance: true } });
    expect(storedRuns()).not.toContain(MAINTENANCE_TOKEN);
  } finally {
    await endpoint.close();
  }
});

it('maintenance mode: a switchover that fails leaves the run failed; rolling it back turns maintenance mode off', async () => {
  await billingUpgrade();
  const endpoint = await maintenanceEndpoint('billing-upgrade');
  try {
    h.sim.control.injectFault({ type: 'blue-green-timeout' });
    const result = await h.run('blue-green-switchover.md', { deployment: 'billing-upgrade', maintenance_url: endpoint.url }, trustHttp);
    expect(result.code).toBe(1);
    expect(endpoint.seen.map((s) => s.maintenance)).toEqual([true]);
    const rolledBack = await cli(['rollback', result.runId!, '--reason', 'switchover failed', '--trust-http', ...h.common()], {
      SWITCHYARD_SECRET_MAINTENANCE_TOKEN: MAINTENANCE_TOKEN,
    });
    expect(rolledBack.stderr).toBe('');
    expect(endpoint.seen.map((s) => [s.maintenance, s.deploymentStatus])).toEqual([
      [true, 'AVAILABLE'],
      [false, 'SWITCHOVER_FAILED'],
    ]);
  } finally {
    await endpoint.close();
  }
});
