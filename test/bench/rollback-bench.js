#!/usr/bin/env node
/**
 * yarn bench:rollback — how long a Blue/Green rollback with reverse replication takes, from
 * "roll back" (`switchyard run runbooks/blue-green-rollback-and-cleanup.md --param mode=rollback`)
 * to the first write committed on the old environment, split into:
 *   - AWS: the steps that wait on AWS (deleting the deployment, the renames, production available
 *     again) on the simulator at --time-scale S, multiplied back by S — what those operations
 *     take on AWS as the simulator models them (their few milliseconds of requests are scaled
 *     too, so this is an upper bound);
 *   - Switchyard: everything else, at real speed — starting the CLI, reading AWS, the database
 *     steps (lag 0, table checksums, sequences, taking the subscription down), the engine itself.
 * Approvals are answered at once (--approve): a person's reading time is not counted.
 *
 * Setup (not timed): two real PostgreSQL servers (blue, green its logical replica), a simulator
 * with the demo fleet and a Blue/Green deployment of billing-db, an application writing
 * continuously; then the switchover as blue-green-switchover.md makes it (writes frozen, AWS
 * switches, publication + slot on green, subscription on blue, writes resume on green); the
 * application writes to green for --minutes of simulator time; then it freezes (maintenance mode)
 * and the clock starts.
 * Flags: --time-scale S (100), --minutes M (20), --repeat K (1), --baseline FILE: also time
 * another version of the runbook (e.g. `git show <commit>:runbooks/blue-green-rollback-and-cleanup.md
 * > /tmp/before.md`), alternating with the shipped one, and print the ratio of the projections.
 * Figures are from one run on a shared machine (its load is printed); read them as such.
 */
const { parseArgs } = require('node:util');
const { spawn } = require('node:child_process');
const { mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir, loadavg, cpus } = require('node:os');
const path = require('node:path');
const {
  RDSClient,
  CreateBlueGreenDeploymentCommand,
  DescribeBlueGreenDeploymentsCommand,
  DescribeDBClustersCommand,
  SwitchoverBlueGreenDeploymentCommand,
} = require('@aws-sdk/client-rds');
const { startSimulator } = require('@switchyard/simulator');
const { SIMULATOR_CREDENTIALS } = require('@switchyard/core');
const { startBlueGreenPair } = require('../../shared/core/dist/sql/testing/blue-green-pair');
const { startWriteLoad } = require('../../shared/core/dist/sql/testing/write-load');
const { switchOverDatabases, liftReadOnly } = require('../../shared/core/dist/sql/testing/database-switchover');

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const REPO = path.resolve(__dirname, '../..');
const CLI = path.join(REPO, 'shared/cli/dist/main.js');

const { values } = parseArgs({
  options: {
    'time-scale': { type: 'string', default: '100' },
    minutes: { type: 'string', default: '20' },
    repeat: { type: 'string', default: '1' },
    baseline: { type: 'string' },
  },
});
const scale = Number(values['time-scale']);
const minutes = Number(values.minutes);
const repeat = Number(values.repeat);

const SHIPPED = 'runbooks/blue-green-rollback-and-cleanup.md';

/**
 * The AWS operation each rollback step waits for, as a key of the simulator's timings; the
 * instance renames sent by rb_instances_back finish during rb_verify's wait. Only the steps that
 * ended before writes resumed count (a runbook that renames instances after resuming writes does
 * not wait for them); the deletion and the two cluster renames always do.
 */
const AWS_WAITS = {
  delete_deployment: 'blueGreenDelete',
  rb_rename_prod: 'renameCluster',
  rb_rename_old: 'renameCluster',
  rb_instances_aside: 'renameInstance',
  rb_verify: 'renameInstance',
};
const ALWAYS_WAITED = ['delete_deployment', 'rb_rename_prod', 'rb_rename_old'];
const CRITICAL = 'orders,customers,events';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(what, check, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(50);
  }
}

