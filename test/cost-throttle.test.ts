/**
 * The cost report under a CloudWatch throttle (the simulator's token bucket and rate faults on
 * GetMetricData, answered as AWS does: ThrottlingException, 400): batched reads lose nothing, and
 * what CloudWatch refuses through every retry is listed, never priced as a silent $0 — the CLI
 * says which figures are missing and exits 6.
 */
import { fetchCostReport, SdkAwsGateway, type CostReport } from '@switchyard/core';
import { startSimulator, type RunningSimulator } from '@switchyard/simulator';
import { cli } from './support/cli';

let sim: RunningSimulator;
afterEach(async () => {
  await sim.stop();
});

const metricCalls = () => sim.control.requests().filter((r) => r.operation === 'GetMetricData');

it('under a tight GetMetricData throttle every green of 500 clusters keeps its storage and I/O', async () => {
  // 2 requests a second per region: 25 times below CloudWatch's default quota. Small batches
  // (30 queries) force ~13 requests in us-east-1, so some are throttled and must be retried.
  sim = await startSimulator({
    fleet: 'demo',
    extraClusters: 500,
    throttle: { service: 'monitoring', operation: 'GetMetricData', requestsPerSecond: 2, burst: 2 },
  });
  const aws = new SdkAwsGateway({ region: 'us-east-1', endpoint: sim.url });
  try {
    const report = await fetchCostReport(aws, Date.now(), { actuals: false, prices: 'snapshot', metricReads: { maxQueries: 30 } });
    const greens = report.environments.filter((e) => e.kind === 'green');
    // Every 4th generated cluster has a deployment, plus the demo's green in each of its two regions.
    expect(greens).toHaveLength(125 + 2);
    expect(metricCalls().some((c) => c.errorCode === 'ThrottlingException')).toBe(true);
    expect(greens.filter((g) => !g.storage || !g.io).map((g) => g.clusterId)).toEqual([]);
    expect(report).toMatchObject({ missing: [], partial: false });
    // Every query the report sent had a valid Id, unique in its request, at most 30 a request.
    for (const call of metricCalls().filter((c) => c.status === 200)) {
      const ids = (call.params.MetricDataQueries as Array<{ Id: string }>).map((q) => q.Id);
      expect(ids.length).toBeLessThanOrEqual(30);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.every((id) => /^[a-z][a-zA-Z0-9_]*$/.test(id))).toBe(true);
    }
  } finally {
    aws.destroy();
  }
});

it('when CloudWatch throttles every request, `switchyard cost` lists each missing figure and exits 6', async () => {
  sim = await startSimulator({ fleet: 'demo', throttle: { service: 'monitoring', operation: 'GetMetricData', rate: 1 } });
  const args = ['--endpoint', sim.url, '--region', 'us-east-1', '--prices', 'snapshot', '--no-actuals'];

  // Both at once: each waits out every retry (about 40 s).
  const [json, text] = await Promise.all([cli(['cost', '--json', ...args]), cli(['cost', ...args])]);
  expect(json.code).toBe(6);
  expect(json.stderr).toMatch(/^partial: 4 figures missing: the totals are a lower bound\. See "missing" in the report\.\n$/);
  const report = JSON.parse(json.stdout) as CostReport;
  expect(report.partial).toBe(true);
  // The demo's two greens (us-east-1, eu-west-1), each without storage and I/O, and each one listed.
  expect(report.missing.map((m) => `${m.region} ${m.clusterId.replace(/-green-\w+$/, '-green')} ${m.figure} ${m.reason}`).sort()).toEqual([
    'eu-west-1 prod-app-eu-green io throttled',
    'eu-west-1 prod-app-eu-green storage throttled',
    'us-east-1 prod-app-green io throttled',
    'us-east-1 prod-app-green storage throttled',
  ]);
  for (const e of report.environments) {
    expect(e.storage).toBeNull();
    expect(e.missing.map((m) => m.figure).sort()).toEqual(['io', 'storage']);
  }
  expect(report.missing[0].detail).toMatch(/throttled GetMetricData through 3 tries.*Rate exceeded/);

  expect(text.code).toBe(6);
  expect(text.stdout).toMatch(/Fleet total: \$\d+\.\d\d so far, .* projected \(partial: 4 figures missing: at least this much\)\n/);
  expect(text.stdout).toMatch(/Missing figures \(4; counted as nothing in the totals above\):\n(?: {2}! .*\n){4}/);
  expect(text.stdout).toMatch(/ {2}! storage of prod-app-green-\w+ \(us-east-1\): CloudWatch throttled GetMetricData/);
  expect(text.stdout).toMatch(/prod-app-green-\w+\s+green .*MISSING\s+MISSING\n/);
  expect(text.stderr).toMatch(/partial: 4 figures missing.*See "Missing figures" above/);
}, 120_000);
