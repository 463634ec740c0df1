import type { Run } from '@switchyard/core';
import { runStatusText, targetStatusText } from './run-status-text';

const step = (name: string, status: Run['steps'][number]['status']) =>
  ({
    id: name,
    name,
    status,
    origin: { kind: 'step', index: 0 },
    attempts: 1,
    blockIndex: 0,
    blockOutputs: [],
    log: [],
    mutating: false,
  }) as Run['steps'][number];

const run = (status: Run['status'], current: number): Run =>
  ({
    id: 'run-1',
    runbook: { file: 'failover.md', title: 'Fail over an Aurora cluster to a chosen reader', source: '' },
    status,
    phase: 'forward',
    dryRun: false,
    current,
    steps: [step('Check', 'succeeded'), step('Confirm', 'waiting-approval'), step('Fail over', 'pending')],
    rollbackSteps: [],
  }) as unknown as Run;

describe('runStatusText', () => {
  it('says which step waits for approval and that it needs the operator', () => {
    const text = runStatusText(run('waiting-approval', 1));
    expect(text.text).toBe('$(bell) Fail over an Aurora cluster to … 2/3: waits for approval: Confirm');
    expect(text.needsAttention).toBe(true);
  });

  it('shows a running step with a spinner, and the end', () => {
    expect(runStatusText(run('running', 2)).text).toBe('$(sync~spin) Fail over an Aurora cluster to … 3/3: Fail over');
    expect(runStatusText(run('succeeded', 3))).toMatchObject({
      text: '$(check) Fail over an Aurora cluster to …: succeeded',
      needsAttention: false,
    });
  });

  it('a polling wait says in its tooltip what it waits for, what it saw and when it gives up', () => {
    const waiting = run('waiting', 2);
    waiting.steps[2] = {
      ...step('Wait for the new writer', 'waiting'),
      waitProgress: {
        condition: 'cluster.writer is "prod-app-2"',
        observed: ['cluster.writer = "prod-app-1"'],
        checkedAt: '2026-12-05T07:40:57.000Z',
        deadline: '2026-12-05T07:44:00.000Z',
        polls: 3,
      },
    };
    expect(runStatusText(waiting).tooltip).toContain(
      'Waiting until cluster.writer is "prod-app-2". Latest: cluster.writer = "prod-app-1". Gives up at 07:44:00 UTC.',
    );
    // Once the run moves on, a stale record is not shown.
    expect(runStatusText({ ...waiting, status: 'running' }).tooltip).not.toContain('Waiting until');
  });

  it('an aborted or rolled-back run shows its end, not a spinner', () => {
    expect(runStatusText(run('aborted', 1)).text).toBe('$(circle-slash) Fail over an Aurora cluster to … 2/3: aborted at Confirm');
    expect(runStatusText({ ...run('rolled-back', 0), phase: 'rollback', rollbackSteps: [] }).text).toBe(
      '$(discard) Fail over an Aurora cluster to …: rolled back',
    );
  });

  it('a call awaiting the operator replaces the spinner: the run is not in flight, it waits for you', () => {
    const asking = {
      id: 1,
      phase: 'asking' as const,
      targetId: 'sandbox',
      action: 'Fail over prod-app',
      where: 'SANDBOX (local simulator, us-east-1) — nothing real changes',
      since: '',
    };
    const text = runStatusText(run('running', 2), asking);
    expect(text.text).toBe('$(shield) Fail over an Aurora cluster to … 3/3: awaiting your confirmation: Fail over prod-app');
    expect(text.text).not.toMatch(/spin/);
    expect(text.needsAttention).toBe(true);
    expect(runStatusText(run('running', 2), { ...asking, phase: 'paused' }).text).toBe(
      '$(debug-pause) Fail over an Aurora cluster to … 3/3: paused, you declined Fail over prod-app',
    );
    // An ended run shows its end, whatever is pending on the target.
    expect(runStatusText(run('succeeded', 3), asking).text).toBe('$(check) Fail over an Aurora cluster to …: succeeded');
  });
});

describe('targetStatusText', () => {
  it('says SANDBOX, or the real account in warning colours', () => {
    expect(targetStatusText({ kind: 'sandbox', label: 'Sandbox (demo fleet)', region: 'us-east-1' })).toMatchObject({
      text: '$(beaker) SANDBOX',
      needsAttention: false,
    });
    expect(targetStatusText({ kind: 'aws', label: 'AWS oncall', region: 'eu-west-1' }, '123456789012')).toMatchObject({
      text: '$(cloud) AWS 123456789012 · eu-west-1',
      needsAttention: true,
    });
    expect(targetStatusText({ kind: 'aws', label: 'AWS oncall', region: 'eu-west-1' })?.text).toBe('$(cloud) AWS oncall · eu-west-1');
    expect(targetStatusText(undefined)).toBeUndefined();
  });
});
