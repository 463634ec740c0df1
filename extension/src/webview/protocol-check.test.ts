import { checkFromWebview } from './protocol-check';

it('accepts every message of the protocol as the webview posts it', () => {
  const messages = [
    { type: 'ready' },
    { type: 'refresh' },
    { type: 'newRun' },
    { type: 'askAgain', id: 2 },
    { type: 'selectRunbook', runbookId: '' },
    {
      type: 'start',
      runbookId: 'file:///ws/runbooks/failover.md',
      params: { cluster: 'prod-app', minutes: 5, force: false },
      dryRun: true,
    },
    { type: 'action', requestId: 3, runId: 'run-1', control: { action: 'skip', reason: 'done by hand' } },
    { type: 'action', requestId: 0, runId: 'run-1', control: { action: 'approve' } },
  ];
  for (const message of messages) expect(checkFromWebview(message)).toEqual({ ok: true, message });
});

it('refuses anything else, saying what is wrong', () => {
  const refused: Array<[unknown, string]> = [
    [undefined, 'not an object'],
    [['start'], 'not an object'],
    [{ type: 7 }, 'not an object with a string `type`'],
    [{ type: 'toString' }, 'unknown message type "toString"'],
    [{ type: '__proto__' }, 'unknown message type "__proto__"'],
    [{ type: 'askAgain', id: '2' }, 'askAgain: id is not a whole number'],
    [{ type: 'ready', extra: 1 }, 'ready: unexpected field "extra"'],
    [{ type: 'selectRunbook' }, 'selectRunbook: runbookId is not a string'],
    [{ type: 'start', runbookId: 'x', params: { a: null }, dryRun: false }, 'start: params is not an object of strings'],
    [{ type: 'start', runbookId: 'x', params: { a: Number.NaN }, dryRun: false }, 'start: params is not'],
    [{ type: 'start', runbookId: 'x', params: new Map(), dryRun: false }, 'start: params is not'],
    [{ type: 'start', runbookId: 'x', params: {}, dryRun: 1 }, 'start: dryRun is not true or false'],
    [{ type: 'action', requestId: -1, runId: 'r', control: { action: 'abort' } }, 'action: requestId is not a whole number'],
    [{ type: 'action', requestId: 1, runId: 'r', control: { action: 'delete' } }, 'action: control is not { action: approve'],
    [{ type: 'action', requestId: 1, runId: 'r', control: { action: 'abort', as: 'bob' } }, 'action: control is not'],
  ];
  for (const [message, problem] of refused) {
    const checked = checkFromWebview(message);
    expect([message, checked.ok]).toEqual([message, false]);
    if (!checked.ok) expect(checked.problem).toContain(problem);
  }
});
