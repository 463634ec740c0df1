#!/usr/bin/env node
/**
 * yarn bench:engine — prints the engine's figures against the simulator:
 *  1. overhead per runbook: wall time minus the simulated AWS transition time (time scale ≥ 100);
 *  2. detection delay: from the moment a transition completes in AWS to the wait step noticing it;
 *  3. N concurrent Blue/Green switchovers on the generated fleet under an RDS API throttle, as a
 *     ratio to one switchover on the same fleet;
 *  4. at time scale 1 (real durations, about a minute): one failover.md run on prod-app and, at the
 *     same time on the same simulator, a bash loop with the real AWS CLI failing billing-db over and
 *     polling describe-db-clusters every 2 s: both wall times, their ratio, and each one's
 *     detection delay (the simulator's writer change → the poll that saw it).
 * Flags: --concurrency N (120), --throttle R req/s (20), --time-scale X (100), --repeat K (5),
 * --skip-real (leave out 4), --only-real (only 4).
 * Figures are ratios and milliseconds from one run; the machine is shared, read them as such.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { spawn } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { Engine, FileRunStore, SdkAwsGateway, SIMULATOR_CREDENTIALS } = require('@switchyard/core');
const { startSimulator, generatedFleet, DEFAULT_TIMINGS } = require('@switchyard/simulator');

const { values } = parseArgs({
  options: {
    concurrency: { type: 'string', default: '120' },
    throttle: { type: 'string', default: '20' },
    'time-scale': { type: 'string', default: '100' },
    repeat: { type: 'string', default: '5' },
    'skip-real': { type: 'boolean', default: false },
    'only-real': { type: 'boolean', default: false },
  },
});
const CONCURRENCY = Number(values.concurrency);
const THROTTLE = Number(values.throttle);
const TIME_SCALE = Number(values['time-scale']);
const REPEAT = Number(values.repeat);
const RUNBOOKS = path.resolve(__dirname, '../../runbooks');
const source = (name) => readFileSync(path.join(RUNBOOKS, name), 'utf8');

async function withEngine(sim, work, timeScale = TIME_SCALE) {
  const dir = mkdtempSync(path.join(tmpdir(), 'switchyard-bench-'));
  const aws = new SdkAwsGateway({ region: 'us-east-1', endpoint: sim.url, maxAttempts: 20 });
  const engine = new Engine({ store: new FileRunStore(dir), aws, timeScale });
  // Unattended: every approval is given by a second person, as --approve --approver does.
  engine.subscribe((event) => {
    if (event.type === 'approval')
      void engine.control(event.runId, { action: 'approve' }, { name: 'bench-approver' }).catch(() => undefined);
  });
  try {
    return await work(engine);
  } finally {
    await engine.shutdown();
    aws.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runToEnd(engine, file, params) {
  const run = await engine.start({ file, source: source(file), params, startedBy: 'bench' });
  for (;;) {
    const rested = await engine.settled(run.id);
    if (rested.status !== 'waiting-approval') return rested;
    await new Promise((r) => setTimeout(r, 5));
  }
}

const ms = (a, b) => Date.parse(b) - Date.parse(a);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function failoverFigures() {
  const overheads = [];
  const detections = [];
  const failoverMs = DEFAULT_TIMINGS.failover / TIME_SCALE;
  for (let i = 0; i < REPEAT; i++) {
    const sim = await startSimulator({ port: 0, fleet: 'demo', timeScale: TIME_SCALE });
    try {
      await withEngine(sim, async (engine) => {
        const started = Date.now();
        const run = await runToEnd(engine, 'failover.md', { cluster: 'prod-app', target: 'prod-app-2' });
        const wall = Date.now() - started;
        if (run.status !== 'succeeded') throw new Error(`failover run ${run.status}: ${run.error}`);
        const sent = run.steps.find((s) => s.id === 'failover');
        const waited = run.steps.find((s) => s.id === 'new_writer');
        overheads.push(wall - failoverMs);
        detections.push(ms(sent.endedAt, waited.endedAt) - failoverMs);
      });
    } finally {
      await sim.stop();
    }
  }
  return { overhead: median(overheads), detection: median(detections), failoverMs };
}

async function blueGreenFleet(count) {
  const fleet = generatedFleet(Math.max(count, 1), 7, { blueGreen: 'all', timeScale: TIME_SCALE });
  const sim = await startSimulator({ port: 0, fleet, timeScale: TIME_SCALE, throttle: { service: 'rds', requestsPerSecond: THROTTLE } });
  return sim;
}

async function switchovers(count) {
  const sim = await blueGreenFleet(CONCURRENCY);
  try {
    const deployments = sim.control.saveState().blueGreenDeployments.slice(0, count);
    return await withEngine(sim, async (engine) => {
      const started = Date.now();
      const runs = await Promise.all(deployments.map((d) => runToEnd(engine, 'blue-green-switchover.md', { deployment: d.id })));
      const wall = Date.now() - started;
      const throttled = sim.control.requests().filter((r) => r.errorCode === 'Throttling').length;
      const rdsCalls = sim.control.requests().filter((r) => r.service === 'rds').length;
      const byOperation = {};
      for (const r of sim.control.requests()) if (r.service === 'rds') byOperation[r.operation] = (byOperation[r.operation] ?? 0) + 1;
      const outcomes = runs.reduce((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
      const failures = runs
        .filter((r) => r.status !== 'succeeded')
        .slice(0, 3)
        .map((r) => r.error);
      return { wall, throttled, rdsCalls, byOperation, outcomes, failures };
    });
  } finally {
    await sim.stop();
  }
}

/**
 * What an operator without Switchyard writes: fail over, then poll describe-db-clusters every 2 s
 * with the real AWS CLI until the cluster is available with the new writer. Prints the time
 * (ms since the epoch) of the poll that saw it.
 */
