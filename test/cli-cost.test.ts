/** `switchyard cost` against the simulator's demo fleet, as a user runs it. */
import { DescribeBlueGreenDeploymentsCommand, RDSClient, SwitchoverBlueGreenDeploymentCommand } from '@aws-sdk/client-rds';
import type { CostReport } from '@switchyard/core';
import { startSimulator } from '@switchyard/simulator';
import { cli } from './support/cli';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

let sim: Awaited<ReturnType<typeof startSimulator>>;

beforeEach(async () => {
  sim = await startSimulator({ port: 0, fleet: 'demo', timeScale: 100 });
});
afterEach(async () => {
  await sim.stop();
});

const args = () => ['--endpoint', sim.url, '--region', 'us-east-1'];
// The demo's green (3 × db.r6g.xlarge + 1 × db.r6g.large) was created 40 minutes before the simulator started.
const GREEN_PER_HOUR = 3 * 0.519 + 0.26;

it('shows the cost of the in-flight prod-app-pg16-upgrade and the fleet total', async () => {
  const result = await cli(['cost', ...args()]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/prod-app-green-\w+\s+green\s+prod-app-pg16-upgrade/);
  expect(result.stdout).toMatch(/\$1\.2\d\s+\$1\.82\s+\$43\.61/);
  expect(result.stdout).toMatch(/Fleet total: \$1\.2\d so far, \$1\.82\/hour, \$43\.61\/day/);
  expect(result.stdout).toMatch(/snapshot 2026-08/);
  expect(result.stdout).toMatch(/prod-app-pg16-upgrade: \$1\.2\d billed through/);
  expect(result.stdout).toMatch(/lags the usage by about 24 hours/);

  const json = await cli(['cost', '--json', ...args()]);
  const report = JSON.parse(json.stdout) as CostReport;
  const [env] = report.environments;
  expect(env).toMatchObject({ kind: 'green', migration: 'prod-app-pg16-upgrade', team: 'checkout', account: '123456789012' });
  const minutes = (Date.parse(report.generatedAt) - Date.parse(env.since)) / 60_000;
  expect(minutes).toBeGreaterThanOrEqual(40);
  // Billed per second (partial seconds round up): within a tenth of a cent of minutes × rate.
  expect(env.costSoFar).toBeCloseTo((minutes / 60) * GREEN_PER_HOUR, 3);
  expect(env.burnPerHour).toBeCloseTo(GREEN_PER_HOUR, 10);
  expect(env.prices.every((p) => p.date === '2026-08' && p.source.length > 0)).toBe(true);
  expect(report.fleet).toMatchObject({ environments: 1, costSoFar: env.costSoFar });
  expect(Array.isArray(report.actuals) && report.actuals[0].migration).toBe('prod-app-pg16-upgrade');

  const byTeam = await cli(['cost', '--by', 'team', ...args()]);
  expect(byTeam.stdout).toMatch(/By team:\n.*\n\s+checkout\s+1\s+\$1\.2\d/);
});

it('after the switchover reports the old blue and flags it once the grace period is over', async () => {
  const rds = new RDSClient({ region: 'us-east-1', endpoint: sim.url, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  const [d] = (await rds.send(new DescribeBlueGreenDeploymentsCommand({}))).BlueGreenDeployments!;
  await rds.send(new SwitchoverBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: d.BlueGreenDeploymentIdentifier }));
  for (let i = 0; i < 100; i++) {
    const [now] = (await rds.send(new DescribeBlueGreenDeploymentsCommand({}))).BlueGreenDeployments!;
    if (now.Status === 'SWITCHOVER_COMPLETED') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  rds.destroy();
  const result = await cli(['cost', '--json', '--grace-days', '0', ...args()]);
  const report = JSON.parse(result.stdout) as CostReport;
  expect(report.environments.map((e) => [e.clusterId, e.kind])).toEqual([['prod-app-old1', 'old-blue']]);
  // Counted from the switchover, not from the old blue's creation months ago.
  expect(report.environments[0].costSoFar).toBeLessThan(1);
  expect(report.findings.map((f) => [f.kind, f.clusterId])).toEqual([['old-environment-alive', 'prod-app-old1']]);
});