async function once(runbook) {
  const [pair, sim] = await Promise.all([
    startBlueGreenPair({ customers: 2000, orders: 30000, lines: 20000 }),
    startSimulator({ port: 0, fleet: 'demo', timeScale: scale }),
  ]);
  const store = mkdtempSync(path.join(tmpdir(), 'switchyard-rollback-bench-'));
  const rds = new RDSClient({ region: 'us-east-1', endpoint: sim.url, credentials: SIMULATOR_CREDENTIALS, maxAttempts: 1 });
  const load = await startWriteLoad(pair.blue);
  try {
    // Setup is not timed: at a small time scale green's 25-minute provisioning is cut to 1 s.
    if (scale < 10) {
      const state = sim.control.saveState();
      state.timings.blueGreenProvisioning = 1000 * scale;
      sim.control.loadState(state);
    }
    // A deployment of billing-db, provisioned.
    const source = (await rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: 'billing-db' }))).DBClusters[0].DBClusterArn;
    await rds.send(
      new CreateBlueGreenDeploymentCommand({
        BlueGreenDeploymentName: 'billing-upgrade',
        Source: source,
        TargetEngineVersion: '16.4',
        TargetDBClusterParameterGroupName: 'default.aurora-postgresql16',
      }),
    );
    const deployment = async () => (await rds.send(new DescribeBlueGreenDeploymentsCommand({}))).BlueGreenDeployments[0];
    await until('green provisioned', async () => (await deployment()).Status === 'AVAILABLE');

    // The switchover with reverse replication, as blue-green-switchover.md does it.
    await load.freeze();
    await switchOverDatabases(pair);
    await rds.send(
      new SwitchoverBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: (await deployment()).BlueGreenDeploymentIdentifier }),
    );
    await until('switched over', async () => (await deployment()).Status === 'SWITCHOVER_COMPLETED');
    await pair.green.exec('create publication switchyard_reverse for all tables');
    await pair.green.exec(`select pg_create_logical_replication_slot('switchyard_reverse', 'pgoutput')`);
    await pair.blue.exec(
      `begin read write; create subscription switchyard_reverse connection 'host=127.0.0.1 port=${pair.green.port} dbname=app user=postgres' ` +
        `publication switchyard_reverse with (copy_data = false, create_slot = false, slot_name = 'switchyard_reverse'); commit`,
    );
    await until('reverse replication streaming', async () => {
      const rows = await pair.green.exec(
        `select 1 from pg_stat_replication where application_name = 'switchyard_reverse' and state = 'streaming'`,
      );
      return rows.length === 1;
    });
    await load.resume(pair.green);
    await sleep((minutes * 60_000) / scale);
    await load.waitForCommits(20);

    // Maintenance mode on; the clock starts with the rollback command.
    await load.freeze();
    const connections = path.join(store, 'connections.yaml');
    const entry = (name, s) => `  ${name}: { host: 127.0.0.1, port: ${s.port}, database: app, user: postgres }`;
    // After the switchover the production endpoint (prod) reaches green's server, old reaches blue's.
    const entries = [entry('blue', pair.blue), entry('green', pair.green), entry('prod', pair.green), entry('old', pair.blue)];
    writeFileSync(connections, `connections:\n${entries.join('\n')}\n`);
    const args = [
      CLI,
      'run',
      runbook,
      '--param',
      'deployment=billing-upgrade',
      '--param',
      'mode=rollback',
      '--param',
      `critical_tables=${CRITICAL}`,
      '--endpoint',
      sim.url,
      '--region',
      'us-east-1',
      '--store',
      store,
      '--time-scale',
      String(scale),
      '--connections',
      connections,
      '--allow-sql-writes',
      '--approve',
      '--approver',
      'bob',
      '--json',
    ];
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, {
      cwd: REPO,
      env: { ...process.env, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const durations = new Map();
    let firstEventAt;
    let resumeAt;
    let verdict;
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    if (process.env.ROLLBACK_BENCH_LOG)
      child.stdout.on('data', (d) => require('node:fs').appendFileSync(process.env.ROLLBACK_BENCH_LOG, d));
    const resumed = new Promise((resolve, reject) => {
      let pending = '';
      child.stdout.on('data', (chunk) => {
        pending += chunk;
        const lines = pending.split('\n');
        pending = lines.pop();
        for (const line of lines) {
          if (!line.startsWith('{')) continue;
          const e = JSON.parse(line);
          firstEventAt ??= process.hrtime.bigint();
          if (e.type === 'step' && e.status === 'succeeded' && e.stepId === 'delete_deployment') void liftReadOnly(pair.blue); // AWS lifts read-only
          // Steps that ended before writes resumed (a skipped step ran nothing).
          if (e.type === 'step' && !resumeAt && e.status === 'succeeded' && typeof e.durationMs === 'number')
            durations.set(e.stepId, e.durationMs);
          if (e.type === 'step' && e.stepId === 'rb_rr_resume' && e.status === 'succeeded' && !resumeAt) {
            resumeAt = process.hrtime.bigint();
            resolve();
          }
          if (e.type === 'step' && e.stepId === 'rb_rr_verdict' && e.status === 'succeeded') verdict = e.output;
          if (e.type === 'run' && e.status === 'failed') reject(new Error(`the rollback failed: ${e.error}`));
        }
      });
      child.on('close', (code) => (resumeAt ? undefined : reject(new Error(`the CLI ended (${code}) before writes resumed: ${stderr}`))));
    });
    await resumed;
    // Maintenance mode off: the application writes to the old environment again.
    await load.resume(pair.blue);
    await load.waitForCommits(1);
    const accepted = process.hrtime.bigint();
    await load.freeze();
    await new Promise((r) => child.on('close', r));
    // The figure is the zero-loss path's: a rollback that had to accept losing writes is not it.
    if (!verdict?.zero_loss) throw new Error(`the rollback did not find every write on the old environment: ${verdict?.why}`);
    if (load.failures.length) throw new Error(`writes failed: ${load.failures.join('; ')}`);
    const ms = (a, b) => Number(b - a) / 1e6;
    const total = ms(started, accepted);
    const timings = sim.control.saveState().timings;
    const aws = [];
    for (const step of ALWAYS_WAITED) if (!durations.has(step)) throw new Error(`step ${step} did not end before writes resumed`);
    for (const [step, timing] of Object.entries(AWS_WAITS)) {
      if (durations.has(step)) aws.push({ step, timing, awsMs: timings[timing], realMs: durations.get(step) });
    }
    const awsAtScale = aws.reduce((a, x) => a + x.awsMs / scale, 0);
    const blueRows = Number((await pair.blue.exec(`select count(*)::int as n from events where kind = 'load'`))[0].n);
    return {
      total,
      cliStart: ms(started, firstEventAt),
      database: [...durations].filter(([id]) => /^rb_(rr_|cdc_|fence$|writable$)/.test(id)).reduce((a, [, d]) => a + d, 0),
      switchyard: total - awsAtScale,
      aws: aws.reduce((a, x) => a + x.awsMs, 0),
      awsSteps: aws,
      otherSteps: [...durations].filter(([id]) => !(id in AWS_WAITS)).sort((a, b) => b[1] - a[1]),
      lossless: blueRows === load.committed.length,
      commits: load.commits,
      events: load.committed.length,
      green: load.byServer.green ?? 0,
    };
  } finally {
    await load.stop().catch(() => undefined);
    rds.destroy();
    await sim.stop();
    await pair.stop();
    rmSync(store, { recursive: true, force: true });
  }
}

