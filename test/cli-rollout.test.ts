/**
 * Rollouts through the built CLI on the simulator (20 generated clusters, time scale 100), with
 * failover.md on every cluster:
 * - a fault on 3 clusters spends the failure budget: the rollout halts, the clusters after them are
 *   untouched (no run, no failover sent); `rollout skip` of one aborts its run, releasing its lock, and
 *   `rollout retry` of the others gives each a fresh run (read anew, not resumed) that finishes it;
 * - the CLI SIGKILLed mid-rollout and resumed: every cluster has one run and one failover sent.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DescribeDBClustersCommand, FailoverDBClusterCommand, RDSClient } from '@aws-sdk/client-rds';
import { startSimulator, type RunningSimulator } from '@switchyard/simulator';
import { FileRunStore, SIMULATOR_CREDENTIALS, type Rollout, type Run } from '@switchyard/core';
import { testRolloutRecord } from '@switchyard/core/testing/rollout-store-behaviours';
import { cli, runCli } from './support/cli';

const TIME_SCALE = '100';
let sim: RunningSimulator;
let store: string;
let rds: RDSClient;

beforeEach(async () => {
  sim = await startSimulator({ port: 0, fleet: 20, timeScale: Number(TIME_SCALE) });
  store = mkdtempSync(path.join(tmpdir(), 'switchyard-rollout-'));
  rds = new RDSClient({ region: 'us-east-1', endpoint: sim.url, credentials: SIMULATOR_CREDENTIALS });
});

afterEach(async () => {
  rds.destroy();
  await sim.stop();
  rmSync(store, { recursive: true, force: true });
});

const common = () => ['--endpoint', sim.url, '--region', 'us-east-1', '--store', store, '--time-scale', TIME_SCALE, '--approve'];
const env = {
  AWS_ACCESS_KEY_ID: SIMULATOR_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: SIMULATOR_CREDENTIALS.secretAccessKey,
  SWITCHYARD_USER: 'alice',
};

function storedRollout(): Rollout {
  const dir = path.join(store, 'rollouts');
  const [file] = readdirSync(dir).filter((f) => f.endsWith('.json'));
  return JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Rollout;
}

function storedRuns(): Run[] {
  const dir = path.join(store, 'runs');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Run);
}

/** FailoverDBCluster calls the simulator answered, by cluster. */
function failoversSent(): Map<string, number> {
  const sent = new Map<string, number>();
  for (const r of sim.control.requests().filter((q) => q.operation === 'FailoverDBCluster')) {
    const id = String(r.params.DBClusterIdentifier);
    sent.set(id, (sent.get(id) ?? 0) + 1);
  }
  return sent;
}

async function statusOf(cluster: string): Promise<string | undefined> {
  return (await rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: cluster }))).DBClusters?.[0]?.Status;
}

