import { describeControlEffect, isDestructiveAction } from './control-effect';
import type { Run, StepRun } from './run';

const testRun = (id: string, version: number, overrides: Partial<Run>): Run => ({
  id,
  version,
  runbook: { file: 'f.md', title: 'T', source: '' },
  params: {},
  status: 'running',
  phase: 'forward',
  dryRun: false,
  startedBy: 'alice',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  steps: [],
  rollbackSteps: [],
  current: 0,
  locks: [],
  target: { endpoint: 'aws', region: 'us-east-1' },
  audit: [],
  ...overrides,
});

const step = (id: string, name: string, status: StepRun['status'], extra: Partial<StepRun> = {}): StepRun => ({
  id,
  name,
  origin: { kind: 'step', index: 0 },
  status,
  attempts: 1,
  blockIndex: 0,
  blockOutputs: [],
  log: [],
  mutating: true,
  ...extra,
});

const run = testRun('r1', 1, {
  runbook: { file: 'failover.md', title: 'Fail over a cluster', source: '' },
  params: { cluster: 'prod-app', target: 'prod-app-2', minutes: 5 },
  current: 1,
  steps: [step('check', 'Check', 'succeeded'), step('go', 'Fail over', 'running'), step('verify', 'Verify', 'pending')],
});

it('abort: names the database, where it stops, and that nothing is undone', () => {
  expect(describeControlEffect(run, 'abort')).toEqual({
    title: 'Abort "Fail over a cluster" on prod-app, prod-app-2?',
    confirmLabel: 'Abort run',
    effects: [
      'Stops at "Fail over"; no later step runs.',
      'Nothing is undone: what earlier steps changed stays changed (Roll back undoes it).',
      'Ends the run as aborted and releases its locks.',
    ],
  });
});

it('abort with a mutating call in flight says AWS may already have it', () => {
  const inFlight = {
    ...run,
    steps: [
      run.steps[0],
      step('go', 'Fail over', 'running', {
        inFlight: { blockIndex: 0, service: 'rds', operation: 'FailoverDBCluster', input: {}, sentAt: '' },
      }),
    ],
  };
  expect(describeControlEffect(inFlight, 'abort').effects[1]).toBe(
    'A mutating call (FailoverDBCluster) of "Fail over" may already be at AWS: stopping the run does not undo it.',
  );
});

it('roll back: the steps it will run, in order, and that they are confirmed again', () => {
  const effect = describeControlEffect(run, 'rollback', ['Undo: Fail over', 'Verify the old writer']);
  expect(effect.title).toBe('Roll back "Fail over a cluster" on prod-app, prod-app-2?');
  expect(effect.confirmLabel).toBe('Roll back');
  expect(effect.effects).toEqual([
    'Stops the forward run at "Fail over"; 1 completed step(s) are undone where the runbook says how.',
    'Runs, in order: Undo: Fail over → Verify the old writer.',
    'Rollback steps change AWS like any other step: each mutating call is confirmed again.',
  ]);
  expect(describeControlEffect(run, 'rollback').effects[1]).toBe('The runbook has no undo steps for what ran: nothing is changed back.');
});

it('only abort and rollback are destructive controls', () => {
  expect(['abort', 'rollback', 'retry', 'skip', 'approve', 'reject'].filter(isDestructiveAction)).toEqual(['abort', 'rollback']);
});