function report(label, runs) {
  runs.sort((a, b) => a.total - b.total);
  const r = runs[Math.floor(runs.length / 2)];
  const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
  const projected = r.aws + r.switchyard;
  const lines = [
    `${label}: rollback with reverse replication, ${minutes} min after the switchover (${r.green} writes made on green), median of ${runs.length}`,
    `  "roll back" → first write committed on the old environment, here (simulator at ×${scale}): ${s(r.total)}`,
    `  AWS operations, at the simulator's model of AWS:                      ${s(r.aws)}`,
    ...r.awsSteps.map((x) => `    ${x.step.padEnd(20)} ${x.timing.padEnd(16)} ${s(x.awsMs)}  (step took ${s(x.realMs)} here)`),
    `  Switchyard's own time (the rest of the wall time):                    ${s(r.switchyard)}`,
    `    of which CLI start to first event ${s(r.cliStart)}, database steps (lag 0, checksums, sequences, teardown, fence, checkpoint) ${s(r.database)}`,
    `    slowest other steps: ${r.otherSteps
      .slice(0, 6)
      .map(([id, d]) => `${id} ${s(d)}`)
      .join(', ')}`,
    `    (at ×${scale} the runbook's 5 s AWS polls wait ${5000 / scale} ms; on AWS each of the ${r.awsSteps.length} waits may see its operation up to 5 s late)`,
    `  projected on AWS (AWS time + Switchyard's):                           ${s(projected)}  (goal: well under 150 s)`,
    `  Switchyard's share: ${s(r.switchyard)} (goal: under 5 s); ${((r.switchyard / projected) * 100).toFixed(1)}% of the projected total`,
    `  every committed write on the old environment: ${r.lossless ? 'yes' : 'NO'} (${r.commits} commits, ${r.events} events)`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
  return projected;
}

async function main() {
  const variants = [{ label: 'shipped runbook', runbook: SHIPPED, runs: [] }];
  if (values.baseline) variants.unshift({ label: `baseline ${values.baseline}`, runbook: path.resolve(values.baseline), runs: [] });
  for (let i = 0; i < repeat; i++) {
    for (const v of variants) {
      process.stdout.write(
        `${v.label}, run ${i + 1}/${repeat}: setting up blue, green, the simulator (time scale ${scale}) and the switchover...\n`,
      );
      v.runs.push(await once(v.runbook));
    }
  }
  process.stdout.write(
    `load: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')} (1, 5, 15 min) on ${cpus().length} cores\n`,
  );
  const projected = variants.map((v) => report(v.label, v.runs));
  if (projected.length === 2) process.stdout.write(`shipped / baseline, projected on AWS: ${(projected[1] / projected[0]).toFixed(3)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