it('a fault on 3 clusters spends the budget and halts the rollout; the rest are untouched; skipping 1 releases its lock, retrying 2 with fresh runs finishes it', async () => {
  // Clusters sort by id: auth-008 is the canary, billing-016, carts-012, catalog-006, inventory-003 the second wave.
  const faulty = ['billing-016', 'carts-012', 'catalog-006'];
  for (const clusterId of faulty) {
    // A failover that hangs: the cluster stays `failing-over`, and the runbook's guard refuses it.
    sim.control.injectFault({ type: 'failover', mode: 'hang', clusterId });
    await rds.send(new FailoverDBClusterCommand({ DBClusterIdentifier: clusterId }));
  }
  const before = new Map([...failoversSent()]);
  const first = await cli(
    [
      'rollout',
      'start',
      'runbooks/failover.md',
      '--select',
      '*',
      '--waves',
      '1,4,rest',
      '--max-concurrency',
      '4',
      '--max-failures',
      '3',
      ...common(),
    ],
    env,
  );
  expect(first.stderr).toBe('');
  expect(first.code).toBe(1);
  expect(first.stdout).toMatch(/halted: 3 cluster\(s\) were stopped by a guard; the budget allows 3\. Retry the failed clusters/);
  let rollout = storedRollout();
  expect(rollout.status).toBe('halted');
  const byStatus = (s: string) => rollout.clusters.filter((c) => c.status === s).map((c) => c.id);
  expect(byStatus('guard-stopped')).toEqual(faulty);
  expect(byStatus('succeeded')).toEqual(['auth-008', 'inventory-003']);
  expect(byStatus('pending')).toHaveLength(15);
  for (const c of rollout.clusters.filter((x) => x.status === 'guard-stopped')) expect(c.reason).toMatch(/not available/);
  // Untouched: no run for any of the 15, no failover sent to them.
  const runs = storedRuns();
  expect(runs.map((r) => r.rollout?.cluster).sort()).toEqual(['auth-008', 'inventory-003', ...faulty].sort());
  expect(runs.every((r) => r.rollout?.id === rollout.id)).toBe(true);
  const sent = failoversSent();
  for (const c of rollout.clusters.filter((x) => x.status === 'pending')) expect(sent.get(c.id) ?? 0).toBe(before.get(c.id) ?? 0);
  // `status` shows the board; `resume` is refused while the budget is spent.
  const board = await cli(['rollout', 'status', rollout.id, '--store', store], env);
  expect(board.stdout).toMatch(/halted .*budget: failures 0\/3, guard stops 3\/3/s);
  const refused = await cli(['rollout', 'resume', rollout.id, ...common()], env);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(/the failure budget is spent .* retry or skip the failed clusters first/);

  // Skipping one of them aborts its guard-stopped run, so the cluster is not left locked; the rollout stays halted.
  const lockKeys = async () =>
    (JSON.parse((await cli(['locks', '--json', '--store', store], env)).stdout) as Array<{ key: string }>)
      .map((l) => l.key.split('@')[0])
      .sort();
  expect(await lockKeys()).toEqual(faulty.map((c) => `rds-cluster:${c}`));
  const skipped = await cli(
    ['rollout', 'skip', rollout.id, '--cluster', 'catalog-006', '--reason', 'fixed by hand; --not-a-flag', ...common()],
    env,
  );
  expect(skipped.stderr).toBe('');
  expect(skipped.code).toBe(1);
  expect(skipped.stdout).toMatch(/halted/);
  expect(await lockKeys()).toEqual(['rds-cluster:billing-016', 'rds-cluster:carts-012']);
  rollout = storedRollout();
  const skippedRun = rollout.clusters.find((c) => c.id === 'catalog-006')!;
  expect(skippedRun).toMatchObject({ status: 'skipped', reason: 'fixed by hand; --not-a-flag' });
  expect(storedRuns().find((r) => r.id === skippedRun.runId)?.status).toBe('aborted');

  // The two others are repaired (the hung failovers end, the fault is cleared); retrying them gives each
  // a fresh run whose guard reads the cluster anew and passes, and the rollout goes on to the end.
  const retriedIds = faulty.filter((c) => c !== 'catalog-006');
  const state = sim.control.saveState();
  for (const cluster of state.clusters.filter((c) => faulty.includes(c.id))) cluster.status = 'available';
  sim.control.loadState(state);
  sim.control.clearFaults();
  for (const clusterId of faulty) expect(await statusOf(clusterId)).toBe('available');
  const retried = await cli(['rollout', 'retry', rollout.id, ...common()], env);
  expect(retried.stderr).toBe('');
  if (retried.code !== 0) console.log(retried.stdout.slice(-3000));
  expect(retried.code).toBe(0);
  rollout = storedRollout();
  expect(rollout.status).toBe('succeeded');
  expect(byStatus('succeeded')).toHaveLength(19);
  expect(byStatus('skipped')).toEqual(['catalog-006']);
  expect(rollout.clusters.filter((c) => c.retries === 1).map((c) => c.id)).toEqual(retriedIds);
  // The retried ones got a fresh run (`…-r1`); their guard-stopped runs were aborted first, releasing their locks.
  const finalRuns = storedRuns();
  expect(finalRuns).toHaveLength(22);
  for (const c of rollout.clusters.filter((x) => retriedIds.includes(x.id))) {
    expect(c.runId).toMatch(/-r1$/);
    expect(c.previousRuns).toHaveLength(1);
    expect(finalRuns.find((r) => r.id === c.previousRuns![0])?.status).toBe('aborted');
    expect(finalRuns.find((r) => r.id === c.runId)?.status).toBe('succeeded');
  }
  expect(await lockKeys()).toEqual([]);
  // One failover each from the rollout; none to the skipped one.
  const after = failoversSent();
  for (const c of rollout.clusters)
    expect([c.id, (after.get(c.id) ?? 0) - (before.get(c.id) ?? 0)]).toEqual([c.id, c.id === 'catalog-006' ? 0 : 1]);
  expect(rollout.audit.map((a) => `${a.actor}: ${a.action}${a.cluster ? ` ${a.cluster}` : ''}`)).toEqual([
    'alice: rollout started',
    'switchyard: rollout halted',
    'alice: rollout skip catalog-006',
    'alice: rollout retry billing-016',
    'alice: rollout retry carts-012',
    'switchyard: rollout succeeded',
  ]);
}, 120_000);

