/**
 * blue-green-switchover.md end to end: its guards (parameter drift, replica lag), the switchover
 * with AWS's own timeout, and the watch window whose alarm rolls production back by renames.
 */
import { RunbookHarness } from '../support/runbook-harness';

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

it('guard: the demo deployment drifts in work_mem; the guard names it and nothing is switched', async () => {
  const result = await h.run('blue-green-switchover.md', { deployment: 'prod-app-pg16-upgrade' });
  expect(result.code).toBe(1);
  expect(result.log).toMatch(/guard failed: parameters drift between blue and green: \["work_mem is 16384 on blue, 65536 on green"\]/);
  expect(result.events.find((e) => e.stepId === 'drift' && e.status === 'failed')).toBeDefined();
  expect(h.mutations()).toEqual([]);
  expect((await h.deployment('prod-app-pg16-upgrade'))!.Status).toBe('AVAILABLE');
});

it('switches a driftless deployment over: green carries the production names, blue is -old1, the deployment completed', async () => {
  const created = await billingUpgrade();
  const endpoint = (await h.cluster('billing-db'))!.Endpoint;
  const result = await h.run('blue-green-switchover.md', { deployment: 'billing-upgrade' });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.outputs.watch).toEqual({ version: '16.4' });
  // Without blue/green connections the data guards are skipped, and say so.
  expect(String(result.outputs.data_notice.data_guards)).toMatch(/^off: no blue\/green connections configured/);
  const skipped = result.events.filter((e) => e.type === 'step' && e.status === 'skipped').map((e) => e.stepId);
  expect(skipped).toEqual(['data_checksums', 'data_replay', 'data_settings', 'data_slots', 'data_lag']);
  const deployment = (await h.deployment('billing-upgrade'))!;
  expect(deployment.Status).toBe('SWITCHOVER_COMPLETED');
  expect(deployment.Source).toMatch(/:cluster:billing-db-old1$/);
  const prod = (await h.cluster('billing-db'))!;
  expect(prod).toMatchObject({ EngineVersion: '16.4', Endpoint: endpoint, DBClusterParameterGroup: 'default.aurora-postgresql16' });
  expect(await names('billing-db')).toEqual(['billing-db-0 (writer)', 'billing-db-1']);
  expect((await h.cluster('billing-db-old1'))!.EngineVersion).toBe('15.4');
  expect(await names('billing-db-old1')).toEqual(['billing-db-0-old1 (writer)', 'billing-db-1-old1']);
  expect(h.mutations().map((r) => [r.operation, r.params])).toEqual([
    ['SwitchoverBlueGreenDeployment', { BlueGreenDeploymentIdentifier: created.BlueGreenDeploymentIdentifier, SwitchoverTimeout: 300 }],
  ]);
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
  expect(h.mutations()).toEqual([]);
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
  // AWS undid it; the runbook's rollback did not run (it would find nothing to undo anyway).
  expect(h.mutations().map((r) => r.operation)).toEqual(['SwitchoverBlueGreenDeployment']);
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
  expect(h.mutations().map((r) => [r.operation, r.params.DBClusterIdentifier ?? r.params.DBInstanceIdentifier ?? ''])).toEqual([
    ['SwitchoverBlueGreenDeployment', ''],
    ['DeleteBlueGreenDeployment', ''],
    ['ModifyDBCluster', 'billing-db'],
    ['ModifyDBCluster', 'billing-db-old1'],
    ['ModifyDBInstance', 'billing-db-0'],
    ['ModifyDBInstance', 'billing-db-1'],
    ['ModifyDBInstance', 'billing-db-0-old1'],
    ['ModifyDBInstance', 'billing-db-1-old1'],
  ]);
  expect(result.outputs.rb_verify).toMatchObject({
    version: '15.4',
    writer: 'billing-db-0',
    rolled_back_environment: 'billing-db-rolled-back',
  });
});
