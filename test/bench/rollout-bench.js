#!/usr/bin/env node
/**
 * yarn bench:rollout [N] — a Blue/Green switchover rollout (runbooks/blue-green-switchover.md) of
 * every cluster of a generated fleet of N demo-size clusters (120; e.g. 1000), each with its own
 * deployment, on the simulator under an RDS API throttle, driven in this process as
 * `switchyard rollout start --approve` drives it (RolloutDriver over a RunHost on the file store,
 * one AWS gateway, so one shared observer and one rate limit). First one cluster alone, then all.
 * Prints RDS and tagging-API calls per cluster (and per operation per cluster, changes apart from reads, against the
 * runbook's own least number of changes: 3 tagging calls per region and the switchover),
 * throttled calls, the wall time against its floor (max(one run, mutating RDS calls ÷ the throttle
 * rate)), the ratio to one run, and the outcomes; and RDS reads per cluster by the step the runs
 * were in when each was made (a read made while n runs were in steps is shared 1/n to each).
 * Flags: --throttle R req/s (20), --time-scale X (100), --no-share (each run observes on its own).
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir, loadavg } = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');
const {
  FileRunStore,
  RolloutDriver,
  RunHost,
  SdkAwsGateway,
  fetchClusterFacts,
  isMutatingOperation,
  loadRunbook,
  planRollout,
  rolloutFromPlan,
} = require('@switchyard/core');
const { startSimulator, generatedFleet } = require('@switchyard/simulator');

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    throttle: { type: 'string', default: '20' },
    'time-scale': { type: 'string', default: '100' },
    'no-share': { type: 'boolean', default: false },
  },
});
const COUNT = Number(positionals[0] ?? 120);
const THROTTLE = Number(values.throttle);
const TIME_SCALE = Number(values['time-scale']);
const SHARE = !values['no-share'];
const FILE = path.resolve(__dirname, '../../runbooks/blue-green-switchover.md');
const SOURCE = readFileSync(FILE, 'utf8');

/** A rollout of the first `count` clusters of a fresh `fleetSize` fleet; the simulator's request log counted. */
async function rollout(count, fleetSize) {
  const fleet = generatedFleet(fleetSize, 7, { blueGreen: 'all', timeScale: TIME_SCALE });
  const sim = await startSimulator({ port: 0, fleet, timeScale: TIME_SCALE, throttle: { service: 'rds', requestsPerSecond: THROTTLE } });
  const dir = mkdtempSync(path.join(tmpdir(), 'switchyard-rollout-bench-'));
  const aws = new SdkAwsGateway({
    region: 'us-east-1',
    endpoint: sim.url,
    maxAttempts: 20,
    shareObservations: SHARE,
    rateLimits: { rds: THROTTLE },
  });
  const store = new FileRunStore(dir);
  const services = { aws, shell: undefined, allowShell: false, timeScale: TIME_SCALE };
  const host = new RunHost({ store, target: () => services });
  try {
    const { clusters } = await fetchClusterFacts(aws);
    const ids = clusters.map((c) => c.id).slice(0, count);
    // The runbook tags every resource of a cluster (the cluster and every instance) three times — green
    // before the switchover, the old environment and the new production after it — in one
    // Resource Groups Tagging API call per region each time (up to 20 ARNs a call), and switches
    // over once: 3 + 1 changes for a cluster in one region.
    const leastChanges = ids.length * (3 + 1);
    const runbook = loadRunbook('blue-green-switchover.md', SOURCE);
    const plan = planRollout({
      runbook,
      fleet: clusters,
      selection: ids.join(','),
      template: { deployment: '{{ cluster.id }}-upgrade' },
      waves: 'rest',
      gate: { kind: 'none' },
      maxFailures: String(count),
    });
    const record = rolloutFromPlan({
      plan,
      runbook: { file: 'blue-green-switchover.md', title: runbook.meta.title, source: SOURCE },
      selection: ids.join(','),
      target: `${sim.url}@us-east-1`,
      startedBy: 'alice',
      now: new Date(),
      suffix: Math.random().toString(16).slice(2, 8),
    });
    await store.createRollout(record);
    sim.control.clearRequests();
    // The simulator keeps its last 10,000 requests: count them as they come, in this process. RDS's
    // own calls and the tagging API's (which tags RDS resources), counted together.
    const rds = [];
    const drain = () => {
      rds.push(...sim.control.requests().filter((r) => r.service === 'rds' || r.service === 'tagging'));
      sim.control.clearRequests();
    };
    const draining = setInterval(drain, 200);
    // bob approves every approval step (four-eyes: alice started the rollout), as `--approve --actor bob`.
    // The CLI's own poll (SWITCHYARD_ROLLOUT_POLL_MS unset: 500 ms).
    const driver = new RolloutDriver({ host, store, actor: { name: 'bob' }, autoApprove: true, pollMs: 500 });
    const started = Date.now();
    const result = await driver.drive(record.id);
    const wall = Date.now() - started;
    clearInterval(draining);
    drain();
    const byOperation = {};
    for (const r of rds) byOperation[r.operation] = (byOperation[r.operation] ?? 0) + 1;
    const byStep = await readsByStep(store, result.rollout.clusters, rds);
    const outcomes = {};
    for (const c of result.rollout.clusters) outcomes[c.status] = (outcomes[c.status] ?? 0) + 1;
    const failures = result.rollout.clusters.filter((c) => c.status !== 'succeeded').map((c) => `${c.id} (${c.status}): ${c.reason}`);
    return {
      wall,
      count,
      leastChanges,
      rdsCalls: rds.length,
      // The RDS throttle's share: the tagging API has a rate of its own.
      mutating: rds.filter((r) => r.service === 'rds' && isMutatingOperation(r.operation) && r.status < 400).length,
      throttled: rds.filter((r) => r.errorCode === 'Throttling').length,
      byOperation,
      byStep,
      outcomes,
      failures,
      waitedForTokens: aws.bucket('rds')?.stats,
    };
  } finally {
    await host.shutdown();
    aws.destroy();
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Where the reads go: each read RDS call shared among the steps the runs were in when it arrived
 * (1/n to each of the n runs in a step then), summed by step and operation.
 */
async function readsByStep(store, clusters, rds) {
  const spans = [];
  for (const c of clusters) {
    const run = c.runId && (await store.get(c.runId));
    for (const step of run?.steps ?? []) {
      if (step.startedAt && step.endedAt) spans.push({ step: step.id, from: Date.parse(step.startedAt), to: Date.parse(step.endedAt) });
    }
  }
  const out = {};
  for (const r of rds) {
    if (isMutatingOperation(r.operation)) continue;
    const t = Date.parse(r.time);
    const active = spans.filter((sp) => sp.from <= t && t <= sp.to);
    const steps = active.length ? active.map((sp) => sp.step) : ['(between steps)'];
    for (const step of steps) {
      out[step] ??= {};
      out[step][r.operation] = (out[step][r.operation] ?? 0) + 1 / steps.length;
    }
  }
  return out;
}

function readsByStepLines(result) {
  const per = (n) => (n / result.count).toFixed(1);
  const total = (ops) => Object.values(ops).reduce((a, b) => a + b, 0);
  return Object.entries(result.byStep)
    .sort(([, a], [, b]) => total(b) - total(a))
    .map(
      ([step, ops]) =>
        `    ${step}: ${per(total(ops))} (${Object.entries(ops)
          .sort(([, a], [, b]) => b - a)
          .map(([op, n]) => `${op} ${per(n)}`)
          .join(', ')})`,
    )
    .join('\n');
}

const s = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** RDS and tagging calls per cluster by operation, changes apart from reads: where a run's calls go. */
function perCluster(result) {
  const per = (n) => (n / result.count).toFixed(1);
  const entries = Object.entries(result.byOperation).sort(([, a], [, b]) => b - a);
  const changes = entries.filter(([op]) => isMutatingOperation(op));
  const reads = entries.filter(([op]) => !isMutatingOperation(op));
  const total = (list) => list.reduce((sum, [, n]) => sum + n, 0);
  const list = (items) => items.map(([op, n]) => `${op} ${per(n)}`).join(', ');
  return (
    `  per cluster: ${per(total(changes))} changes (${list(changes)}; the runbook needs ${per(result.leastChanges)}: ` +
    `3 tagging calls per region + the switchover)\n` +
    `               ${per(total(reads))} reads (${list(reads)})`
  );
}

async function main() {
  console.log(
    `Switchyard rollout benchmark — blue/green switchover of ${COUNT} clusters, time scale ${TIME_SCALE}, RDS throttle ${THROTTLE} req/s, ` +
      `observations ${SHARE ? 'shared' : 'per run'}; load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
  );
  const one = await rollout(1, COUNT);
  console.log(
    `1 cluster: ${s(one.wall)}, ${one.rdsCalls} RDS and tagging calls (${one.mutating} mutating on RDS), ${one.throttled} throttled, ${JSON.stringify(one.outcomes)}\n` +
      perCluster(one),
  );
  const all = await rollout(COUNT, COUNT);
  const floor = Math.max(one.wall, (all.mutating / THROTTLE) * 1000);
  console.log(
    `${COUNT} clusters: ${s(all.wall)}, ${all.rdsCalls} RDS and tagging calls = ${(all.rdsCalls / COUNT).toFixed(1)} per cluster (goal ≤ 15), ` +
      `${all.throttled} throttled, ${JSON.stringify(all.outcomes)}\n` +
      `${perCluster(all)}\n` +
      `  calls that waited for the client-side rate limit: ${all.waitedForTokens ? `${all.waitedForTokens.waited} of ${all.waitedForTokens.taken}` : 'no limit'}\n` +
      `  floor = max(one run ${s(one.wall)}, ${all.mutating} mutating RDS calls ÷ ${THROTTLE} req/s = ${s((all.mutating / THROTTLE) * 1000)}) = ${s(floor)}; ` +
      `wall / floor = ${(all.wall / floor).toFixed(2)}×\n` +
      `  ratio to one run: ${(all.wall / one.wall).toFixed(2)}× (goal ≤ 1.5×)\n` +
      `  reads per cluster by the step the runs were in:\n${readsByStepLines(all)}`,
  );
  // One example per distinct reason (clusters differ only in their names).
  const reasons = new Map();
  for (const f of all.failures) reasons.set(f.replace(/^[^:]*: /, '').slice(0, 120), f);
  if (reasons.size) console.log(`  not succeeded, one per reason:\n    ${[...reasons.values()].slice(0, 5).join('\n    ')}`);
  console.log(
    `load after: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
