import { controlEffect, DESTRUCTIVE_ACTIONS, isDestructive } from './control-effect';
import { runDatabase, runSubject } from './run-subject';
import type { Run, StepRun } from './run';

const step = (id: string, name: string, status: StepRun['status'], mutating: boolean): StepRun => ({
  id,
  name,
  origin: { kind: 'step', index: 0 },
  status,
  attempts: 1,
  blockIndex: 0,
  blockOutputs: [],
  log: [],
  mutating,
});

function failover(overrides: Partial<Run> = {}): Run {
  return {
    id: 'run-1',
    version: 3,
    runbook: { file: 'failover.md', title: 'Fail over an Aurora cluster', source: '' },
    params: { cluster: 'prod-app', target: '' },
    status: 'running',
    phase: 'forward',
    dryRun: false,
    startedBy: 'alice',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    steps: [
      step('before', 'Check the cluster', 'succeeded', false),
      step('failover', 'Fail over', 'succeeded', true),
      step('new_writer', 'Wait for the new writer', 'waiting', false),
      step('verify', 'Verify', 'pending', false),
    ],
    rollbackSteps: [],
    current: 2,
    locks: ['rds-cluster:prod-app@123456789012/us-east-1'],
    target: { endpoint: 'aws', region: 'us-east-1' },
    audit: [],
    ...overrides,
  };
}

describe('controlEffect: what a control does to this database', () => {
  it('names the database and the changes a rollback undoes, newest first', () => {
    const e = controlEffect(failover({ entityRef: 'resource:default/prod-app' }), 'rollback');
    expect(e.title).toBe('Roll back "Fail over an Aurora cluster" on prod-app?');
    expect(e.confirmLabel).toBe('Roll back');
    expect(e.effects).toEqual([
      'Stops the run going forward at "Wait for the new writer".',
      'Undoes what the run changed on prod-app, newest first ("Fail over"), then runs the runbook\'s Rollback steps.',
      'Connections may drop while prod-app changes back.',
    ]);
    expect(e.reasonRequired).toBe(false);
  });

  it('lists the rollback steps the host planned, in order', () => {
    const e = controlEffect(failover(), 'rollback', { plannedRollback: ['Undo: Fail over', 'Verify the old writer'] });
    expect(e.effects).toContain('Runs, in order: Undo: Fail over → Verify the old writer.');
    // A plan with nothing in it: the run's change stays, and the dialog says so instead of promising an undo.
    expect(controlEffect(failover(), 'rollback', { plannedRollback: [] }).effects[1]).toBe(
      'The runbook has no undo steps for what ran and no Rollback steps: nothing on prod-app is changed back ("Fail over" stays as it is).',
    );
  });

  it('says a rollback before any change only runs the Rollback steps, and a succeeded run does not "stop going forward"', () => {
    const early = failover({
      steps: [step('before', 'Check', 'running', false), step('failover', 'Fail over', 'pending', true)],
      current: 0,
    });
    expect(controlEffect(early, 'rollback').effects[1]).toMatch(/^Nothing has been changed on prod-app yet/);
    const done = failover({ status: 'succeeded', locks: [] });
    expect(controlEffect(done, 'rollback').effects.join(' ')).not.toContain('going forward');
    // Locks are released once a run ends: the database still comes from the params.
    expect(controlEffect(done, 'rollback').title).toContain('on prod-app?');
  });

  it('a rollback of a failed rollback step re-runs that step', () => {
    const run = failover({
      status: 'failed',
      phase: 'rollback',
      rollbackSteps: [step('undo_failover', 'Undo: Fail over', 'failed', true)],
      current: 0,
    });
    const e = controlEffect(run, 'rollback');
    expect(e.confirmLabel).toBe('Retry rollback');
    expect(e.effects[0]).toContain('"Undo: Fail over" again on prod-app');
  });

  it('an abort keeps the changes already made and says so', () => {
    expect(controlEffect(failover(), 'abort').effects).toEqual([
      'Stops the run for good at "Wait for the new writer"; no later step runs, and its locks are released.',
      'Nothing is undone: what it already changed on prod-app stays as it is ("Fail over"); Roll back undoes it.',
    ]);
    const running = failover({ steps: [step('failover', 'Fail over', 'running', true)], current: 0 });
    expect(controlEffect(running, 'abort').effects).toEqual([
      'Stops the run for good at "Fail over"; no later step runs, and its locks are released.',
      'An AWS call already sent for "Fail over" is not recalled.',
      'Nothing is undone, and it has not changed prod-app yet.',
    ]);
  });

  it('an abort with a mutating call recorded in flight names the call', () => {
    const inFlight = failover({
      steps: [
        {
          ...step('failover', 'Fail over', 'running', true),
          inFlight: { blockIndex: 0, service: 'rds', operation: 'FailoverDBCluster', input: {}, sentAt: '2026-01-01T00:00:00Z' },
        },
      ],
      current: 0,
    });
    expect(controlEffect(inFlight, 'abort').effects[1]).toBe(
      'A FailoverDBCluster call of "Fail over" may already be at AWS: stopping the run does not recall it.',
    );
  });

  it('a run with no database named says "the database", never "undefined"', () => {
    const anonymous = failover({ params: {}, locks: [] });
    const e = controlEffect(anonymous, 'abort');
    expect(e.title).toBe('Abort "Fail over an Aurora cluster" on the database?');
    expect(e.effects.join(' ')).not.toContain('undefined');
  });

  it('a skip names the next step, or says the run ends; skip and reject need a reason', () => {
    const skip = controlEffect(failover(), 'skip');
    expect(skip.effects[0]).toContain('the run goes on with "Verify"');
    expect(skip.reasonRequired).toBe(true);
    expect(controlEffect(failover({ current: 3 }), 'skip').effects[0]).toContain('the run ends');
    expect(controlEffect(failover(), 'reject').reasonRequired).toBe(true);
  });

  it('abort, roll back, skip and reject are confirmed; approve and retry are not', () => {
    expect([...DESTRUCTIVE_ACTIONS].sort()).toEqual(['abort', 'reject', 'rollback', 'skip']);
    expect(isDestructive('approve')).toBe(false);
    expect(isDestructive('retry')).toBe(false);
  });
});

describe('runDatabase', () => {
  it('prefers the catalog entity, then an RDS lock, then the cluster param', () => {
    const base = { locks: [] as string[], params: {} as Record<string, unknown> };
    expect(runDatabase({ ...base, entityRef: 'resource:default/prod-app' })).toBe('prod-app');
    expect(runDatabase({ ...base, locks: ['custom:x', 'global-cluster:orders-global@123456789012'] })).toBe('orders-global');
    expect(runDatabase({ ...base, params: { cluster: ' billing ' } })).toBe('billing');
    expect(runDatabase(base)).toBeUndefined();
  });
});

describe('runSubject', () => {
  it('names the database and where the run moves it', () => {
    expect(runSubject({ entityRef: 'resource:default/prod-app', locks: [], params: { cluster: 'prod-app', target: 'prod-app-2' } })).toBe(
      'prod-app → prod-app-2',
    );
    // An empty target is Aurora's choice: nothing to name yet.
    expect(runSubject({ locks: [], params: { cluster: 'prod-app', target: '' } })).toBe('prod-app');
    expect(runSubject({ locks: [], params: {} })).toBeUndefined();
  });
});
