import * as vscode from 'vscode';
import { confirmMutation } from './confirm-mutation';

const request = {
  service: 'rds' as const,
  operation: 'FailoverDBCluster',
  input: { DBClusterIdentifier: 'prod-app' },
  region: 'eu-west-1',
  target: 'aws',
  identity: { account: '210987654321', arn: 'arn:aws:sts::210987654321:assumed-role/oncall/alice', userId: 'AROA' },
};

describe('confirmMutation', () => {
  const show = vscode.window.showWarningMessage as jest.Mock;
  afterEach(() => show.mockReset());

  it('asks in a modal naming account, region and resource, and sends only on "Send"', async () => {
    show.mockResolvedValueOnce('Send');
    await expect(confirmMutation(request)).resolves.toBe(true);
    const [message, options, ...buttons] = show.mock.calls[0];
    expect(message).toBe('FailoverDBCluster on DBClusterIdentifier prod-app in account 210987654321, eu-west-1?');
    expect(options.modal).toBe(true);
    expect(options.detail).toContain('Caller: arn:aws:sts::210987654321:assumed-role/oncall/alice');
    expect(buttons).toEqual(['Send']);
  });

  it('treats closing the modal as no', async () => {
    show.mockResolvedValueOnce(undefined);
    await expect(confirmMutation(request)).resolves.toBe(false);
  });
});