it('kill -9 of the CLI mid-rollout, then resume: no cluster is started twice', async () => {
  const { child, done } = runCli(
    [
      'rollout',
      'start',
      'runbooks/failover.md',
      '--select',
      '*',
      '--waves',
      '2,rest',
      '--max-concurrency',
      '3',
      '--max-failures',
      '1',
      ...common(),
    ],
    { ...env, SWITCHYARD_ROLLOUT_POLL_MS: '50' },
  );
  // Kill it once the second wave has begun: clusters recorded as starting or running, others still pending.
  for (let i = 0; ; i++) {
    if (i > 600) throw new Error('the rollout never reached its second wave');
    await new Promise((r) => setTimeout(r, 50));
    let rollout: Rollout;
    try {
      rollout = storedRollout();
    } catch {
      continue;
    }
    if (rollout.clusters.some((c) => c.wave === 1 && c.status !== 'pending')) break;
  }
  child.kill('SIGKILL');
  const killed = await done;
  expect(killed.signal).toBe('SIGKILL');
  const atKill = storedRollout();
  expect(atKill.status).toBe('running');
  expect(atKill.clusters.filter((c) => c.status === 'pending').length).toBeGreaterThan(0);

  const resumed = await cli(['rollout', 'resume', atKill.id, ...common()], env);
  expect(resumed.stderr).toBe('');
  expect(resumed.code).toBe(0);
  const rollout = storedRollout();
  expect(rollout.status).toBe('succeeded');
  const runs = storedRuns();
  expect(runs).toHaveLength(20);
  expect(new Set(runs.map((r) => r.rollout?.cluster)).size).toBe(20);
  expect(runs.every((r) => r.status === 'succeeded')).toBe(true);
  const sent = failoversSent();
  expect([...sent.values()].every((n) => n === 1)).toBe(true);
  expect(sent.size).toBe(20);
}, 120_000);

it('rollout status lists a page at a time, newest first, from the summaries; a bad --limit or --cursor is a usage error', async () => {
  const ids = ['ro-20261205000000-00000a', 'ro-20261205000100-00000b', 'ro-20261205000200-00000c'];
  const files = new FileRunStore(store);
  for (const [i, id] of ids.entries()) await files.createRollout(testRolloutRecord(id, 1, `2026-12-05T00:0${i}:00.000Z`));
  const first = await cli(['rollout', 'status', '--limit', '2', '--store', store], env);
  expect(first.code).toBe(0);
  const lines = first.stdout.trim().split('\n');
  expect(lines.map((l) => l.split(' ')[0])).toEqual([ids[2], ids[1], 'older']);
  expect(lines[0]).toMatch(/running .* 2 pending {2}Upgrade {2}\(f\.md, by alice\)$/);
  const cursor = lines[2].split('--cursor ')[1];
  expect(lines[2]).toBe(`older rollouts: switchyard rollout status --cursor ${cursor}`);
  const json = JSON.parse((await cli(['rollout', 'status', '--cursor', cursor, '--json', '--store', store], env)).stdout);
  expect(json).toEqual({ rollouts: [expect.objectContaining({ id: ids[0], runbook: { file: 'f.md', title: 'Upgrade' } })] });
  for (const bad of [
    ['--limit', 'abc'],
    ['--limit', '0'],
    ['--limit', '-1'],
    ['--cursor', `2026-12-05T00:00:00.000Z~${ids[0]}' OR '1'='1`],
    ['--cursor', '--json'],
  ]) {
    const res = await cli(['rollout', 'status', ...bad, '--store', store], env);
    expect({ bad, code: res.code, stdout: res.stdout }).toEqual({ bad, code: 2, stdout: '' });
    expect(res.stderr).toMatch(/--(limit|cursor)/);
  }
});
