import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Engine } from './engine';
import { ApprovalRefusedError, InvalidControlError, InvalidTransitionError, LockConflictError, RunRejectedError } from '../model/errors';
import { FileRunStore } from './file-run-store';
import type { RunEvent } from '../model/run-events';
import { FakeAws } from './testing/fake-aws';
import type { AwsCallOptions } from '../aws/gateway';
import { FAILOVER_RUNBOOK, MANUAL_RUNBOOK } from './testing/fixtures';

let dir: string;
let aws: FakeAws;
let store: FileRunStore;
let engine: Engine;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'switchyard-engine-'));
  aws = new FakeAws();
  store = new FileRunStore(dir);
  engine = new Engine({ store, aws, timeScale: 100 });
});

afterEach(async () => {
  await engine.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

const start = (params: Record<string, string> = { cluster: 'c1' }, extra: { dryRun?: boolean; startedBy?: string } = {}) =>
  engine.start({ file: 'failover.md', source: FAILOVER_RUNBOOK, params, startedBy: extra.startedBy ?? 'alice', dryRun: extra.dryRun });

describe('engine: a run from start to end', () => {
  it('a gateway records in the run’s audit trail who let a call through (AwsCallOptions.audit), on the step making it', async () => {
    const call = aws.call.bind(aws);
    aws.call = async (service, operation, input, options?: AwsCallOptions) => {
      if (operation === 'FailoverDBCluster')
        await options?.audit?.({ actor: 'carol', action: `confirmed ${operation}`, detail: 'SANDBOX' });
      return call(service, operation, input);
    };
    const run = await start();
    await engine.settled(run.id);
    await engine.control(run.id, { action: 'approve' }, { name: 'bob' });
    const rested = await engine.settled(run.id);
    expect(rested.status).toBe('succeeded');
    const entry = rested.audit.find((a) => a.action === 'confirmed FailoverDBCluster');
    expect(entry).toMatchObject({ actor: 'carol', detail: 'SANDBOX', stepId: rested.steps.find((s) => s.mutating)?.id });
  });

  it('a wait reports each poll: the condition in words, the latest observed values and its deadline', async () => {
    // Slow enough that the first poll sees the failover under way, even on a loaded machine.
    await engine.shutdown();
    engine = new Engine({ store, aws, timeScale: 10 });
    aws.failoverMs = 1500;
    const events: RunEvent[] = [];
    engine.subscribe((e) => events.push(e));
    const run = await start();
    await engine.settled(run.id);
    await engine.control(run.id, { action: 'approve' }, { name: 'bob' });
    const rested = await engine.settled(run.id);
    expect(rested.status).toBe('succeeded');
    const waits = events.filter((e): e is Extract<RunEvent, { type: 'wait' }> => e.type === 'wait');
    expect(waits.length).toBeGreaterThan(0);
    const first = waits[0].progress;
    expect(waits[0].stepId).toBe('wait_writer');
    expect(first.condition).toBe('cluster.status is "available" and cluster.writer is "db-1"');
    expect(first.observed).toEqual(['cluster.status = "failing-over"', 'cluster.writer = "db-0"']);
    // 5 minutes at time scale 10 is 30 s of wall time from when the wait began.
    expect(Date.parse(first.deadline) - Date.parse(first.checkedAt)).toBeGreaterThan(20_000);
    expect(Date.parse(first.deadline) - Date.parse(first.checkedAt)).toBeLessThanOrEqual(30_000);
    expect(first.polls).toBe(1);
    // The progress is the waiting step's: once the wait is met the step no longer carries it.
    expect(rested.steps.find((s) => s.id === 'wait_writer')?.waitProgress).toBeUndefined();
  });

  it('stops for four-eyes approval, refuses the starter, then fails over and waits for the new writer', async () => {
    const events: RunEvent[] = [];
    engine.subscribe((e) => events.push(e));
    const run = await start();
    let rested = await engine.settled(run.id);
    expect(rested.status).toBe('waiting-approval');
    expect(rested.steps.map((s) => s.status)).toEqual(['succeeded', 'waiting-approval', 'pending', 'pending']);
    expect(rested.steps[0].output).toEqual({ writer: 'db-0', target: 'db-1' });
    expect(aws.mutatingCalls()).toEqual([]);

    await expect(engine.control(run.id, { action: 'approve' }, { name: 'alice' })).rejects.toBeInstanceOf(ApprovalRefusedError);
    await engine.control(run.id, { action: 'approve', reason: 'looks right' }, { name: 'bob' });
    rested = await engine.settled(run.id);

    expect(rested.status).toBe('succeeded');
    expect(aws.writer).toBe('db-1');
    expect(aws.mutatingCalls()).toEqual(['FailoverDBCluster']);
    expect(aws.calls.find((c) => c.operation === 'FailoverDBCluster')?.input).toEqual({
      DBClusterIdentifier: 'c1',
      TargetDBInstanceIdentifier: 'db-1',
    });
    expect(rested.steps.every((s) => s.status === 'succeeded' && s.startedAt && s.endedAt)).toBe(true);
    expect(rested.audit.map((a) => `${a.actor}:${a.action}`)).toEqual(
      expect.arrayContaining(['alice:run started', 'bob:approved', 'engine:run succeeded']),
    );
    expect(await store.locks()).toEqual([]);
    const statuses = events.filter((e) => e.type === 'run').map((e) => (e as { status: string }).status);
    expect(statuses).toEqual(['pending', 'running', 'waiting-approval', 'running', 'waiting', 'running', 'succeeded']);
    expect(events.some((e) => e.type === 'approval')).toBe(true);
  });

  it('the starter cannot skip past a four-eyes approval; a second person can', async () => {
    const run = await start();
    await engine.settled(run.id);
    await expect(engine.control(run.id, { action: 'skip', reason: 'in a hurry' }, { name: 'alice' })).rejects.toBeInstanceOf(
      ApprovalRefusedError,
    );
    expect((await engine.get(run.id))?.steps[1].status).toBe('waiting-approval');
    await engine.control(run.id, { action: 'skip', reason: 'approved on the bridge call' }, { name: 'bob' });
    const rested = await engine.settled(run.id);
    expect(rested.steps[1]).toMatchObject({ status: 'skipped', skipReason: 'approved on the bridge call' });
  });

  it('uses the operator-chosen target when one is given', async () => {
    const run = await start({ cluster: 'c1', target: 'db-2' });
    await engine.settled(run.id);
    await engine.control(run.id, { action: 'approve' }, { name: 'bob' });
    const rested = await engine.settled(run.id);
    expect(rested.status).toBe('succeeded');
    expect(aws.writer).toBe('db-2');
  });

  it('rejects a run whose required params are missing before anything runs', async () => {
    await expect(engine.start({ file: 'failover.md', source: FAILOVER_RUNBOOK, params: {}, startedBy: 'alice' })).rejects.toBeInstanceOf(
      RunRejectedError,
    );
    expect(aws.calls).toEqual([]);
    expect(await engine.list()).toEqual([]);
  });

  it('refuses to start from an invalid runbook', async () => {
    const broken = FAILOVER_RUNBOOK.replace('--target-db-instance-identifier', '--target-db-instanse-identifier');
    await expect(engine.start({ file: 'x.md', source: broken, params: { cluster: 'c1' }, startedBy: 'alice' })).rejects.toThrow(
      /x\.md:\d+:\d+/,
    );
  });
});

describe('engine: who may pass an approval gate (issue: four-eyes bypass via reject + skip)', () => {
  it('the starter may reject their own four-eyes step, but not skip past it afterwards; a second person may', async () => {
    const run = await start();
    await engine.settled(run.id);
    await engine.control(run.id, { action: 'reject', reason: 'wrong target' }, { name: 'alice' });
    expect((await engine.settled(run.id)).status).toBe('failed');
    await expect(engine.control(run.id, { action: 'skip', reason: 'in a hurry' }, { name: 'alice' })).rejects.toMatchObject({
      refusal: { rule: 'four-eyes', actor: 'alice' },
    });
    expect((await engine.get(run.id))?.steps[1].status).toBe('failed');
    await engine.control(run.id, { action: 'skip', reason: 'approved on the bridge call' }, { name: 'bob' });
    const rested = await engine.settled(run.id);
    expect(rested.steps[1]).toMatchObject({ status: 'skipped', skipReason: 'approved on the bridge call' });
    expect(rested.audit.find((a) => a.action === 'step skipped')?.actor).toBe('bob');
  });

  it('a step whose gate was never reached (an earlier block failed) cannot be skipped by the starter either', async () => {
    const gatedAfterCheck = FAILOVER_RUNBOOK.replace(
      '## Approve the failover {#approval}\n\n',
      '## Approve the failover {#approval}\n\n```check\nexpect:\n  - that: "false"\n    message: not yet\n```\n\n',
    );
    const run = await engine.start({ file: 'f.md', source: gatedAfterCheck, params: { cluster: 'c1' }, startedBy: 'alice' });
    const failed = await engine.settled(run.id);
    expect(failed.steps[1]).toMatchObject({ status: 'failed', gates: [{ fourEyes: true, approvers: [] }] });
    expect(failed.steps[1].approval).toBeUndefined();
    await expect(engine.control(run.id, { action: 'skip', reason: 'skip it' }, { name: 'alice' })).rejects.toMatchObject({
      refusal: { rule: 'four-eyes' },
    });
    await engine.control(run.id, { action: 'skip', reason: 'checked by hand' }, { name: 'bob' });
    expect((await engine.get(run.id))?.steps[1].status).toBe('skipped');
  });
});

describe('engine: locks name resources canonically (issue: PROD-APP, prod-app and the ARN were three locks)', () => {
  it("one cluster is one lock however it is spelled; another account's same-named cluster is another", async () => {
    const first = await start({ cluster: 'prod-app' });
    expect(first.locks).toEqual(['rds-cluster:prod-app@123456789012/us-east-1']);
    expect(first.target.account).toBe('123456789012');
    for (const spelling of ['PROD-APP', ' Prod-App ', 'arn:aws:rds:us-east-1:123456789012:cluster:prod-app']) {
      await expect(start({ cluster: spelling })).rejects.toMatchObject({
        resource: 'rds-cluster:prod-app@123456789012/us-east-1',
        heldBy: first.id,
      });
    }
    // The same name in another region or account (an ARN names both) is another cluster.
    const elsewhere = await start({ cluster: 'arn:aws:rds:eu-west-1:123456789012:cluster:prod-app' });
    expect(elsewhere.locks).toEqual(['rds-cluster:prod-app@123456789012/eu-west-1']);
    const otherStore = new FileRunStore(dir);
    const otherAccount = new FakeAws();
    otherAccount.account = '999999999999';
    const second = new Engine({ store: otherStore, aws: otherAccount, timeScale: 100 });
    try {
      const theirs = await second.start({
        file: 'failover.md',
        source: FAILOVER_RUNBOOK,
        params: { cluster: 'prod-app' },
        startedBy: 'bob',
      });
      expect(theirs.locks).toEqual(['rds-cluster:prod-app@999999999999/us-east-1']);
    } finally {
      await second.shutdown();
    }
  });

  it('an ARN of the wrong resource type is refused before anything runs', async () => {
    await expect(start({ cluster: 'arn:aws:rds:us-east-1:123456789012:db:prod-app-0' })).rejects.toThrow(
      /rds-cluster lock but the ARN names a db/,
    );
    expect(await store.list()).toEqual([]);
  });
});

describe('engine: operator controls', () => {
  it('reject fails the step; rollback of a run that changed nothing ends rolled-back', async () => {
    const run = await start();
    await engine.settled(run.id);
    await engine.control(run.id, { action: 'reject', reason: 'not during peak' }, { name: 'bob' });
    let rested = await engine.settled(run.id);
    expect(rested.status).toBe('failed');
    expect(rested.steps[1].error).toMatch(/rejected by bob: not during peak/);
    await engine.control(run.id, { action: 'rollback' }, { name: 'bob' });
    rested = await engine.settled(run.id);
    expect(rested.status).toBe('rolled-back');
    expect(rested.rollbackSteps).toEqual([]);
    expect(aws.mutatingCalls()).toEqual([]);
  });

  it('a failed AWS call fails the step cleanly; retry sends it again and the run completes', async () => {
    aws.failNext = { operation: 'FailoverDBCluster', code: 'InvalidDBClusterStateFault' };
    const run = await start();
    await engine.settled(run.id);
    await engine.control(run.id, { action: 'approve' }, { name: 'bob' });
    let rested = await engine.settled(run.id);
    expect(rested.status).toBe('failed');
    expect(rested.steps[2].error).toMatch(/InvalidDBClusterStateFault/);
    expect(rested.steps[2].inFlight).toBeUndefined();
    await engine.control(run.id, { action: 'retry' }, { name: 'alice' });
    rested = await engine.settled(run.id);
    expect(rested.status).toBe('succeeded');
    expect(rested.steps[2].attempts).toBe(2);
    expect(aws.mutatingCalls()).toEqual(['FailoverDBCluster', 'FailoverDBCluster']);
  });

  it('skip needs a reason and moves on', async () => {
    aws.failNext = { operation: 'FailoverDBCluster', code: 'InvalidDBClusterStateFault' };
    const run = await start({ cluster: 'c1', target: 'db-0' });
    await engine.settled(run.id);
    await engine.control(run.id, { action: 'approve' }, { name: 'bob' });
    await engine.settled(run.id);
    await expect(engine.control(run.id, { action: 'skip', reason: '  ' }, { name: 'alice' })).rejects.toBeInstanceOf(InvalidControlError);
    await engine.control(run.id, { action: 'skip', reason: 'db-0 already is the writer' }, { name: 'alice' });
    const rested = await engine.settled(run.id);
    expect(rested.steps[2]).toMatchObject({ status: 'skipped', skipReason: 'db-0 already is the writer' });
    expect(rested.status).toBe('succeeded');
  });

  it('abort ends the run and frees the cluster lock; controls on an ended run are refused', async () => {
    const run = await start();
    await engine.settled(run.id);
    expect(await store.locks()).toEqual([{ key: 'rds-cluster:c1@123456789012/us-east-1', runId: run.id }]);
    const aborted = await engine.control(run.id, { action: 'abort', reason: 'wrong cluster' }, { name: 'alice' });
    expect(aborted.status).toBe('aborted');
    expect(await store.locks()).toEqual([]);
    await expect(engine.control(run.id, { action: 'approve' }, { name: 'bob' })).rejects.toBeInstanceOf(InvalidTransitionError);
    await expect(engine.control(run.id, { action: 'retry' }, { name: 'bob' })).rejects.toBeInstanceOf(InvalidTransitionError);
  });

  it('rollback after success runs the undo blocks: fails back to the old writer', async () => {
    const run = await start();
    await engine.settled(run.id);
    await engine.control(run.id, { action: 'approve' }, { name: 'bob' });
    await engine.settled(run.id);
    expect(aws.writer).toBe('db-1');
    await engine.control(run.id, { action: 'rollback', reason: 'latency regression' }, { name: 'alice' });
    const rested = await engine.settled(run.id);
    expect(rested.status).toBe('rolled-back');
    expect(rested.rollbackSteps.map((s) => [s.id, s.status])).toEqual([['undo_failover', 'succeeded']]);
    expect(aws.calls.filter((c) => c.operation === 'FailoverDBCluster').map((c) => c.input.TargetDBInstanceIdentifier)).toEqual([
      'db-1',
      'db-0',
    ]);
  });

  it('an invalid rollback is refused without disturbing the run', async () => {
    const run = await start();
    await engine.settled(run.id);
    await engine.control(run.id, { action: 'reject', reason: 'no' }, { name: 'bob' });
    await engine.settled(run.id);
    await engine.control(run.id, { action: 'rollback' }, { name: 'bob' });
    const rolledBack = await engine.settled(run.id);
    expect(rolledBack.status).toBe('rolled-back');
    await expect(engine.control(run.id, { action: 'rollback' }, { name: 'bob' })).rejects.toBeInstanceOf(InvalidTransitionError);
    expect((await engine.get(run.id))?.status).toBe('rolled-back');
  });

  it('a wait that never holds times out and fails the step instead of hanging', async () => {
    aws.failoverMs = 60_000;
    const run = await start();
    await engine.settled(run.id);
    await engine.control(run.id, { action: 'approve' }, { name: 'bob' });
    const rested = await engine.settled(run.id);
    expect(rested.status).toBe('failed');
    expect(rested.steps[3].error).toMatch(/timed out after 300 s/);
  });

  it('a manual step waits for a confirmation', async () => {
    const run = await engine.start({ file: 'm.md', source: MANUAL_RUNBOOK, params: {}, startedBy: 'alice' });
    let rested = await engine.settled(run.id);
    expect(rested.status).toBe('waiting-approval');
    expect(rested.steps[0].approval?.kind).toBe('confirm');
    await engine.control(run.id, { action: 'approve' }, { name: 'alice' });
    rested = await engine.settled(run.id);
    expect(rested.status).toBe('succeeded');
  });
});

describe('engine: controls racing the driver', () => {
  it('an approval given the instant it is requested is not lost', async () => {
    // The approval is applied from inside the event of the request, while the driver is still
    // finishing its pass; the run must go on once it is applied (waiting for the control itself:
    // a resting run's settled() returns at once, so counting settled() calls raced the write).
    let approved: Promise<unknown> | undefined;
    engine.subscribe((event) => {
      if (event.type === 'approval') approved = engine.control(event.runId, { action: 'approve' }, { name: 'bob' });
    });
    const run = await start();
    await engine.settled(run.id);
    await approved;
    const rested = await engine.settled(run.id);
    expect(rested.status).toBe('succeeded');
  });
});

describe('engine: dry run and locks', () => {
  it('dry-run previews mutating calls and never sends them', async () => {
    const run = await start({ cluster: 'c1' }, { dryRun: true });
    await engine.settled(run.id);
    await engine.control(run.id, { action: 'approve' }, { name: 'bob' });
    const rested = await engine.settled(run.id);
    expect(rested.status).toBe('succeeded');
    expect(aws.mutatingCalls()).toEqual([]);
    expect(rested.steps[2].output).toEqual({
      dryRun: true,
      operation: 'FailoverDBCluster',
      input: { DBClusterIdentifier: 'c1', TargetDBInstanceIdentifier: 'db-1' },
    });
    expect(rested.locks).toEqual([]);
  });

  it('one mutating run per cluster: a second start is refused until the first ends', async () => {
    const first = await start();
    await engine.settled(first.id);
    await expect(start({ cluster: 'c1' }, { startedBy: 'carol' })).rejects.toBeInstanceOf(LockConflictError);
    await engine.control(first.id, { action: 'abort' }, { name: 'alice' });
    const second = await start({ cluster: 'c1' }, { startedBy: 'carol' });
    expect((await engine.settled(second.id)).status).toBe('waiting-approval');
  });

  it('two engines on one store never both take a cluster', async () => {
    const other = new Engine({ store, aws, timeScale: 100 });
    const results = await Promise.allSettled([
      start(),
      other.start({ file: 'failover.md', source: FAILOVER_RUNBOOK, params: { cluster: 'c1' }, startedBy: 'dave' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof LockConflictError)).toHaveLength(1);
    await other.shutdown();
  });
});

describe('engine: run from a step', () => {
  const TWO_STEPS = `---
title: Announce, then fail over
params:
  cluster: { type: rds-cluster, required: true }
locks: ["rds-cluster:{{ cluster }}"]
---
# Announce, then fail over

## Announce {#announce}

Post in #incidents that a failover is coming.

## Fail over {#failover}

\`\`\`aws
aws rds failover-db-cluster --db-cluster-identifier {{ cluster }} --target-db-instance-identifier db-1
\`\`\`
`;
  const startFrom = (fromStep: string) =>
    engine.start({ file: 'two.md', source: TWO_STEPS, params: { cluster: 'c1' }, startedBy: 'alice', fromStep });

  it('records the earlier steps as skipped with the reason and runs from the chosen step', async () => {
    const run = await startFrom('failover');
    expect(run.current).toBe(1);
    const rested = await engine.settled(run.id);
    expect(rested.status).toBe('succeeded');
    expect(rested.steps.map((s) => s.status)).toEqual(['skipped', 'succeeded']);
    expect(rested.steps[0].skipReason).toBe('not run: the run was started from step "Fail over"');
    expect(aws.mutatingCalls()).toEqual(['FailoverDBCluster']);
    expect(rested.audit.map((a) => a.action)).toContain('steps skipped');
  });

  it('refuses an unknown step id before anything runs, naming the step ids', async () => {
    await expect(startFrom('nope')).rejects.toThrow(/no step with id "nope"; its steps are: announce, failover/);
    expect(await engine.list()).toEqual([]);
  });
});