const BASH_LOOP = `
set -euo pipefail
aws() { command aws --endpoint-url "$ENDPOINT" "$@"; }
aws rds describe-db-clusters --db-cluster-identifier "$CLUSTER" --query 'DBClusters[0].Status' --output text >/dev/null
aws rds failover-db-cluster --db-cluster-identifier "$CLUSTER" --target-db-instance-identifier "$TARGET" >/dev/null
while :; do
  seen=$(aws rds describe-db-clusters --db-cluster-identifier "$CLUSTER" \
    --query 'DBClusters[0].[Status, DBClusterMembers[?IsClusterWriter].DBInstanceIdentifier | [0]]' --output text)
  if [ "$seen" = "available	$TARGET" ]; then date +%s%3N; exit 0; fi
  sleep 2
done
`;

function bashLoop(sim, cluster, target) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn('bash', ['-c', BASH_LOOP], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        CLUSTER: cluster,
        TARGET: target,
        AWS_ACCESS_KEY_ID: SIMULATOR_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: SIMULATOR_CREDENTIALS.secretAccessKey,
        AWS_DEFAULT_REGION: 'us-east-1',
        ENDPOINT: sim.url,
        AWS_PAGER: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`bash loop exited ${code}: ${err.trim()}`));
      resolve({ wall: Date.now() - started, seenAt: Number(out.trim()) });
    });
  });
}

/** When the simulator swapped the writer: the date of its "Completed failover to DB instance" event. */
function writerChangedAt(sim, cluster, target) {
  const event = sim.control
    .saveState()
    .events.find((e) => e.sourceId === cluster && e.message === `Completed failover to DB instance: ${target}`);
  if (!event) throw new Error(`the simulator recorded no completed failover of ${cluster} to ${target}`);
  return event.date;
}

async function realTimeFailover() {
  const sim = await startSimulator({ port: 0, fleet: 'demo', timeScale: 1 });
  try {
    return await withEngine(
      sim,
      async (engine) => {
        const started = Date.now();
        const [run, bash] = await Promise.all([
          runToEnd(engine, 'failover.md', { cluster: 'prod-app', target: 'prod-app-2' }),
          bashLoop(sim, 'billing-db', 'billing-db-1'),
        ]);
        const runbookWall = Date.parse(run.updatedAt) - started;
        if (run.status !== 'succeeded') throw new Error(`failover run ${run.status}: ${run.error}`);
        const waited = run.steps.find((s) => s.id === 'new_writer');
        return {
          runbookWall,
          bashWall: bash.wall,
          runbookDetection: Date.parse(waited.endedAt) - writerChangedAt(sim, 'prod-app', 'prod-app-2'),
          bashDetection: bash.seenAt - writerChangedAt(sim, 'billing-db', 'billing-db-1'),
          polls: waited.output?.polls,
        };
      },
      1,
    );
  } finally {
    await sim.stop();
  }
}

function printRealTime(r) {
  console.log(
    `time scale 1 (real durations, the simulator's 30 s failover), side by side on one simulator:\n` +
      `  failover.md runbook (check, approve, fail over, wait every 2 s, verify): ${(r.runbookWall / 1000).toFixed(1)} s; ` +
      `the wait saw the new writer ${r.runbookDetection.toFixed(0)} ms after the simulator swapped it (${r.polls} polls)\n` +
      `  bash loop, real AWS CLI (describe, fail over, describe-db-clusters every 2 s): ${(r.bashWall / 1000).toFixed(1)} s; ` +
      `saw it ${r.bashDetection.toFixed(0)} ms after\n` +
      `  ratio runbook / bash loop: ${(r.runbookWall / r.bashWall).toFixed(2)}×`,
  );
}

async function main() {
  if (values['only-real']) return printRealTime(await realTimeFailover());
  console.log(
    `Switchyard engine benchmark — time scale ${TIME_SCALE}, ${REPEAT} failover runs, ${CONCURRENCY} switchovers, RDS throttle ${THROTTLE} req/s`,
  );
  const f = await failoverFigures();
  console.log(
    `failover runbook: simulated AWS failover ${f.failoverMs.toFixed(0)} ms; engine overhead (wall − simulated) median ${f.overhead.toFixed(0)} ms per run`,
  );
  console.log(
    `detection delay after the failover completed: median ${f.detection.toFixed(0)} ms (${(f.detection / f.failoverMs).toFixed(2)} × the scaled transition)`,
  );
  const one = await switchovers(1);
  console.log(
    `1 blue/green switchover: ${(one.wall / 1000).toFixed(1)} s wall, ${one.rdsCalls} RDS calls, ${one.throttled} throttled, ${JSON.stringify(one.outcomes)}\n  RDS calls by operation: ${JSON.stringify(one.byOperation)}`,
  );
  const many = await switchovers(CONCURRENCY);
  console.log(
    `${CONCURRENCY} concurrent switchovers: ${(many.wall / 1000).toFixed(1)} s wall, ${many.rdsCalls} RDS calls, ${many.throttled} throttled, ${JSON.stringify(many.outcomes)}`,
  );
  if (many.failures.length) console.log(`  first failures: ${many.failures.join(' | ')}`);
  console.log(`ratio: ${CONCURRENCY} concurrent / 1 = ${(many.wall / one.wall).toFixed(2)}×`);
  if (!values['skip-real']) printRealTime(await realTimeFailover());
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
