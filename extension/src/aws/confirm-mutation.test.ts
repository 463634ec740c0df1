import * as vscode from 'vscode';
import { confirmMutation } from './confirm-mutation';

const request = {
  service: 'rds' as const,
  operation: 'FailoverDBCluster',
  input: { DBClusterIdentifier: 'prod-app' },
  region: 'eu-west-1',
  target: 'aws',
  sandbox: false,
  identity: { account: '210987654321', arn: 'arn:aws:sts::210987654321:assumed-role/oncall/alice', userId: 'AROA' },
};

describe('confirmMutation', () => {
  const show = vscode.window.showWarningMessage as jest.Mock;
  const input = vscode.window.showInputBox as jest.Mock;
  afterEach(() => {
    show.mockReset();
    input.mockReset();
  });

  it('on a real account: the default button only leads on to typing the cluster name; only the exact name sends', async () => {
    show.mockResolvedValueOnce('Fail over prod-app…');
    input.mockResolvedValueOnce('prod-app');
    await expect(confirmMutation(request)).resolves.toBe(true);
    const [message, options, ...buttons] = show.mock.calls[0];
    expect(message).toBe('Fail over prod-app? REAL AWS account 210987654321, eu-west-1');
    expect(options.modal).toBe(true);
    expect(options.detail).toContain('Caller: arn:aws:sts::210987654321:assumed-role/oncall/alice');
    expect(buttons).toEqual(['Fail over prod-app…']);
    const box = input.mock.calls[0][0];
    expect(box.title).toBe('Fail over prod-app in REAL AWS account 210987654321, eu-west-1');
    expect(box.validateInput('')).toBe('type prod-app exactly to send the call');
    expect(box.validateInput('prod-ap')).toBe('type prod-app exactly to send the call');
    expect(box.validateInput('prod-app')).toBeUndefined();
  });

  it('on a real account: Enter on the modal then Escape (or a wrong name) sends nothing', async () => {
    show.mockResolvedValueOnce('Fail over prod-app…');
    input.mockResolvedValueOnce(undefined);
    await expect(confirmMutation(request)).resolves.toBe(false);
    show.mockResolvedValueOnce('Fail over prod-app…');
    input.mockResolvedValueOnce('prod-app2');
    await expect(confirmMutation(request)).resolves.toBe(false);
  });

  it('a call naming no resource asks for the account number instead', async () => {
    show.mockResolvedValueOnce('Modify DB cluster…');
    input.mockResolvedValueOnce('210987654321');
    await expect(confirmMutation({ ...request, operation: 'ModifyDBCluster', input: {} })).resolves.toBe(true);
    expect(input.mock.calls[0][0].validateInput('210987654321')).toBeUndefined();
  });

  it('in the sandbox: one modal, its button named after the action, sends; no typing', async () => {
    show.mockResolvedValueOnce('Fail over prod-app');
    await expect(confirmMutation({ ...request, sandbox: true })).resolves.toBe(true);
    const [message, , ...buttons] = show.mock.calls[0];
    expect(message).toMatch(/^Fail over prod-app\? SANDBOX/);
    expect(buttons).toEqual(['Fail over prod-app']);
    expect(input).not.toHaveBeenCalled();
  });

  it('an http request: the button leads on to typing the host (a real service, even beside the sandbox); Escape sends nothing', async () => {
    const put = {
      kind: 'http' as const,
      method: 'PUT',
      url: 'https://maint.internal/maintenance',
      headers: { Authorization: 'Bearer [secret]' },
      body: '{"maintenance":true}',
      sandbox: true,
    };
    show.mockResolvedValueOnce('Send PUT to maint.internal…');
    input.mockResolvedValueOnce('maint.internal');
    await expect(confirmMutation(put)).resolves.toBe(true);
    const [message, options, ...buttons] = show.mock.calls[0];
    expect(message).toBe('Send PUT to maint.internal? REAL HTTP request to maint.internal — the sandbox simulates AWS, not this service');
    expect(options.modal).toBe(true);
    expect(options.detail).toContain('  Authorization: Bearer [secret]');
    expect(buttons).toEqual(['Send PUT to maint.internal…']);
    expect(input.mock.calls[0][0].validateInput('maint.internal.')).toBe('type maint.internal exactly to send the request');
    show.mockResolvedValueOnce('Send PUT to maint.internal…');
    input.mockResolvedValueOnce(undefined);
    await expect(confirmMutation(put)).resolves.toBe(false);
  });

  it('treats closing the modal as no', async () => {
    show.mockResolvedValueOnce(undefined);
    await expect(confirmMutation(request)).resolves.toBe(false);
    expect(input).not.toHaveBeenCalled();
  });
});
