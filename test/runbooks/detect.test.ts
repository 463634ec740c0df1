/** detect.md end to end: read-only triage classifies the scope of a problem from live state. */
import { cli } from '../support/cli';
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
  expect(result.outputs.summary).toEqual({
    scope: 'none',
    down: [],
    in_alarm: [],
    next: 'nothing to do: every instance is up and no alarm fires',
  });
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
  expect(result.outputs.summary.next).toMatch(/^the AZ us-east-1a is down: failover.md .*then rebuild-redundancy.md/);
  expect(result.log).toMatch(/guard failed: the cluster needs attention \(scope: az\)\. Next: the AZ us-east-1a is down/);
  expect(h.mutations()).toEqual([]);
});

it('one crashed reader: scope instance, rebuild-redundancy is the next runbook', async () => {
  h.sim.control.injectFault({ type: 'instance-crash', region: 'us-east-1', instanceId: 'prod-app-2', permanent: true });
  const result = await h.run('detect.md', { cluster: 'prod-app' });
  expect(result.code).toBe(1);
  expect(result.outputs.scope).toMatchObject({ scope: 'instance', unavailable: ['prod-app-2'], writer: 'prod-app-0' });
  // The advice is there exactly when there is a problem: the summary succeeds, the verdict fails after it.
  expect(result.outputs.summary).toMatchObject({ scope: 'instance', down: ['prod-app-2'] });
  expect(result.outputs.summary.next).toBe('rebuild-redundancy.md to replace prod-app-2 (the writer prod-app-0 is up)');
  const verdict = result.events.find((e) => e.type === 'step' && e.stepId === 'verdict' && e.status === 'failed');
  expect(verdict).toBeDefined();
});

it("in a terminal, prints each step's outputs and the next runbook, with the failing verdict", async () => {
  h.sim.control.injectFault({ type: 'instance-crash', region: 'us-east-1', instanceId: 'prod-app-2', permanent: true });
  const result = await cli(['run', 'runbooks/detect.md', '--param', 'cluster=prod-app', ...h.common()]);
  expect(result.code).toBe(1);
  expect(result.stdout).toMatch(/✔ \[1\/5\] Look at the cluster.*\n( {4}.*\n)* {4}scope: instance\n/);
  expect(result.stdout).toMatch(/\n {4}unavailable: \["prod-app-2"\]\n/);
  expect(result.stdout).toMatch(/✔ \[4\/5\] Say what to do next.*\n( {4}.*\n)* {4}next: rebuild-redundancy.md to replace prod-app-2/);
  expect(result.stdout).toMatch(
    /✖ \[5\/5\] Verdict.*\n {4}guard failed: the cluster needs attention \(scope: instance\)\. Next: rebuild-redundancy.md/,
  );
});

it('a region outage: the RDS API itself answers ServiceUnavailable; the triage still ends saying what to run next', async () => {
  h.sim.control.injectFault({ type: 'region-outage', region: 'us-east-1' });
  const result = await h.run('detect.md', { cluster: 'prod-app' });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(1);
  expect(result.outputs.scope).toMatchObject({ scope: 'unreadable', status: 'unreadable', read_error: { code: 'ServiceUnavailable' } });
  expect(result.outputs.summary.next).toMatch(
    /^the RDS API of this region does not answer \(ServiceUnavailable\): treat it as a region outage .* promote-global.md with mode=failover and --region of the secondary$/,
  );
  expect(result.log).toMatch(
    /guard failed: the cluster needs attention \(scope: unreadable\)\. Next: the RDS API of this region does not answer/,
  );
});

it('credentials AWS refuses: RDS is unreadable, and the triage says to fix them and run it again (in a terminal too)', async () => {
  const env = { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'not-the-secret' };
  const result = await h.run('detect.md', { cluster: 'prod-app' }, { env });
  expect(result.code).toBe(1);
  expect(result.outputs.scope).toMatchObject({ scope: 'unreadable', read_error: { code: 'InvalidClientTokenId' } });
  expect(result.outputs.summary.next).toMatch(
    /^RDS could not be read \(InvalidClientTokenId: .*\) — AWS does not accept these credentials: check the profile or keys in use; fix that, then run detect.md again$/,
  );
  const terminal = await cli(['run', 'runbooks/detect.md', '--param', 'cluster=prod-app', ...h.common()], env);
  expect(terminal.code).toBe(1);
  expect(terminal.stdout).toMatch(/\n {4}next: RDS could not be read \(InvalidClientTokenId/);
  expect(terminal.stdout).toMatch(
    /✖ \[5\/5\] Verdict.*\n {4}guard failed: the cluster needs attention \(scope: unreadable\)\. Next: RDS could not be read/,
  );
});

it('a cluster name that does not exist: says so, and what to check', async () => {
  const result = await h.run('detect.md', { cluster: 'prod-ap' });
  expect(result.code).toBe(1);
  expect(result.outputs.summary.next).toBe(
    'there is no cluster prod-ap in this region: check the name and --region, then run detect.md again',
  );
});
