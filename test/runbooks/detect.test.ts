/** detect.md end to end: read-only triage classifies the scope of a problem from live state. */
import { eventually, RunbookHarness } from '../support/runbook-harness';

let h: RunbookHarness;

beforeEach(async () => {
  h = await RunbookHarness.start(500);
});
afterEach(async () => {
  await h.close();
});

it('a healthy cluster: scope none, exit 0, and nothing is changed', async () => {
  const result = await h.run('detect.md', { cluster: 'prod-app' });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.outputs.summary).toEqual({ scope: 'none', next: 'nothing to do' });
  expect(result.outputs.scope).toMatchObject({ status: 'available', writer: 'prod-app-0', unavailable: [], failover_target: 'prod-app-1' });
  expect(h.mutations()).toEqual([]);
});

it('an AZ outage: both instances of us-east-1a down, scope az, the writer already failed over; exit 1 points to the next runbook', async () => {
  h.sim.control.injectFault({ type: 'az-outage', region: 'us-east-1', availabilityZone: 'us-east-1a' });
  await eventually(async () => expect(await h.writer('prod-app')).toBe('prod-app-1'));
  const result = await h.run('detect.md', { cluster: 'prod-app' });
  expect(result.code).toBe(1);
  expect(result.outputs.scope).toMatchObject({
    scope: 'az',
    unavailable: ['prod-app-0', 'prod-app-analytics'],
    unavailable_azs: ['us-east-1a', 'us-east-1a'],
    writer: 'prod-app-1',
  });
  expect(result.outputs.scope.recent_events).toEqual(
    expect.arrayContaining(['Started cross AZ failover to DB instance: prod-app-1', 'Completed failover to DB instance: prod-app-1']),
  );
  expect(result.log).toMatch(/guard failed: the cluster needs attention/);
  expect(h.mutations()).toEqual([]);
});

it('one crashed reader: scope instance, rebuild-redundancy is the next runbook', async () => {
  h.sim.control.injectFault({ type: 'instance-crash', region: 'us-east-1', instanceId: 'prod-app-2', permanent: true });
  const result = await h.run('detect.md', { cluster: 'prod-app' });
  expect(result.code).toBe(1);
  expect(result.outputs.scope).toMatchObject({ scope: 'instance', unavailable: ['prod-app-2'], writer: 'prod-app-0' });
  const summary = result.events.find((e) => e.type === 'step' && e.stepId === 'summary' && e.status === 'failed');
  expect(summary).toBeDefined();
});

it('a region outage: the RDS API itself answers ServiceUnavailable and the triage stops at its first read', async () => {
  h.sim.control.injectFault({ type: 'region-outage', region: 'us-east-1' });
  const result = await h.run('detect.md', { cluster: 'prod-app' });
  expect(result.code).toBe(1);
  expect(result.log).toMatch(/could not read live state for the check: .*ServiceUnavailable|Service unavailable/);
  expect(result.outputs.scope).toBeUndefined();
});
