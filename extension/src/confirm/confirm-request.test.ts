import type { MutationRequest } from '../aws/mutation-request';
import type { HttpMutationRequest } from '../http/http-mutation-request';
import { confirmAction, confirmPrompt, confirmWhere } from './confirm-request';

const put: HttpMutationRequest = {
  kind: 'http',
  method: 'PUT',
  url: 'https://maint.internal:8443/admin/maintenance?who=run-1',
  headers: { Authorization: 'Bearer [secret]', 'X-Reason': 'switchover of billing' },
  body: '{"maintenance":true}',
  sandbox: false,
};

const failover: MutationRequest = {
  service: 'rds',
  operation: 'FailoverDBCluster',
  input: { DBClusterIdentifier: 'prod-app' },
  region: 'eu-west-1',
  target: 'aws',
  sandbox: true,
  identity: { account: '000000000000', arn: 'arn:aws:iam::000000000000:user/sim', userId: 'A' },
};

describe('the confirmation of an http request', () => {
  it('names the method and host on the button, and says it is a real request', () => {
    expect(confirmAction(put)).toBe('Send PUT to maint.internal:8443');
    expect(confirmWhere(put)).toBe('REAL HTTP request to maint.internal:8443');
    expect(confirmWhere({ ...put, sandbox: true })).toBe(
      'REAL HTTP request to maint.internal:8443 — the sandbox simulates AWS, not this service',
    );
  });

  it('shows method, URL, every header (secrets as [secret]) and the body, then asks to type the host, even beside the sandbox', () => {
    for (const request of [put, { ...put, sandbox: true }]) {
      const prompt = confirmPrompt(request);
      expect(prompt.button).toBe('Send PUT to maint.internal:8443…');
      expect(prompt.detail.split('\n')).toEqual([
        'Mutating request: PUT https://maint.internal:8443/admin/maintenance?who=run-1',
        'Headers:',
        '  Authorization: Bearer [secret]',
        '  X-Reason: switchover of billing',
        'Body: {"maintenance":true}',
        '',
        'Next: type the host to confirm.',
      ]);
      expect(prompt.typed).toEqual({
        expected: 'maint.internal:8443',
        title: 'Send PUT to maint.internal:8443 (a real HTTP request)',
        prompt:
          'Type maint.internal:8443 to send PUT https://maint.internal:8443/admin/maintenance?who=run-1. Escape cancels; nothing is sent.',
        invalid: 'type maint.internal:8443 exactly to send the request',
      });
    }
  });

  it('says when there are no headers or body, and cuts a long body saying so', () => {
    const bare = confirmPrompt({ ...put, method: 'DELETE', headers: {}, body: undefined }).detail.split('\n');
    expect(bare.slice(1, 3)).toEqual(['Headers: (none)', 'Body: (none)']);
    const long = confirmPrompt({ ...put, body: 'x'.repeat(5000) }).detail;
    expect(long).toContain(`Body: ${'x'.repeat(1000)}… (5000 characters, cut here)`);
  });

  it('leaves AWS calls as they were: the sandbox button sends, no typing', () => {
    expect(confirmPrompt(failover).button).toBe('Fail over prod-app');
    expect(confirmPrompt(failover).typed).toBeUndefined();
    expect(confirmPrompt({ ...failover, sandbox: false }).typed?.expected).toBe('prod-app');
    expect(confirmAction(failover)).toBe('Fail over prod-app');
  });
});
