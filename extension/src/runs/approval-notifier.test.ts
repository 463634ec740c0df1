import * as vscode from 'vscode';
import { ApprovalRefusedError, type Run } from '@switchyard/core';
import { ApprovalNotifier } from './approval-notifier';
import type { RunService } from './run-service';

const waiting = (fourEyes: boolean): Run =>
  ({
    id: 'run-1',
    runbook: { file: 'f.md', title: 'Switch over', source: '' },
    status: 'waiting-approval',
    phase: 'forward',
    startedBy: 'alice',
    current: 0,
    steps: [
      {
        id: 'go',
        name: 'Approve the switchover',
        status: 'waiting-approval',
        approval: { kind: 'approve', message: 'Switch prod-app over?', fourEyes, approvers: [], requestedAt: '2026-01-01T00:00:00Z' },
      },
    ],
    rollbackSteps: [],
  }) as unknown as Run;

describe('ApprovalNotifier', () => {
  const info = vscode.window.showInformationMessage as jest.Mock;
  const warn = vscode.window.showWarningMessage as jest.Mock;
  const input = vscode.window.showInputBox as jest.Mock;
  const error = vscode.window.showErrorMessage as jest.Mock;
  let control: jest.Mock;
  let connection: string;
  const runs = () => ({ control, connectionIdOf: () => connection }) as unknown as RunService;

  beforeEach(() => {
    control = jest.fn().mockResolvedValue(undefined);
    connection = 'sandbox';
    for (const m of [info, warn, input, error]) m.mockReset();
  });

  it('asks once per request with Approve/Reject and approves as the user', async () => {
    info.mockResolvedValueOnce('Approve');
    const notifier = new ApprovalNotifier(runs(), () => 'alice');
    await notifier.notify(waiting(false));
    await notifier.notify(waiting(false));
    expect(info).toHaveBeenCalledTimes(1);
    expect(info.mock.calls[0]).toEqual(['Switchyard — Switch over: Switch prod-app over?', 'Approve', 'Reject', 'Open run']);
    expect(control).toHaveBeenCalledWith('run-1', 'approve', 'alice', 'approved in VS Code');
  });

  it('rejects with the reason typed', async () => {
    info.mockResolvedValueOnce('Reject');
    input.mockResolvedValueOnce('wrong cluster');
    await new ApprovalNotifier(runs(), () => 'alice').notify(waiting(false));
    expect(control).toHaveBeenCalledWith('run-1', 'reject', 'alice', 'wrong cluster');
  });

  it('keeps four eyes: in the sandbox the refusal offers a named second person, never the starter', async () => {
    control.mockRejectedValueOnce(new ApprovalRefusedError('alice started this run and this step needs a second person (four eyes)'));
    info.mockResolvedValueOnce('Approve');
    warn.mockResolvedValueOnce('Approve as a second person…');
    input.mockResolvedValueOnce('bob');
    await new ApprovalNotifier(runs(), () => 'alice').notify(waiting(true));
    const validate = input.mock.calls[0][0].validateInput as (v: string) => string | undefined;
    expect(validate('alice')).toMatch(/a name other than alice/);
    expect(validate('bob')).toBeUndefined();
    expect(control).toHaveBeenLastCalledWith('run-1', 'approve', 'bob', 'four-eyes approval recorded in the VS Code sandbox by alice');
  });

  it('on AWS the four-eyes refusal is final: it is shown, nothing else is offered', async () => {
    connection = 'aws:default@us-east-1';
    control.mockRejectedValueOnce(new ApprovalRefusedError('alice started this run and this step needs a second person (four eyes)'));
    info.mockResolvedValueOnce('Approve');
    await new ApprovalNotifier(runs(), () => 'alice').notify(waiting(true));
    expect(warn).not.toHaveBeenCalled();
    expect(error.mock.calls[0][0]).toMatch(/needs a second person/);
    expect(control).toHaveBeenCalledTimes(1);
  });
});
