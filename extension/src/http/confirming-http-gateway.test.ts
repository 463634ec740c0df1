import { HttpDeclinedError, NodeHttpGateway } from '@switchyard/core';
import type { ConfirmationPhase } from '../aws/confirming-gateway';
import { ConfirmingHttpGateway } from './confirming-http-gateway';

const inner = new NodeHttpGateway({
  secrets: { get: (n) => (n === 'token' ? 'tok-1' : undefined), howToSet: () => 'set it' },
  allowList: { entries: ['maint.internal'], setting: 'switchyard.http.allowedHosts' },
});
const shown = { method: 'POST', url: 'https://maint.internal/drain', headers: { Authorization: 'Bearer [secret]' }, body: '{}' };

it('hands sending, the allow-list and the secrets to the gateway it wraps', () => {
  const gateway = new ConfirmingHttpGateway(inner, { sandbox: false, confirm: async () => true, operator: () => 'alice' });
  expect(gateway.secrets.get('token')).toBe('tok-1');
  expect(gateway.refusal(new URL('https://maint.internal/'))).toBeUndefined();
  expect(gateway.refusal(new URL('https://evil.example/'))?.host).toBe('evil.example');
});

it('an answer given after the run was stopped sends nothing, whatever it was', async () => {
  const stop = new AbortController();
  const phases: ConfirmationPhase[] = [];
  const audit = jest.fn(async () => undefined);
  const gateway = new ConfirmingHttpGateway(inner, {
    sandbox: false,
    operator: () => 'alice',
    confirm: async () => {
      stop.abort(); // the operator aborted the run from its panel while the dialog was open
      return true;
    },
    onPhase: (phase) => phases.push(phase),
  });
  const error = await gateway.confirm(shown, { signal: stop.signal, audit }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(HttpDeclinedError);
  expect((error as Error).message).toBe(
    'POST https://maint.internal/drain was not sent: the run was stopped while the confirmation was open; retry the step to be asked again, or skip or abort it',
  );
  expect(audit).not.toHaveBeenCalled();
  expect(phases).toEqual(['asking', 'settled']);
});

it('a paused request whose run is stopped fails as declined; the phases end settled', async () => {
  const phases: ConfirmationPhase[] = [];
  const gateway = new ConfirmingHttpGateway(inner, {
    sandbox: true,
    operator: () => 'bob',
    confirm: async () => false,
    paused: async () => {
      throw new Error('the run was stopped');
    },
    onPhase: (phase, request) => phases.push(phase) && expect(request).toMatchObject({ kind: 'http', sandbox: true }),
  });
  const audit = jest.fn(async () => undefined);
  await expect(gateway.confirm(shown, { audit })).rejects.toThrow(
    'POST https://maint.internal/drain was not sent: the operator declined the confirmation in VS Code and the run was stopped',
  );
  expect(audit).toHaveBeenCalledWith({
    actor: 'bob',
    action: 'declined POST',
    detail: 'POST https://maint.internal/drain not sent; the step is paused until asked again',
  });
  expect(phases).toEqual(['asking', 'paused', 'settled']);
});
