import type { Run, RunStatus, StepRun, StepStatus } from '../model/run';
import { approvalWaitSeconds, nearestRank, switchoverHistory, switchoverOutcome, switchSeconds } from './history';

const T0 = Date.parse('2025-03-01T10:00:00.000Z');
let n = 0;

function run(file: string, status: RunStatus, startMinute: number, seconds: number, extra: Partial<Run> = {}): Run {
  const createdAt = new Date(T0 + startMinute * 60_000).toISOString();
  const end = new Date(T0 + startMinute * 60_000 + seconds * 1000).toISOString();
  const ended = status === 'succeeded' || status === 'aborted' || status === 'rolled-back';
  const titles: Record<string, string> = {
    'runbooks/failover.md': 'Fail over an Aurora cluster to a chosen reader',
    'runbooks/promote-global.md': 'Promote a Global Database secondary region',
    'runbooks/detect.md': 'Detect what is wrong with an Aurora cluster',
    'runbooks/blue-green-rollback-and-cleanup.md': 'Roll back or clean up after a Blue/Green switchover',
    'ops/custom.md': 'Switch over the payments database',
  };
  n += 1;
  return {
    id: `run-${String(n).padStart(3, '0')}`,
    version: 1,
    runbook: { file, title: titles[file] ?? file, source: '' },
    params: { cluster: 'prod-app' },
    status,
    phase: 'forward',
    dryRun: false,
    startedBy: 'alice',
    createdAt,
    updatedAt: end,
    ...(ended ? { endedAt: end } : {}),
    steps: [],
    rollbackSteps: [],
    current: 0,
    locks: ['rds-cluster:prod-app'],
    target: { endpoint: 'aws', region: 'us-east-1' },
    audit: [],
    ...extra,
  };
}

describe('switchoverHistory', () => {
  it('counts finished switchover runs and takes nearest-rank percentiles of their durations', () => {
    const runs = [
      run('runbooks/failover.md', 'succeeded', 40, 120),
      run('runbooks/failover.md', 'succeeded', 0, 30),
      run('runbooks/promote-global.md', 'failed', 10, 600),
      run('runbooks/failover.md', 'rolled-back', 20, 90),
      run('ops/custom.md', 'succeeded', 30, 60),
      // Not counted: still running, a dry run, and runbooks that do not switch over.
      run('runbooks/failover.md', 'running', 50, 5),
      run('runbooks/failover.md', 'succeeded', 60, 5, { dryRun: true }),
      run('runbooks/detect.md', 'succeeded', 70, 5),
      run('runbooks/blue-green-rollback-and-cleanup.md', 'succeeded', 80, 5),
    ];
    const history = switchoverHistory(runs);
    expect(history).toMatchObject({ count: 5, succeeded: 3, failed: 2, successRate: 0.6 });
    // Durations sorted: 30, 60, 90, 120, 600. p50: rank ceil(2.5) = 3 → 90; p95: rank ceil(4.75) = 5 → 600.
    expect(history.p50Seconds).toBe(90);
    expect(history.p95Seconds).toBe(600);
    expect(history.points.map((p) => [p.seconds, p.status, p.runbook])).toEqual([
      [30, 'succeeded', 'failover.md'],
      [600, 'failed', 'promote-global.md'],
      [90, 'rolled-back', 'failover.md'],
      [60, 'succeeded', 'custom.md'],
      [120, 'succeeded', 'failover.md'],
    ]);
  });

  it('filters by resource, runbook and start time', () => {
    const runs = [
      run('runbooks/failover.md', 'succeeded', 0, 30),
      run('runbooks/failover.md', 'succeeded', 10, 40, { params: { cluster: 'billing-db' }, locks: ['rds-cluster:billing-db'] }),
      run('runbooks/promote-global.md', 'succeeded', 20, 50),
    ];
    expect(
      switchoverHistory(runs, { resources: ['arn:aws:rds:us-east-1:123456789012:cluster:billing-db'] }).points.map((p) => p.seconds),
    ).toEqual([40]);
    expect(switchoverHistory(runs, { runbooks: ['promote-global.md'] }).count).toBe(1);
    expect(switchoverHistory(runs, { since: new Date(T0 + 5 * 60_000).toISOString() }).count).toBe(2);
  });

  it('is empty with nulls when nothing finished', () => {
    expect(switchoverHistory([run('runbooks/failover.md', 'waiting-approval', 0, 10)])).toEqual({
      count: 0,
      succeeded: 0,
      failed: 0,
      successRate: null,
      stoppedByGuard: 0,
      calledOff: 0,
      p50Seconds: null,
      p95Seconds: null,
      approvalWaitP50Seconds: null,
      approvalWaitP95Seconds: null,
      points: [],
    });
  });
});

it('nearestRank over twenty values: p50 is the 10th, p95 the 19th', () => {
  const values = Array.from({ length: 20 }, (_, i) => (i + 1) * 10);
  expect(nearestRank(values, 50)).toBe(100);
  expect(nearestRank(values, 95)).toBe(190);
  expect(nearestRank([7], 95)).toBe(7);
});

