/** `switchyard cost` against the simulator's demo fleet, as a user runs it. */
import { DescribeBlueGreenDeploymentsCommand, RDSClient, SwitchoverBlueGreenDeploymentCommand } from '@aws-sdk/client-rds';
import type { CostReport } from '@switchyard/core';
import { startSimulator } from '@switchyard/simulator';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from './support/cli';
import { SIMULATOR_CREDENTIALS } from '@switchyard/core';

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
  // Compute $1.817/h, 200 GB at $0.10/GB-month = $0.027/h, I/O ≈ 79,200 requests/h at $0.20/M = $0.016/h.
  expect(result.stdout).toMatch(/\$1\.2\d\s+\$1\.8[56]\s+\$44\.\d\d/);
  // prod-app is a Global Database primary: its green has a copy of prod-app-eu in eu-west-1, which
  // Cost Explorer bills to the migration too, so the report looks there as well.
  expect(result.stdout).toMatch(/^Parallel environments \(us-east-1,eu-west-1\)/);
  expect(result.stdout).toMatch(/prod-app-eu-green-\w+\s+green\s+prod-app-pg16-upgrade/);
  expect(result.stdout).toMatch(/Prices \(on-demand\):\n {2}AWS Price List API \(GetProducts, us-east-1\), \d{4}-\d{2}-\d{2}\n/);
  expect(result.stdout).toMatch(/storage of greens' and clones' own copy-on-write volumes \(VolumeBytesUsed\)/);
  expect(result.stdout).toMatch(/prod-app-pg16-upgrade: \$\d+\.\d\d billed through/);
  expect(result.stdout).toMatch(/lags the usage by about 24 hours/);

  const json = await cli(['cost', '--json', ...args()]);
  const report = JSON.parse(json.stdout) as CostReport;
  const env = report.environments.find((e) => e.region === 'us-east-1')!;
  const euEnv = report.environments.find((e) => e.region === 'eu-west-1')!;
  expect(euEnv).toMatchObject({
    kind: 'green',
    migration: 'prod-app-pg16-upgrade',
    clusterId: expect.stringMatching(/^prod-app-eu-green-/),
  });
  // One db.r6g.xlarge in eu-west-1 (10 % dearer in the simulator's price list).
  expect(euEnv.computePerHour).toBeCloseTo(0.519 * 1.1, 10);
  expect(env).toMatchObject({ kind: 'green', migration: 'prod-app-pg16-upgrade', team: 'checkout', account: '123456789012' });
  const minutes = (Date.parse(report.generatedAt) - Date.parse(env.since)) / 60_000;
  expect(minutes).toBeGreaterThanOrEqual(40);
  // Billed per second (partial seconds round up): within a tenth of a cent of minutes × rate.
  expect(env.compute).toBeCloseTo((minutes / 60) * GREEN_PER_HOUR, 3);
  expect(env.computePerHour).toBeCloseTo(GREEN_PER_HOUR, 10);
  expect(env.prices.map((p) => [p.instanceClass, p.usdPerHour, p.source])).toEqual([
    ['db.r6g.xlarge', 0.519, 'AWS Price List API (GetProducts, us-east-1)'],
    ['db.r6g.large', 0.26, 'AWS Price List API (GetProducts, us-east-1)'],
  ]);
  expect(report.price.source).toBe('AWS Price List API (GetProducts, us-east-1)');
  expect(report.priceNotes).toEqual([]);
  // Storage and I/O of the green's own volume, from the simulator's CloudWatch.
  expect(env).toMatchObject({ storage: { gb: 200 }, storageConfig: 'standard' });
  expect(env.storage!.usdPerHour).toBeCloseTo((200 * 0.1) / 730, 10);
  expect(env.io!.usdPerHour).toBeGreaterThan(0.5 * 0.0158);
  expect(env.io!.usdPerHour).toBeLessThan(1.2 * 0.0158);
  expect(env.costSoFar).toBeCloseTo(env.compute + env.storage!.usd + env.io!.usd, 10);
  expect(env.burnPerHour).toBeCloseTo(GREEN_PER_HOUR + env.storage!.usdPerHour + env.io!.usdPerHour, 10);
  expect(report.fleet.environments).toBe(2);
  expect(report.fleet.costSoFar).toBeCloseTo(env.costSoFar + euEnv.costSoFar, 10);
  expect(Array.isArray(report.actuals) && report.actuals[0].migration).toBe('prod-app-pg16-upgrade');
  // The estimate of both regions lands on what Cost Explorer bills for the tag.
  const billed = Array.isArray(report.actuals) ? report.actuals[0].totalUsd : 0;
  expect(Math.abs(report.fleet.costSoFar - billed) / billed).toBeLessThan(0.01);

  const byTeam = await cli(['cost', '--by', 'team', ...args()]);
  expect(byTeam.stdout).toMatch(/By team:\n.*\n\s+checkout\s+2\s+\$\d+\.\d\d/);
});

