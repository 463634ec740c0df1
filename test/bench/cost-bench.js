#!/usr/bin/env node
/**
 * yarn bench:cost — the cost report's CloudWatch reads at fleet scale, under a CloudWatch
 * throttle: a simulator with the demo account plus N generated clusters (every 4th has a ready
 * blue/green deployment, so 1,250 clusters give ~313 greens), GetMetricData limited to
 * --rps requests per second per region (the simulator's token bucket; 50 is CloudWatch's default
 * GetMetricData quota per Region), and one `fetchCostReport` through the SDK gateway, as the CLI
 * runs it. Prints GetMetricData calls made, how many were throttled, the figures the report
 * should have (storage of each green/clone, I/O of each Aurora Standard environment), how many are
 * absent, how many of those the report lists in `missing` (absent and unlisted = silently lost),
 * and the wall time (median of --repeat).
 * Flags: --clusters N (1250), --rps N (50), --repeat K (3), --compare (also runs the old shape in
 * the same process and load: requests of 3 queries, about one per environment, all at once, only
 * the SDK's retries — an emulation of the per-environment reads this replaced, whose losses the
 * new report now lists instead of dropping).
 * One machine, one run: read the figures as such.
 */
const { parseArgs } = require('node:util');
const { fetchCostReport, SdkAwsGateway } = require('@switchyard/core');
const { startSimulator } = require('@switchyard/simulator');

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const { values } = parseArgs({
  options: {
    clusters: { type: 'string', default: '1250' },
    rps: { type: 'string', default: '50' },
    repeat: { type: 'string', default: '3' },
    compare: { type: 'boolean', default: false },
  },
});

/** Storage and I/O figures a report should carry, and which of them are absent. */
function figures(report) {
  let wanted = 0;
  let absent = 0;
  for (const e of report.environments) {
    if (e.kind !== 'old-blue') {
      wanted += 1;
      if (!e.storage) absent += 1;
    }
    if (e.storageConfig === 'standard') {
      wanted += 1;
      if (!e.io) absent += 1;
    }
  }
  const listed = (report.missing ?? []).filter((m) => m.figure === 'storage' || m.figure === 'io').length;
  return { wanted, absent, listed };
}

/** The old shape, emulated: ~one request per environment, all in flight at once, no retry beyond the SDK's. */
const PER_ENVIRONMENT = { maxQueries: 3, concurrency: 100_000, attempts: 1 };

async function once(clusters, rps, metricReads) {
  const sim = await startSimulator({
    fleet: 'demo',
    extraClusters: clusters,
    throttle: { service: 'monitoring', operation: 'GetMetricData', requestsPerSecond: rps },
  });
  const aws = new SdkAwsGateway({ region: 'us-east-1', endpoint: sim.url });
  try {
    sim.control.clearRequests();
    const start = process.hrtime.bigint();
    const report = await fetchCostReport(aws, Date.now(), { actuals: false, prices: 'snapshot', metricReads });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const calls = sim.control.requests().filter((r) => r.operation === 'GetMetricData');
    const f = figures(report);
    return {
      ms,
      environments: report.environments.length,
      calls: calls.length,
      throttled: calls.filter((c) => c.errorCode === 'ThrottlingException' || c.errorCode === 'Throttling').length,
      ...f,
      silent: f.absent - Math.min(f.absent, f.listed),
      partial: report.partial === true,
    };
  } finally {
    aws.destroy();
    await sim.stop();
  }
}

function print(title, runs) {
  runs.sort((a, b) => a.ms - b.ms);
  const median = runs[Math.floor(runs.length / 2)];
  console.log(`\n${title}`);
  console.log('run  envs  GetMetricData calls  throttled  figures wanted  absent  listed missing  silently lost  partial  wall');
  runs.forEach((r, i) =>
    console.log(
      `${String(i + 1).padStart(3)}  ${String(r.environments).padStart(4)}  ${String(r.calls).padStart(19)}  ${String(r.throttled).padStart(9)}  ${String(r.wanted).padStart(14)}  ${String(r.absent).padStart(6)}  ${String(r.listed).padStart(14)}  ${String(r.silent).padStart(13)}  ${String(r.partial).padStart(7)}  ${(r.ms / 1000).toFixed(2)} s`,
    ),
  );
  console.log(
    `median wall ${(median.ms / 1000).toFixed(2)} s; ${(median.environments / Math.max(1, median.calls)).toFixed(1)} environments per GetMetricData call`,
  );
  return median;
}

async function main() {
  const clusters = Number(values.clusters);
  const rps = Number(values.rps);
  console.log(`clusters ${clusters} (+ demo fleet), GetMetricData throttled above ${rps} req/s`);
  const batched = [];
  const old = [];
  for (let i = 0; i < Number(values.repeat); i++) {
    batched.push(await once(clusters, rps));
    if (values.compare) old.push(await once(clusters, rps, PER_ENVIRONMENT));
  }
  const after = print('batched (this code)', batched);
  if (values.compare) {
    const before = print('per-environment shape (emulated)', old);
    console.log(
      `\nratios batched / per-environment: calls ${(after.calls / before.calls).toFixed(3)}, wall ${(after.ms / before.ms).toFixed(2)}; absent figures ${after.absent} vs ${before.absent}`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