/** A step of the Blue/Green switchover runbook's shape, from second `from` to second `to` after T0. */
function step(id: string, status: StepStatus, from: number | undefined, to: number | undefined, extra: Partial<StepRun> = {}): StepRun {
  const at = (sec: number | undefined) => (sec === undefined ? undefined : new Date(T0 + sec * 1000).toISOString());
  return {
    id,
    name: id,
    origin: { kind: 'step', index: 0 },
    status,
    attempts: from === undefined ? 0 : 1,
    startedAt: at(from),
    endedAt: at(to),
    blockIndex: 0,
    blockOutputs: [],
    log: [],
    mutating: false,
    ...extra,
  };
}
const approval = { gates: [{ fourEyes: true, approvers: [] }] };
const mutating = { mutating: true };

/** The switchover runbook: checks, cost tags (mutating, before the guards), drift guard, approval, switch, wait, watch. */
function blueGreenRun(status: RunStatus, steps: StepRun[], endSecond: number): Run {
  const end = new Date(T0 + endSecond * 1000).toISOString();
  return run('runbooks/blue-green-switchover.md', status, 0, 0, {
    params: { deployment: 'prod-app-upgrade' },
    locks: ['blue-green:prod-app-upgrade@111111111111/us-east-1'],
    steps,
    updatedAt: end,
    ...(status === 'failed' ? {} : { endedAt: end }),
  });
}

describe('outcomes and write downtime', () => {
  // Approval asked at 10 s and given at 400 s (6 m 30 s of waiting for people); the switch call at
  // 400 s, green serving at 407 s; then a ten-minute watch window.
  const switched = blueGreenRun(
    'succeeded',
    [
      step('bg', 'succeeded', 0, 1),
      step('tag_green', 'succeeded', 1, 2, mutating),
      step('drift', 'succeeded', 2, 3),
      step('approve', 'succeeded', 10, 400, approval),
      step('switchover', 'succeeded', 400, 401, mutating),
      step('switched', 'succeeded', 401, 407),
      step('watch', 'succeeded', 407, 1007),
      step('tag_old', 'succeeded', 1007, 1008, mutating),
    ],
    1008,
  );
  const stoppedByDrift = blueGreenRun(
    'failed',
    [
      step('bg', 'succeeded', 0, 1),
      step('tag_green', 'succeeded', 1, 2, mutating),
      step('drift', 'failed', 2, 3),
      step('approve', 'pending', undefined, undefined, approval),
      step('switchover', 'pending', undefined, undefined, mutating),
      step('switched', 'pending', undefined, undefined),
    ],
    3,
  );
  const refused = blueGreenRun(
    'aborted',
    [
      step('bg', 'succeeded', 0, 1),
      step('drift', 'succeeded', 2, 3),
      step('approve', 'failed', 3, 60, approval),
      step('switchover', 'cancelled', undefined, undefined, mutating),
    ],
    60,
  );
  // AWS rolled the switchover back after its timeout: the switch was sent, so this is a failed switchover.
  const timedOut = blueGreenRun(
    'failed',
    [
      step('bg', 'succeeded', 0, 1),
      step('approve', 'succeeded', 1, 5, approval),
      step('switchover', 'succeeded', 5, 6, mutating),
      step('switched', 'failed', 6, 306),
    ],
    306,
  );

  it('measures the switch from the call to green serving, and the approval wait apart', () => {
    expect(switchSeconds(switched)).toBe(7);
    expect(approvalWaitSeconds(switched)).toBe(390);
    expect(switchSeconds(timedOut)).toBe(301);
  });

  it('tells a guard stopping the run from a failed switchover, and from a refused approval', () => {
    expect(switchoverOutcome(switched)).toBe('succeeded');
    // Cost tags were written before the guard stopped it; the switch itself was never sent.
    expect(switchoverOutcome(stoppedByDrift)).toBe('stopped-by-guard');
    expect(switchSeconds(stoppedByDrift)).toBeUndefined();
    expect(switchoverOutcome(refused)).toBe('called-off');
    expect(switchoverOutcome(timedOut)).toBe('failed');
  });

  it('rates success over attempted switchovers and takes percentiles of write downtime only', () => {
    const history = switchoverHistory([switched, stoppedByDrift, refused, timedOut]);
    expect(history).toMatchObject({ count: 4, succeeded: 1, failed: 1, stoppedByGuard: 1, calledOff: 1, successRate: 0.5 });
    expect([history.p50Seconds, history.p95Seconds]).toEqual([7, 301]);
    expect([history.approvalWaitP50Seconds, history.approvalWaitP95Seconds]).toEqual([57, 390]);
    // The demo's case: one clean switchover and one stopped by a guard is 100 %, p50 7 s, not 50 % and 1 s.
    const demo = switchoverHistory([switched, stoppedByDrift]);
    expect(demo).toMatchObject({ successRate: 1, p50Seconds: 7, p95Seconds: 7, stoppedByGuard: 1, failed: 0 });
    expect(demo.points.map((p) => [p.outcome, p.switchSeconds, p.totalSeconds])).toEqual([
      ['succeeded', 7, 1008],
      ['stopped-by-guard', null, 3],
    ]);
  });

  it('finds a Blue/Green run by the deployment it locks', () => {
    const history = switchoverHistory([switched], { resources: ['arn:aws:rds:us-east-1:111111111111:deployment:prod-app-upgrade'] });
    expect(history.count).toBe(1);
  });
});