it('--prices snapshot uses the bundled prices; --price-cache keeps Price List answers in a file', async () => {
  const snapshot = await cli(['cost', '--prices', 'snapshot', '--no-actuals', ...args()]);
  expect(snapshot.code).toBe(0);
  expect(snapshot.stdout).toMatch(/Prices \(on-demand\):\n {2}bundled snapshot: .*, 2026-08\n/);
  expect(snapshot.stdout).not.toMatch(/AWS Price List API/);

  const dir = mkdtempSync(path.join(os.tmpdir(), 'cli-cost-'));
  try {
    const file = path.join(dir, 'prices.json');
    const cached = await cli(['cost', '--price-cache', file, '--no-actuals', ...args()]);
    expect(cached.code).toBe(0);
    const entries = Object.keys((JSON.parse(readFileSync(file, 'utf8')) as { entries: object }).entries);
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((k) => k.startsWith(`${sim.url}|AmazonRDS|`))).toBe(true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const bad = await cli(['cost', '--prices', 'live', ...args()]);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/--prices must be one of api, snapshot/);
});

it('after the switchover reports the old blue and flags it once the grace period is over', async () => {
  const rds = new RDSClient({ region: 'us-east-1', endpoint: sim.url, credentials: SIMULATOR_CREDENTIALS });
  const [d] = (await rds.send(new DescribeBlueGreenDeploymentsCommand({}))).BlueGreenDeployments!;
  await rds.send(new SwitchoverBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: d.BlueGreenDeploymentIdentifier }));
  // Generous deadline: the 0.6 s switchover (÷100) may take much longer on a loaded machine.
  for (const deadline = Date.now() + 45_000; ;) {
    const [now] = (await rds.send(new DescribeBlueGreenDeploymentsCommand({}))).BlueGreenDeployments!;
    if (now.Status === 'SWITCHOVER_COMPLETED') break;
    if (Date.now() > deadline) throw new Error(`the switchover did not complete: ${now.Status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  rds.destroy();
  const result = await cli(['cost', '--json', '--grace-days', '0', ...args()]);
  const report = JSON.parse(result.stdout) as CostReport;
  // The Global Database's old environment has a cluster in each region.
  expect(report.environments.map((e) => [e.region, e.clusterId, e.kind])).toEqual([
    ['us-east-1', 'prod-app-old1', 'old-blue'],
    ['eu-west-1', 'prod-app-eu-old1', 'old-blue'],
  ]);
  // Counted from the switchover, not from the old blue's creation months ago.
  for (const env of report.environments) expect(env.costSoFar).toBeLessThan(1);
  expect(report.findings.map((f) => [f.kind, f.clusterId])).toEqual([
    ['old-environment-alive', 'prod-app-old1'],
    ['old-environment-alive', 'prod-app-eu-old1'],
  ]);
});
