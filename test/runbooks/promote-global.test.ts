/** promote-global.md end to end: planned switchover, the lag guard, and the unplanned failover behind two people. */
import { RunbookHarness } from '../support/runbook-harness';

let h: RunbookHarness;

beforeEach(async () => {
  h = await RunbookHarness.start(500);
});
afterEach(async () => {
  await h.close();
});

const params = { global_cluster: 'prod-app-global', target_cluster: 'prod-app-eu' };

async function members(region = 'us-east-1') {
  const global = await h.globalCluster('prod-app-global', region);
  return global.GlobalClusterMembers!.map((m) => [
    m.DBClusterArn!.split(':')[3],
    m.DBClusterArn!.split(':').pop(),
    m.IsWriter,
    m.SynchronizationStatus,
  ]);
}

it('planned switchover: prod-app-eu becomes the primary in eu-west-1 with a writer, prod-app a connected secondary', async () => {
  const result = await h.run('promote-global.md', params);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(await members()).toEqual(
    expect.arrayContaining([
      ['eu-west-1', 'prod-app-eu', true, 'connected'],
      ['us-east-1', 'prod-app', false, 'connected'],
    ]),
  );
  expect(result.outputs.verify).toMatchObject({ writer: 'prod-app-eu-1', region: 'eu-west-1', rpo: '0 (planned switchover)' });
  expect(await h.writer('prod-app-eu', 'eu-west-1')).toBe('prod-app-eu-1');
  expect(await h.writer('prod-app')).toBeUndefined();
  const mutations = h.mutations();
  expect(mutations.map((r) => [r.operation, r.region])).toEqual([['SwitchoverGlobalCluster', 'eu-west-1']]);
  // The lag guard asked CloudWatch in the secondary's region, where the lag is published.
  expect(h.sim.control.requests().some((r) => r.operation === 'DescribeAlarmsForMetric' && r.region === 'eu-west-1')).toBe(true);
});

it('guard: replication to the secondary is behind, its lag alarm fires, and the switchover is never sent', async () => {
  // A day of AWS time (under 3 min at ÷500): an hour was 7 s, gone before a loaded machine reached the guard.
  h.sim.control.injectFault({ type: 'replica-lag', clusterId: 'prod-app-eu', valueMs: 30_000, durationSeconds: 86_400 });
  const result = await h.run('promote-global.md', params);
  expect(result.code).toBe(1);
  expect(result.log).toMatch(
    /guard failed: global replication to prod-app-eu is behind: \["prod-app-eu-global-lag-high: Threshold Crossed/,
  );
  expect(h.mutations()).toEqual([]);
  expect((await h.globalCluster('prod-app-global')).GlobalClusterMembers!.find((m) => m.IsWriter)!.DBClusterArn).toMatch(/:prod-app$/);
});

it('region outage: the unplanned failover waits for a second person, who approves from another process; then eu-west-1 is primary', async () => {
  h.sim.control.injectFault({ type: 'region-outage', region: 'us-east-1' });
  const first = await h.run('promote-global.md', { ...params, mode: 'failover' }, { region: 'eu-west-1', approver: 'starter' });
  expect(first.code).toBe(3);
  expect(first.stderr).toMatch(/needs a second person/);
  const approval = first.events.find((e) => e.type === 'approval') as unknown as {
    stepId: string;
    request: { message: string; fourEyes: boolean };
  };
  expect(approval.stepId).toBe('approve_failover');
  expect(approval.request.fourEyes).toBe(true);
  expect(approval.request.message).toMatch(/^FAILOVER with data loss — promote prod-app-eu now\. .* LOST \(about \d+ s of writes\)/);
  expect(h.mutations()).toEqual([]);

  const self = await h.approve(first.runId!, 'root', 'eu-west-1');
  expect(self.code).toBe(1);
  expect(self.stderr).toMatch(/four eyes/);
  const second = await h.approve(first.runId!, 'bob', 'eu-west-1');
  expect(second.code).toBe(0);
  // --json: the approval's events, one JSON object per line, the last saying how the run rests.
  expect(second.events.filter((e) => e.type === 'run').at(-1)).toMatchObject({ status: 'succeeded' });

  const failover = h.mutations();
  expect(failover.map((r) => [r.operation, r.region, r.params.AllowDataLoss])).toEqual([['FailoverGlobalCluster', 'eu-west-1', true]]);
  expect(await members('eu-west-1')).toEqual(
    expect.arrayContaining([
      ['eu-west-1', 'prod-app-eu', true, 'connected'],
      ['us-east-1', 'prod-app', false, 'pending-resync'],
    ]),
  );
  expect(await h.writer('prod-app-eu', 'eu-west-1')).toBe('prod-app-eu-1');
});
