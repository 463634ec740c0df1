/** What the rollout board's webview posts is untrusted: only exact protocol messages are acted on. */
import { checkFromRolloutWebview } from './rollout-protocol';

const problem = (m: unknown) => {
  const checked = checkFromRolloutWebview(m);
  return checked.ok ? undefined : checked.problem;
};

it('accepts each control exactly as the core types it', () => {
  for (const control of [
    { action: 'pause' },
    { action: 'resume', reason: 'window reopened' },
    { action: 'approve' },
    { action: 'abort', abortRuns: true },
    { action: 'abort', abortRuns: false, reason: 'wrong version' },
    { action: 'retry' },
    { action: 'retry', clusters: ['c1'] },
    { action: 'skip', cluster: 'c1', reason: '--force "x"\nnew line' },
  ])
    expect(checkFromRolloutWebview({ type: 'control', requestId: 3, control })).toEqual({
      ok: true,
      message: { type: 'control', requestId: 3, control },
    });
  expect(checkFromRolloutWebview({ type: 'ready' })).toEqual({ ok: true, message: { type: 'ready' } });
});

it('refuses anything else, saying what', () => {
  expect(problem(null)).toBe('not an object with a string `type`');
  expect(problem({ type: 'openRun', runId: 'x' })).toBe('unknown message type "openRun"');
  expect(problem({ type: 'ready', extra: 1 })).toBe('ready: unexpected field');
  expect(problem({ type: 'control', requestId: -1, control: { action: 'pause' } })).toBe('control: requestId is not a whole number');
  expect(problem({ type: 'control', requestId: 1.5, control: { action: 'pause' } })).toBe('control: requestId is not a whole number');
  expect(problem({ type: 'control', requestId: 1, control: { action: 'pause' }, runId: 'x' })).toBe('control: unexpected field');
  expect(problem({ type: 'control', requestId: 1, control: { action: 'rollback' } })).toBe('control: unknown rollout control "rollback"');
  expect(problem({ type: 'control', requestId: 1, control: { action: 'abort', abortRuns: 'yes' } })).toBe(
    'control: abort: abortRuns must be true or false',
  );
  expect(problem({ type: 'control', requestId: 1, control: { action: 'abort' } })).toBe('control: abort: abortRuns must be true or false');
  expect(problem({ type: 'control', requestId: 1, control: { action: 'skip', cluster: 'c1' } })).toBe(
    'control: skip: a cluster and a reason are required',
  );
  expect(problem({ type: 'control', requestId: 1, control: { action: 'skip', cluster: '', reason: 'x' } })).toBe(
    'control: skip: a cluster and a reason are required',
  );
  expect(problem({ type: 'control', requestId: 1, control: { action: 'retry', clusters: [] } })).toBe(
    'control: retry: clusters must be a list of cluster ids',
  );
  expect(problem({ type: 'control', requestId: 1, control: { action: 'retry', clusters: [1] } })).toBe(
    'control: retry: clusters must be a list of cluster ids',
  );
  expect(problem({ type: 'control', requestId: 1, control: { action: 'pause', cluster: 'c1' } })).toBe(
    'control: pause: only a reason may go with it',
  );
  // A class instance or an object with another prototype is not a plain message.
  expect(problem({ type: 'control', requestId: 1, control: Object.assign(Object.create({ polluted: true }), { action: 'pause' }) })).toBe(
    'control: control is not an object',
  );
});
