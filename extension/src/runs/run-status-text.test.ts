import type { Run } from '@switchyard/core';
import { runStatusText } from './run-status-text';

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
});
