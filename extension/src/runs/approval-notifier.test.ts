import * as vscode from 'vscode';
import { ApprovalRefusedError, type Run, type RunHost } from '@switchyard/core';
import { ApprovalNotifier } from './approval-notifier';

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
  let target: string;
  let latest: Run | undefined;
  const runs = () => ({ control, targetKeyOf: () => target, get: async () => latest }) as unknown as RunHost;
  const commands = vscode.commands.executeCommand as jest.Mock;
  const alice = () => ({ name: 'alice' });
  const fourEyes = new ApprovalRefusedError({ rule: 'four-eyes', actor: 'alice', startedBy: 'alice' });

  beforeEach(() => {
    control = jest.fn().mockResolvedValue(undefined);
    target = 'sandbox';
    latest = waiting(false);
    for (const m of [info, warn, input, error, commands]) m.mockReset();
  });

  it('asks once per request with Approve/Reject and approves as the user', async () => {
    info.mockResolvedValueOnce('Approve');
    const notifier = new ApprovalNotifier(runs(), alice);
    await notifier.notify(waiting(false));
    await notifier.notify(waiting(false));
    expect(info).toHaveBeenCalledTimes(1);
    expect(info.mock.calls[0]).toEqual(['Switchyard — Switch over: Switch prod-app over?', 'Approve', 'Reject', 'Open run']);
    expect(control).toHaveBeenCalledWith('run-1', { action: 'approve', reason: 'approved in VS Code' }, { name: 'alice' });
  });

  it('rejects with the reason typed', async () => {
    info.mockResolvedValueOnce('Reject');
    input.mockResolvedValueOnce('wrong cluster');
    await new ApprovalNotifier(runs(), alice).notify(waiting(false));
    expect(control).toHaveBeenCalledWith('run-1', { action: 'reject', reason: 'wrong cluster' }, { name: 'alice' });
    const validate = input.mock.calls[0][0].validateInput as (v: string) => string | undefined;
    expect(validate('  ')).toMatch(/a reason is required/);
  });

  it('keeps four eyes: in the sandbox the refusal offers a named second person, never the starter', async () => {
    control.mockRejectedValueOnce(fourEyes);
    info.mockResolvedValueOnce('Approve');
    warn.mockResolvedValueOnce('Approve as a second person…');
    input.mockResolvedValueOnce('bob');
    await new ApprovalNotifier(runs(), alice).notify(waiting(true));
    const validate = input.mock.calls[0][0].validateInput as (v: string) => string | undefined;
    expect(validate('alice')).toMatch(/a name other than alice/);
    expect(validate('bob')).toBeUndefined();
    expect(control).toHaveBeenLastCalledWith(
      'run-1',
      { action: 'approve', reason: 'four-eyes approval recorded in the VS Code sandbox by alice' },
      { name: 'bob' },
    );
  });

  it('on AWS the four-eyes refusal is final: it is shown, nothing else is offered', async () => {
    target = 'aws:default@us-east-1';
    control.mockRejectedValueOnce(fourEyes);
    info.mockResolvedValueOnce('Approve');
    await new ApprovalNotifier(runs(), alice).notify(waiting(true));
    expect(warn).not.toHaveBeenCalled();
    expect(error.mock.calls[0][0]).toMatch(/needs a second person/);
    expect(control).toHaveBeenCalledTimes(1);
  });

  it('a click on a notification answered meanwhile does nothing and says who answered it', async () => {
    info.mockResolvedValueOnce('Approve').mockResolvedValueOnce(undefined);
    latest = {
      ...waiting(false),
      status: 'failed',
      audit: [{ at: '2026-01-01T00:03:00Z', actor: 'bob', action: 'step failed', stepId: 'go', detail: 'rejected by bob: wrong cluster' }],
    } as Run;
    await new ApprovalNotifier(runs(), alice).notify(waiting(false));
    expect(control).not.toHaveBeenCalled();
    expect(info.mock.calls[1][0]).toBe(
      'Switchyard: nothing done — "Approve the switchover" was already answered (step failed by bob at 00:03 UTC; the run is failed).',
    );
  });

  it('a click after a newer approval request of the same step is stale too', async () => {
    info.mockResolvedValueOnce('Reject').mockResolvedValueOnce(undefined);
    const newer = waiting(false);
    newer.steps[0].approval!.requestedAt = '2026-01-01T00:10:00Z';
    latest = { ...newer, audit: [] } as Run;
    await new ApprovalNotifier(runs(), alice).notify(waiting(false));
    expect(input).not.toHaveBeenCalled();
    expect(control).not.toHaveBeenCalled();
    expect(info.mock.calls[1][0]).toMatch(/nothing done .* already answered \(the run is waiting-approval\)/);
  });

  it('says once when a run ends, with the way to it', async () => {
    const notifier = new ApprovalNotifier(runs(), alice);
    warn.mockResolvedValueOnce('Open run');
    const failed = { ...waiting(false), status: 'failed', error: 'step "go" failed' } as Run;
    await notifier.runEnded(failed);
    await notifier.runEnded(failed);
    await notifier.runEnded({ ...waiting(false) });
    expect(warn.mock.calls).toEqual([
      ['Switchyard — Switch over: failed: step "go" failed — retry, skip or abort it in the run', 'Open run'],
    ]);
    expect(commands).toHaveBeenCalledWith('switchyard.openRun', 'run-1');
    info.mockResolvedValueOnce(undefined);
    await notifier.runEnded({ ...waiting(false), id: 'run-2', status: 'succeeded' } as Run);
    expect(info.mock.calls[0]).toEqual(['Switchyard — Switch over: succeeded', 'Open run']);
  });
});
