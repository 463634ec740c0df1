import type { Run, RunStatus } from '../model/run';
import { nearestRank, switchoverHistory } from './history';

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
      p50Seconds: null,
      p95Seconds: null,
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
