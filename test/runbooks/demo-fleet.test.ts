/**
 * The demo fleet is complete for every shipped runbook: each one runs on it as shipped, with no
 * hand-made alarm or tag, and ends the way the demo means it to (promote-global in both directions:
 * to eu-west-1 and back).
 */
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { cli, REPO } from '../support/cli';
import { RunbookHarness } from '../support/runbook-harness';

let h: RunbookHarness;

beforeEach(async () => {
  h = await RunbookHarness.start(500);
});
afterEach(async () => {
  await h.close();
});

const COVERED = [
  'blue-green-rollback-and-cleanup.md',
  'blue-green-switchover.md',
  'detect.md',
  'failover.md',
  'promote-global.md',
  'rebuild-redundancy.md',
];

it('covers every shipped runbook', () => {
  expect(
    readdirSync(path.join(REPO, 'runbooks'))
      .filter((f) => f.endsWith('.md'))
      .sort(),
  ).toEqual(COVERED);
});

it('detect, failover and rebuild-redundancy run on prod-app', async () => {
  const detect = await h.run('detect.md', { cluster: 'prod-app' });
  expect(detect.code).toBe(0);
  const failover = await h.run('failover.md', { cluster: 'prod-app' });
  expect(failover.stderr).toBe('');
  expect(failover.code).toBe(0);
  expect(await h.writer('prod-app')).not.toBe('prod-app-0');
  const rebuild = await h.run('rebuild-redundancy.md', { cluster: 'prod-app' });
  expect(rebuild.stderr).toBe('');
  expect(rebuild.code).toBe(0);
});

it('promote-global: the primary goes to eu-west-1 and back, each way guarded by the target region’s lag alarm', async () => {
  const primary = async () =>
    (await h.globalCluster('prod-app-global'))
      .GlobalClusterMembers!.find((m) => m.IsWriter)!
      .DBClusterArn!.split(':')
      .slice(3)
      .join(':');
  const there = await h.run('promote-global.md', { global_cluster: 'prod-app-global', target_cluster: 'prod-app-eu' });
  expect(there.stderr).toBe('');
  expect(there.code).toBe(0);
  expect(there.outputs.lag).toMatchObject({ alarms: ['prod-app-eu-global-lag-high OK'] });
  expect(await primary()).toBe('eu-west-1:123456789012:cluster:prod-app-eu');

  const back = await h.run('promote-global.md', { global_cluster: 'prod-app-global', target_cluster: 'prod-app' });
  expect(back.stderr).toBe('');
  expect(back.code).toBe(0);
  expect(back.outputs.lag).toMatchObject({ alarms: ['prod-app-global-lag-high OK'] });
  expect(await primary()).toBe('us-east-1:123456789012:cluster:prod-app');
  expect(await h.writer('prod-app')).toBeDefined();
  expect(h.mutations().map((r) => [r.operation, r.region])).toEqual([
    ['SwitchoverGlobalCluster', 'eu-west-1'],
    ['SwitchoverGlobalCluster', 'us-east-1'],
  ]);
});

it('blue/green: the demo deployment stops at its parameter drift; once switched over, rollback is refused (Global Database) and cleanup completes', async () => {
  const switchover = await h.run('blue-green-switchover.md', { deployment: 'prod-app-pg16-upgrade' });
  expect(switchover.code).toBe(1);
  expect(switchover.log).toMatch(/guard failed: parameters drift between blue and green: \["work_mem is 16384 on blue, 65536 on green"\]/);

  // A failed run keeps its lock on the deployment until the operator ends it.
  const abort = async (runId: string | undefined) =>
    expect((await cli(['abort', runId!, '--reason', 'guard refused; decided by hand', ...h.common()])).code).toBe(0);
  await abort(switchover.runId);
  await h.switchOver('prod-app-pg16-upgrade');
  const rollback = await h.run('blue-green-rollback-and-cleanup.md', { deployment: 'prod-app-pg16-upgrade', mode: 'rollback' });
  expect(rollback.stderr).toBe('');
  expect(rollback.code).toBe(1);
  expect(rollback.log).toMatch(/guard failed: prod-app is the primary of Global Database prod-app-global/);
  await abort(rollback.runId);
  const cleanup = await h.run('blue-green-rollback-and-cleanup.md', { deployment: 'prod-app-pg16-upgrade', mode: 'cleanup' });
  expect(cleanup.stderr).toBe('');
  expect(cleanup.code).toBe(0);
  expect(await h.clusterIds('eu-west-1')).toEqual(['prod-app-eu']);
  expect((await h.cluster('prod-app'))!.EngineVersion).toBe('16.4');
});
