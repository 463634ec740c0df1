import type { Run, StepRun } from '@switchyard/core';
import { looksLikeRunbook } from '../runbook/runbook-detect';
import { exportRunMarkdown } from './export-markdown';

const SOURCE = `---
title: Two steps
---
# Two steps

## Announce {#announce}

Tell the team.

## Fail over {#failover}

\`\`\`aws
aws rds failover-db-cluster --db-cluster-identifier c1
\`\`\`
`;

const step = (id: string, name: string, index: number, extra: Partial<StepRun>): StepRun => ({
  id,
  name,
  origin: { kind: 'step', index },
  status: 'pending',
  attempts: 0,
  blockIndex: 0,
  blockOutputs: [],
  log: [],
  mutating: false,
  ...extra,
});

const run: Run = {
  id: 'run-1',
  version: 9,
  runbook: { file: 'two.md', title: 'Two steps', source: SOURCE },
  params: { cluster: 'c1' },
  status: 'rolled-back',
  phase: 'rollback',
  dryRun: false,
  startedBy: 'alice',
  createdAt: '2026-01-01T10:00:00.000Z',
  updatedAt: '2026-01-01T10:02:00.000Z',
  endedAt: '2026-01-01T10:02:00.000Z',
  steps: [
    step('announce', 'Announce', 0, { status: 'skipped', skipReason: 'done in Slack already', endedAt: '2026-01-01T10:00:01.000Z' }),
    step('failover', 'Fail over', 1, {
      status: 'failed',
      attempts: 2,
      startedAt: '2026-01-01T10:00:01.000Z',
      endedAt: '2026-01-01T10:01:31.000Z',
      error: 'rds failover-db-cluster failed: InvalidDBClusterStateFault: busy | try later',
      log: [{ at: '2026-01-01T10:00:02.000Z', level: 'error', text: 'busy\nreally' }],
    }),
  ],
  rollbackSteps: [
    {
      ...step('undo_failover', 'Undo: Fail over', 1, {
        status: 'succeeded',
        startedAt: '2026-01-01T10:01:40.000Z',
        endedAt: '2026-01-01T10:02:00.000Z',
      }),
      origin: { kind: 'undo', index: 1 },
      output: { writer: 'db-0' },
    },
  ],
  current: 1,
  locks: [],
  target: { endpoint: 'aws', region: 'eu-west-1' },
  audit: [{ at: '2026-01-01T10:00:00.000Z', actor: 'alice', action: 'run started', detail: '{"cluster":"c1"}' }],
};

describe('exportRunMarkdown', () => {
  const lines = exportRunMarkdown(run).split('\n');

  it('keeps the runbook and puts the run summary right after the front matter', () => {
    expect(lines.slice(0, 4)).toEqual(['---', 'switchyard-run: run-1', 'title: Two steps', '---']);
    expect(lines[4]).toBe('> **Switchyard run `run-1`: rolled-back**');
    expect(lines[5]).toBe('> started by alice at 2026-01-01T10:00:00.000Z, ended 2026-01-01T10:02:00.000Z (2 min 0 s)');
    expect(lines[6]).toBe('> target: REAL AWS (account not recorded), region eu-west-1 · params: `cluster=c1`');
    expect(lines).toContain('aws rds failover-db-cluster --db-cluster-identifier c1');
  });

  it('writes each step’s outcome under its heading: skip reason, attempts, duration, error, log on one line', () => {
    const announce = lines.indexOf('## Announce {#announce}');
    expect(lines.slice(announce + 1, announce + 4)).toEqual(['', '> **↷ skipped**', '> reason: done in Slack already']);
    const failover = lines.indexOf('## Fail over {#failover}');
    expect(lines[failover + 2]).toBe('> **✗ failed** · 2026-01-01T10:00:01.000Z → 2026-01-01T10:01:31.000Z (1 min 30 s) · 2 attempts');
    expect(lines[failover + 3]).toBe('> error: rds failover-db-cluster failed: InvalidDBClusterStateFault: busy | try later');
    expect(lines).toContain('> - 2026-01-01T10:00:02.000Z error: busy really');
  });

  it('adds the rollback as it ran and the audit trail, escaping table cells', () => {
    const rollback = lines.indexOf('## Rollback as it ran');
    expect(lines[rollback + 2]).toBe('### Undo: Fail over');
    expect(lines[rollback + 4]).toMatch(/^> \*\*✓ succeeded\*\* .*\(20\.0 s\)$/);
    expect(lines.slice(rollback)).toContain('>   "writer": "db-0"');
    expect(lines).toContain('| 2026-01-01T10:00:00.000Z | alice | run started |  | {"cluster":"c1"} |');
  });

  it('is a run record, not a runbook: the editor neither validates it nor offers to run it', () => {
    expect(looksLikeRunbook(SOURCE)).toBe(true);
    expect(looksLikeRunbook(lines.join('\n'))).toBe(false);
    const bare = exportRunMarkdown({
      ...run,
      runbook: { ...run.runbook, source: '# Fix it\n\n## Step\n\n```aws\naws rds describe-db-clusters\n```\n' },
    });
    expect(bare.split('\n').slice(0, 3)).toEqual(['---', 'switchyard-run: run-1', '---']);
    expect(looksLikeRunbook(bare)).toBe(false);
  });
});

describe('who confirmed each mutating call, and where it went', () => {
  const confirmed = {
    ...run,
    target: { key: 'sandbox', endpoint: 'http://127.0.0.1:19997', account: '123456789012', region: 'us-east-1' },
    audit: [
      {
        at: '2026-01-01T10:00:02.000Z',
        actor: 'alice',
        action: 'declined FailoverDBCluster',
        stepId: 'failover',
        detail: 'Fail over c1 not sent: c1 in the SANDBOX',
      },
      {
        at: '2026-01-01T10:00:09.000Z',
        actor: 'alice',
        action: 'confirmed FailoverDBCluster',
        stepId: 'failover',
        detail: 'Fail over c1: c1 in the SANDBOX',
      },
      { at: '2026-01-01T10:00:10.000Z', actor: 'bob', action: 'approved', stepId: 'failover' },
    ],
  } as Run;

  it('the summary says SANDBOX and lists the answers to the confirmations; the audit trail keeps them', () => {
    const lines = exportRunMarkdown(confirmed).split('\n');
    expect(lines[6]).toBe('> target: SANDBOX (local simulator at http://127.0.0.1:19997), region us-east-1 · params: `cluster=c1`');
    expect(lines.slice(7, 9)).toEqual([
      '> declined FailoverDBCluster by alice at 2026-01-01T10:00:02.000Z: Fail over c1 not sent: c1 in the SANDBOX',
      '> confirmed FailoverDBCluster by alice at 2026-01-01T10:00:09.000Z: Fail over c1: c1 in the SANDBOX',
    ]);
    expect(lines).toContain(
      '| 2026-01-01T10:00:09.000Z | alice | confirmed FailoverDBCluster | failover | Fail over c1: c1 in the SANDBOX |',
    );
  });

  it('a real account is named as such', () => {
    const real = {
      ...confirmed,
      target: { key: 'aws:prod@eu-west-1', endpoint: 'aws', account: '210987654321', region: 'eu-west-1' },
    } as Run;
    expect(exportRunMarkdown(real).split('\n')[6]).toMatch(/^> target: REAL AWS \(account 210987654321\), region eu-west-1/);
  });
});
