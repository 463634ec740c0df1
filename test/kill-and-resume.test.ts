/**
 * Crash safety with a real process: the CLI is SIGKILLed while the failover call is in flight (or
 * while it waits), a new process resumes the run, and the failover is sent exactly once.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DescribeDBClustersCommand, RDSClient } from '@aws-sdk/client-rds';
import { startSimulator } from '@switchyard/simulator';
import type { Run } from '@switchyard/core';
import { cli, runCli } from './support/cli';
import { HoldingProxy } from './support/holding-proxy';
import { SIMULATOR_CREDENTIALS } from '@switchyard/core';

const TIME_SCALE = '100';
let sim: Awaited<ReturnType<typeof startSimulator>>;
let proxy: HoldingProxy;
let proxyUrl: string;
let store: string;
// The simulator's clock: the wall clock, unless a test freezes it to hold AWS in a state.
let frozenAt: number | undefined;

beforeEach(async () => {
  frozenAt = undefined;
  sim = await startSimulator({ port: 0, fleet: 'demo', timeScale: Number(TIME_SCALE), clock: { now: () => frozenAt ?? Date.now() } });
  proxy = new HoldingProxy(sim.url);
  proxyUrl = await proxy.start();
  store = mkdtempSync(path.join(tmpdir(), 'switchyard-kill-'));
});

afterEach(async () => {
  await proxy.stop();
  await sim.stop();
  rmSync(store, { recursive: true, force: true });
});

const common = () => ['--endpoint', proxyUrl, '--region', 'us-east-1', '--store', store, '--time-scale', TIME_SCALE, '--approve'];

function storedRun(): Run {
  const [file] = readdirSync(path.join(store, 'runs')).filter((f) => f.endsWith('.json'));
  return JSON.parse(readFileSync(path.join(store, 'runs', file), 'utf8')) as Run;
}

async function writerOf(cluster: string): Promise<string | undefined> {
  const rds = new RDSClient({ region: 'us-east-1', endpoint: sim.url, credentials: SIMULATOR_CREDENTIALS });
  const out = await rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: cluster }));
  rds.destroy();
  return out.DBClusters?.[0]?.DBClusterMembers?.find((m) => m.IsClusterWriter)?.DBInstanceIdentifier;
}

async function startFailoverThenKill(holdPhase: 'request' | 'response'): Promise<string> {
  const held = proxy.holdNext('FailoverDBCluster', holdPhase);
  const { child, done } = runCli([
    'run',
    'runbooks/failover.md',
    '--param',
    'cluster=prod-app',
    '--param',
    'target=prod-app-2',
    ...common(),
  ]);
  await held;
  child.kill('SIGKILL');
  const result = await done;
  expect(result.signal).toBe('SIGKILL');
  const run = storedRun();
  expect(run.status).toBe('running');
  const failover = run.steps.find((s) => s.id === 'failover')!;
  expect(failover.inFlight?.operation).toBe('FailoverDBCluster');
  return run.id;
}

async function resume(runId: string): Promise<Run> {
  const result = await cli(['runs', '--resume', runId, ...common()]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return storedRun();
}

it('killed after AWS applied the failover but before the answer arrived: resume reconciles and does not send it again', async () => {
  const runId = await startFailoverThenKill('response');
  expect(proxy.count('FailoverDBCluster')).toBe(1);
  const run = await resume(runId);
  expect(run.status).toBe('succeeded');
  expect(proxy.count('FailoverDBCluster')).toBe(1);
  expect(await writerOf('prod-app')).toBe('prod-app-2');
  const failover = run.steps.find((s) => s.id === 'failover')!;
  expect(failover.log.map((l) => l.text).join('\n')).toMatch(
    /crash recovery: FailoverDBCluster may have been sent.*prod-app is failing over|already is the writer/,
  );
});

it('killed before the failover request left: resume finds it not applied and sends it once', async () => {
  const runId = await startFailoverThenKill('request');
  expect(proxy.count('FailoverDBCluster')).toBe(0);
  const run = await resume(runId);
  expect(run.status).toBe('succeeded');
  expect(proxy.count('FailoverDBCluster')).toBe(1);
  expect(await writerOf('prod-app')).toBe('prod-app-2');
  expect(
    run.steps
      .find((s) => s.id === 'failover')!
      .log.map((l) => l.text)
      .join('\n'),
  ).toMatch(/had not taken effect: sending it again/);
});

it('killed while waiting for the new writer: resume goes on waiting, never fails over twice', async () => {
  // A frozen clock: the failover cannot finish before the kill, however slow the machine.
  const frozen = Date.now();
  frozenAt = frozen;
  const { child, done } = runCli([
    'run',
    'runbooks/failover.md',
    '--param',
    'cluster=prod-app',
    '--param',
    'target=prod-app-2',
    ...common(),
    '--json',
  ]);
  await new Promise<void>((resolve, reject) => {
    let pending = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines.filter((l) => l.startsWith('{'))) {
        const event = JSON.parse(line) as { type: string; stepId?: string; status?: string };
        if (event.type === 'step' && event.stepId === 'new_writer' && event.status === 'waiting') resolve();
      }
    });
    void done.then((result) => reject(new Error(`the run ended before waiting for the new writer: ${result.stdout}${result.stderr}`)));
  });
  child.kill('SIGKILL');
  await done;
  const killed = storedRun();
  expect(killed.steps.find((s) => s.id === 'new_writer')!.status).toBe('waiting');
  expect(await writerOf('prod-app')).toBe('prod-app-0');
  frozenAt = frozen + 30_000 / Number(TIME_SCALE); // the failover's 30 s
  const run = await resume(killed.id);
  expect(run.status).toBe('succeeded');
  expect(proxy.count('FailoverDBCluster')).toBe(1);
  expect(await writerOf('prod-app')).toBe('prod-app-2');
});

describe('an expression that never ends (a catastrophic regular expression), killed by a supervisor each time', () => {
  // Exponential backtracking in JavaScript's regex engine: evaluation never returns.
  const HANGS = `---
title: Guard that never finishes
---

## Check the name {#name}

\`\`\`check
expect:
  - that: '"${'a'.repeat(40)}!".matches("^(a+)+$")'
    message: the name must be all a's
\`\`\`
`;

  async function killWhenEvaluating(child: ReturnType<typeof runCli>['child'], stops: number): Promise<void> {
    for (let i = 0; i < 3000; i++) {
      const marker = (() => {
        try {
          return storedRun().steps[0].evaluating;
        } catch {
          return undefined;
        }
      })();
      // Open for a while: the evaluation that never ends, not a quick one before it (a block evaluates its
      // templates, then its guards; a kill inside a quick one that then completes rightly resets the count).
      if (marker?.open && marker.stops === stops && Date.now() - Date.parse(marker.since) > 500) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill('SIGKILL');
  }

  it('is evaluated once more after the first kill, and after the second the step fails instead of hanging every resume', async () => {
    const file = path.join(store, 'hangs.md');
    writeFileSync(file, HANGS);
    const first = runCli(['run', file, ...common()]);
    await killWhenEvaluating(first.child, 0);
    expect((await first.done).signal).toBe('SIGKILL');
    const runId = storedRun().id;

    const second = runCli(['runs', '--resume', runId, ...common()]);
    await killWhenEvaluating(second.child, 1);
    expect((await second.done).signal).toBe('SIGKILL');

    const third = await cli(['runs', '--resume', runId, ...common()]);
    expect(third.code).toBe(1);
    const run = storedRun();
    expect(run.status).toBe('failed');
    expect(run.steps[0].error).toMatch(
      /^the Switchyard process stopped twice in a row while evaluating the CEL expressions and templates of its check block/,
    );
    expect(third.stdout).toMatch(/stopped twice in a row/);
  });
});

/** A real full disk needs a tiny tmpfs, so root and a sandbox that allows mounting; elsewhere this test is skipped. */
function canMountTmpfs(): boolean {
  const probe = mkdtempSync(path.join(tmpdir(), 'switchyard-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

describe('a full disk (a real one: the store on a 64 KiB tmpfs)', () => {
  const mountable = canMountTmpfs();
  let disk: string;
  beforeEach(() => {
    disk = mkdtempSync(path.join(tmpdir(), 'switchyard-full-disk-'));
    if (mountable) execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', disk]);
  });
  afterEach(() => {
    if (mountable) execFileSync('umount', [disk]);
    rmSync(disk, { recursive: true, force: true });
  });

  (mountable ? it : it.skip)(
    'the CLI says which file it could not write and why, exits 1, leaves no temp file; with space freed the run resumes and finishes',
    async () => {
      const steps = Array.from(
        { length: 40 },
        (_, i) => `## Step ${i}\n\n\`\`\`check\nexpect:\n  - that: ${i} >= 0\n    message: step ${i} holds\n\`\`\`\n`,
      );
      const runbook = path.join(store, 'many-steps.md');
      writeFileSync(runbook, `---\ntitle: Many steps\n---\n\n${steps.join('\n')}`);
      const onDisk = path.join(disk, 'store');
      const args = ['--endpoint', proxyUrl, '--region', 'us-east-1', '--store', onDisk];

      const result = await cli(['run', runbook, ...args]);
      expect(result.code).toBe(1);
      const [, runId] = /^switchyard: run (run-[\w-]+) stopped: /.exec(result.stderr) ?? [];
      expect(runId).toBeDefined();
      expect(result.stderr).toBe(
        `switchyard: run ${runId} stopped: cannot write ${path.join(onDisk, 'runs', `${runId}.json`)}: no space left on the device (ENOSPC); the store keeps what it had before this write\n` +
          `  hint: the run stays as last recorded; once that is fixed, resume it: switchyard runs --resume ${runId}\n`,
      );
      expect(readdirSync(path.join(onDisk, 'runs'))).toEqual([`${runId}.json`]);
      expect(readdirSync(path.join(onDisk, 'mutex'))).toEqual([]);
      const recorded = JSON.parse(readFileSync(path.join(onDisk, 'runs', `${runId}.json`), 'utf8')) as Run;
      expect(recorded.status).toBe('running');

      execFileSync('mount', ['-o', 'remount,size=4m', disk]);
      const resumed = await cli(['runs', '--resume', runId!, ...args]);
      expect(resumed.stderr).toBe('');
      expect(resumed.code).toBe(0);
    },
  );
});
