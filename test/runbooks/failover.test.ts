/** failover.md end to end: a controlled failover, the guard on the target, and a failover that never finishes. */
import { RunbookHarness } from '../support/runbook-harness';

let h: RunbookHarness;

beforeEach(async () => {
  h = await RunbookHarness.start(500);
});
afterEach(async () => {
  await h.close();
});

it('fails prod-app over to the chosen reader: it is the writer, the old writer a reader, tiers untouched', async () => {
  const result = await h.run('failover.md', { cluster: 'prod-app', target: 'prod-app-2' });
  expect(result.code).toBe(0);
  expect(result.outputs.verify).toEqual({ writer: 'prod-app-2', readers: ['prod-app-0', 'prod-app-1', 'prod-app-analytics'] });
  const instances = await h.instances('prod-app');
  expect(instances.filter((i) => i.isWriter).map((i) => i.id)).toEqual(['prod-app-2']);
  expect(instances.map((i) => [i.id, i.tier, i.status])).toEqual([
    ['prod-app-0', 0, 'available'],
    ['prod-app-1', 1, 'available'],
    ['prod-app-2', 1, 'available'],
    ['prod-app-analytics', 15, 'available'],
  ]);
  expect(h.mutations().map((r) => [r.operation, r.params])).toEqual([
    ['FailoverDBCluster', { DBClusterIdentifier: 'prod-app', TargetDBInstanceIdentifier: 'prod-app-2' }],
  ]);
});

it('guard: a crashed reader is not a target; the run stops before anything is sent', async () => {
  h.sim.control.injectFault({ type: 'instance-crash', region: 'us-east-1', instanceId: 'prod-app-2', permanent: true });
  const result = await h.run('failover.md', { cluster: 'prod-app', target: 'prod-app-2' });
  expect(result.code).toBe(1);
  expect(result.log).toMatch(/guard failed: the chosen target prod-app-2 is not an available reader of this cluster/);
  expect(h.mutations()).toEqual([]);
  expect(await h.writer('prod-app')).toBe('prod-app-0');
});

it('fault: a failover that hangs fails the run at the wait timeout, sent once, never retried', async () => {
  h.sim.control.injectFault({ type: 'failover', mode: 'hang', clusterId: 'prod-app' });
  // 5 minutes of AWS time at ×500 is 0.6 s; a wait that took the 5 minutes would exceed the test's timeout.
  const result = await h.run('failover.md', { cluster: 'prod-app', target: 'prod-app-1' });
  expect(result.code).toBe(1);
  expect(result.log).toMatch(/wait timed out after 300 s \(÷500 time scale\)/);
  expect(h.mutations().map((r) => r.operation)).toEqual(['FailoverDBCluster']);
  expect((await h.cluster('prod-app'))!.Status).toBe('failing-over');
  expect(await h.writer('prod-app')).toBe('prod-app-0');
});
