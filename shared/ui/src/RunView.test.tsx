import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { Run } from '@switchyard/core';
import { allowedControls, CONTROL_RULES, RUN_ACTIONS, RUN_STATUSES, type RunAction, type RunControl } from '@switchyard/core/model';
import type { RunPermissions } from './api-types';
import { RunView, viewerOf } from './RunView';
import { run, step } from './test-fixtures';

const T0 = Date.parse('2024-05-02T12:00:00.000Z');
const BOB: RunPermissions = { approve: true, control: true, user: 'bob' };
const ALICE: RunPermissions = { approve: true, control: true, user: 'alice' };

function waitingForApproval(fourEyes: boolean): Run {
  return run({
    status: 'waiting-approval',
    current: 1,
    steps: [
      step('before', { status: 'succeeded', startedAt: '2024-05-02T12:00:00.000Z', endedAt: '2024-05-02T12:00:42.000Z', attempts: 1 }),
      step('approve', {
        name: 'Approve the failover',
        status: 'waiting-approval',
        startedAt: '2024-05-02T12:00:42.000Z',
        attempts: 1,
        approval: {
          kind: 'approve',
          message: 'Fail over prod-app to prod-app-2?',
          fourEyes,
          approvers: [],
          requestedAt: '2024-05-02T12:00:42.000Z',
        },
      }),
      step('failover', { name: 'Fail over', mutating: true }),
    ],
  });
}

function failed(): Run {
  return run({
    status: 'failed',
    current: 0,
    error: 'step failover failed',
    steps: [
      step('failover', {
        name: 'Fail over',
        status: 'failed',
        attempts: 2,
        mutating: true,
        startedAt: '2024-05-02T12:00:00.000Z',
        endedAt: '2024-05-02T12:03:07.000Z',
        error: 'InvalidDBClusterStateFault: cluster prod-app is not available',
        log: [
          { at: '2024-05-02T12:00:01.000Z', level: 'info', text: 'aws rds failover-db-cluster --db-cluster-identifier prod-app' },
          { at: '2024-05-02T12:00:02.000Z', level: 'error', text: 'InvalidDBClusterStateFault' },
        ],
        output: { writer: 'prod-app-1' },
      }),
    ],
    audit: [
      { at: '2024-05-02T12:00:00.000Z', actor: 'alice', action: 'run started' },
      { at: '2024-05-02T12:01:00.000Z', actor: 'bob', action: 'retry', stepId: 'failover' },
    ],
  });
}

function recorder() {
  const calls: Array<[RunAction, string | undefined]> = [];
  return { calls, onAction: (c: RunControl) => void calls.push([c.action, c.reason]) };
}

describe('RunView', () => {
  it('lists the steps with status, duration and the current one marked', () => {
    render(<RunView run={waitingForApproval(false)} permissions={BOB} onAction={() => undefined} now={T0 + 75_000} />);
    const steps = within(screen.getByRole('list', { name: 'Steps' })).getAllByRole('listitem');
    expect(steps.map((s) => s.getAttribute('data-status'))).toEqual(['succeeded', 'waiting-approval', 'pending']);
    expect(within(steps[0]).getByRole('img', { name: 'succeeded' })).toBeTruthy();
    expect(screen.getByTestId('step-before-duration').textContent).toBe('42s');
    // live: from 12:00:42 to now (12:01:15)
    expect(screen.getByTestId('step-approve-duration').textContent).toBe('33s');
    expect(steps[1].getAttribute('aria-current')).toBe('step');
    expect(screen.queryByTestId('step-failover-duration')).toBeNull();
    expect(steps[2].textContent).toContain('changes AWS');
  });

  it('ticks live durations by itself when no `now` is given', () => {
    jest.useFakeTimers({ now: T0 + 60_000 });
    try {
      render(<RunView run={waitingForApproval(false)} permissions={BOB} onAction={() => undefined} />);
      expect(screen.getByTestId('step-approve-duration').textContent).toBe('18s');
      act(() => jest.advanceTimersByTime(5000));
      expect(screen.getByTestId('step-approve-duration').textContent).toBe('23s');
    } finally {
      jest.useRealTimers();
    }
  });

  it('lets another user approve or reject a four-eyes step', () => {
    const { calls, onAction } = recorder();
    render(<RunView run={waitingForApproval(true)} permissions={BOB} onAction={onAction} now={T0} />);
    const approval = screen.getByRole('region', { name: 'Approval requested for Approve the failover' });
    expect(approval.textContent).toContain('Fail over prod-app to prod-app-2?');
    expect(approval.textContent).toContain('someone other than alice must approve');
    fireEvent.click(within(approval).getByRole('button', { name: 'Approve' }));
    expect(calls).toEqual([['approve', undefined]]);
    expect(within(approval).getByRole('button', { name: 'Reject' })).toBeTruthy();
  });

  it('hides Approve, Reject and Skip from the starter of a four-eyes step and says why', () => {
    render(<RunView run={waitingForApproval(true)} permissions={ALICE} onAction={() => undefined} now={T0} />);
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Reject' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Skip' })).toBeNull();
    expect(screen.getByRole('note').textContent).toMatch(/You started this run and this step needs a second person/);
    expect(screen.getByRole('button', { name: 'Abort' })).toBeTruthy();
  });

  it('lets the starter approve their own step when it does not need four eyes', () => {
    render(<RunView run={waitingForApproval(false)} permissions={ALICE} onAction={() => undefined} now={T0} />);
    expect(screen.getByRole('button', { name: 'Approve' })).toBeTruthy();
  });

  it('offers no approval to a user without the approve permission', () => {
    render(<RunView run={waitingForApproval(false)} permissions={{ ...BOB, approve: false }} onAction={() => undefined} now={T0} />);
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(screen.getByRole('note').textContent).toBe('bob may not approve runs on this database');
  });

  it('asks for a reason before rejecting, in a dialog that says what the rejection does', () => {
    const { calls, onAction } = recorder();
    render(<RunView run={waitingForApproval(true)} permissions={BOB} onAction={onAction} now={T0} />);
    fireEvent.click(screen.getByRole('button', { name: 'Reject' }));
    const dialog = screen.getByRole('dialog', { name: /^Reject ".*" on prod-app\?$/ });
    expect(dialog.textContent).toContain('"Approve the failover" fails; prod-app is not changed by it.');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Reject' }));
    expect(calls).toEqual([]);
    expect(within(dialog).getByRole('alert').textContent).toBe('A reason is required to reject a step; it is kept in the audit trail');
    fireEvent.change(within(dialog).getByLabelText(/Reason \(required/), { target: { value: 'not during peak' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Reject' }));
    expect(calls).toEqual([['reject', 'not during peak']]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows Retry, Skip, Abort and Roll back on a failed step, with its error and log', () => {
    const { calls, onAction } = recorder();
    render(<RunView run={failed()} permissions={BOB} onAction={onAction} now={T0} />);
    const toolbar = screen.getByRole('toolbar', { name: 'Run controls' });
    expect(
      within(toolbar)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Retry', 'Skip', 'Abort', 'Roll back']);
    expect(screen.getByTestId('step-failover').textContent).toContain('InvalidDBClusterStateFault: cluster prod-app is not available');
    expect(screen.getByTestId('step-failover').textContent).toContain('attempt 2');
    expect(screen.getByTestId('step-failover-duration').textContent).toBe('3m 07s');
    const log = screen.getByRole('list', { name: 'Log of Fail over' });
    expect(within(log).getAllByRole('listitem')).toHaveLength(2);
    expect(screen.getByLabelText('Output of Fail over').textContent).toContain('"writer": "prod-app-1"');
    expect(screen.getByText('Output and log (2 lines)')).toBeTruthy();
    // Retry is sent at once; Roll back and Abort first ask, in a dialog that says what they do to prod-app.
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(calls).toEqual([['retry', undefined]]);
    fireEvent.click(within(toolbar).getByRole('button', { name: 'Roll back' }));
    expect(calls).toHaveLength(1);
    const rollback = screen.getByRole('dialog', { name: /^Roll back ".*" on prod-app\?$/ });
    expect(rollback.textContent).toContain('Nothing has been changed on prod-app yet');
    fireEvent.click(within(rollback).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(calls).toHaveLength(1);
    fireEvent.click(within(toolbar).getByRole('button', { name: 'Abort' }));
    const abort = screen.getByRole('dialog', { name: /^Abort / });
    fireEvent.change(within(abort).getByLabelText(/Reason \(optional/), { target: { value: '  game day over  ' } });
    fireEvent.click(within(abort).getByRole('button', { name: 'Abort run' }));
    fireEvent.click(within(toolbar).getByRole('button', { name: 'Roll back' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Roll back' }));
    expect(calls).toEqual([
      ['retry', undefined],
      ['abort', 'game day over'],
      ['rollback', undefined],
    ]);
  });

  it('lets the host show the confirmation in its own dialog, with the same words', () => {
    const { calls, onAction } = recorder();
    render(
      <RunView
        run={failed()}
        permissions={BOB}
        onAction={onAction}
        now={T0}
        renderConfirm={(req) => (
          <div role="dialog" aria-label="host dialog">
            {req.effect.effects.join(' ')}
            <button type="button" onClick={() => req.onConfirm('host reason')}>
              host confirm
            </button>
          </div>
        )}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Abort' }));
    expect(screen.getByRole('dialog', { name: 'host dialog' }).textContent).toContain('Stops the run for good at "Fail over"');
    fireEvent.click(screen.getByRole('button', { name: 'host confirm' }));
    expect(calls).toEqual([['abort', 'host reason']]);
  });

  it('a host that confirms natively gets the destructive control without a second, inline confirmation', async () => {
    const { calls, onAction } = recorder();
    const asked: string[] = [];
    let answer!: () => void;
    render(
      <RunView
        run={failed()}
        permissions={BOB}
        onAction={onAction}
        now={T0}
        confirmInHost={(action) => {
          asked.push(action);
          return new Promise<void>((resolve) => (answer = resolve));
        }}
      />,
    );
    const toolbar = screen.getByRole('toolbar', { name: 'Run controls' });
    fireEvent.click(within(toolbar).getByRole('button', { name: 'Abort' }));
    expect(asked).toEqual(['abort']);
    expect(screen.queryByRole('dialog')).toBeNull();
    // While the host asks, the controls wait: a second click cannot ask twice.
    expect((within(toolbar).getByRole('button', { name: 'Roll back' }) as HTMLButtonElement).disabled).toBe(true);
    await act(async () => answer());
    expect((within(toolbar).getByRole('button', { name: 'Roll back' }) as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(within(toolbar).getByRole('button', { name: 'Skip' }));
    await act(async () => answer());
    // Retry is not destructive: it is still sent at once through onAction.
    fireEvent.click(within(toolbar).getByRole('button', { name: 'Retry' }));
    expect(asked).toEqual(['abort', 'skip']);
    expect(calls).toEqual([['retry', undefined]]);
  });

  it('a reject asked by the host leaves the approval panel without an inline dialog', () => {
    const asked: string[] = [];
    render(
      <RunView
        run={waitingForApproval(true)}
        permissions={BOB}
        onAction={() => undefined}
        now={T0}
        confirmInHost={(a) => void asked.push(a)}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Reject' }));
    expect(asked).toEqual(['reject']);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows a host confirmation that failed', async () => {
    render(
      <RunView
        run={failed()}
        permissions={BOB}
        onAction={() => undefined}
        now={T0}
        confirmInHost={() => Promise.reject(new Error('run r1 is not the run this panel shows'))}
      />,
    );
    fireEvent.click(within(screen.getByRole('toolbar', { name: 'Run controls' })).getByRole('button', { name: 'Abort' }));
    await act(async () => undefined);
    expect(screen.getAllByRole('alert').map((a) => a.textContent)).toContain('Abort failed: run r1 is not the run this panel shows');
  });

  it('drops a confirmation the run no longer allows (it ended while the user read)', () => {
    const { calls, onAction } = recorder();
    const { rerender } = render(<RunView run={failed()} permissions={BOB} onAction={onAction} now={T0} />);
    fireEvent.click(screen.getByRole('button', { name: 'Abort' }));
    expect(screen.getByRole('dialog')).toBeTruthy();
    rerender(<RunView run={{ ...failed(), status: 'aborted' }} permissions={BOB} onAction={onAction} now={T0} />);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(calls).toEqual([]);
  });

  it('requires a reason to skip, and says what skipping leaves undone', () => {
    const { calls, onAction } = recorder();
    render(<RunView run={failed()} permissions={BOB} onAction={onAction} now={T0} />);
    fireEvent.click(screen.getByRole('button', { name: 'Skip' }));
    const dialog = screen.getByRole('dialog');
    expect(dialog.textContent).toContain('Whatever "Fail over" should have done to prod-app is not done');
    const input = within(dialog).getByLabelText(/Reason \(required/);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Skip step' }));
    expect(calls).toEqual([]);
    expect(screen.getByText('A reason is required to skip a step; it is kept in the audit trail').getAttribute('role')).toBe('alert');
    fireEvent.change(input, { target: { value: '   ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Skip step' }));
    expect(calls).toEqual([]);
    fireEvent.change(input, { target: { value: 'failed over by hand' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Skip step' }));
    expect(calls).toEqual([['skip', 'failed over by hand']]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows no controls to a user without the control permission', () => {
    render(<RunView run={failed()} permissions={{ ...BOB, control: false }} onAction={() => undefined} now={T0} />);
    expect(screen.queryByRole('toolbar')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('shows a succeeded run with only Roll back, and a rolled-back run with no controls', () => {
    const done = run({ status: 'succeeded', endedAt: '2024-05-02T12:05:00.000Z', steps: [step('a', { status: 'succeeded' })] });
    const { rerender } = render(<RunView run={done} permissions={BOB} onAction={() => undefined} now={T0} />);
    expect(
      within(screen.getByRole('toolbar'))
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Roll back']);
    expect(screen.getByText(/5m 00s/)).toBeTruthy();
    rerender(
      <RunView
        run={{ ...done, status: 'rolled-back', phase: 'rollback', rollbackSteps: [step('undo-a', { status: 'succeeded' })] }}
        permissions={BOB}
        onAction={() => undefined}
        now={T0}
      />,
    );
    expect(screen.queryByRole('toolbar')).toBeNull();
    // Ended: the status says "rolled-back"; no stale "rolling back" badge beside it.
    expect(screen.getByTestId('run-status').textContent).toBe('rolled-back');
    expect(screen.queryByText('rolling back')).toBeNull();
    rerender(
      <RunView
        run={{ ...done, status: 'running', phase: 'rollback', rollbackSteps: [step('undo-a', { status: 'running' })] }}
        permissions={BOB}
        onAction={() => undefined}
        now={T0}
      />,
    );
    expect(screen.getByText('rolling back')).toBeTruthy();
    expect(within(screen.getByRole('list', { name: 'Rollback steps' })).getAllByRole('listitem')).toHaveLength(1);
  });

  it('names the locks a live run holds, and none once it has ended', () => {
    const live = run({ locks: ['rds-cluster:prod-app'], steps: [step('a', { status: 'running' })] });
    const { rerender } = render(<RunView run={live} permissions={BOB} onAction={() => undefined} now={T0} />);
    expect(screen.getByText(/holds rds-cluster:prod-app/)).toBeTruthy();
    rerender(<RunView run={{ ...live, status: 'succeeded' }} permissions={BOB} onAction={() => undefined} now={T0} />);
    expect(screen.queryByText(/holds rds-cluster:prod-app/)).toBeNull();
  });

  it('keeps the buttons disabled while the action is sent and shows why it failed', async () => {
    let fail: (e: Error) => void = () => undefined;
    const onAction = () => new Promise<void>((_, reject) => (fail = reject));
    render(<RunView run={failed()} permissions={BOB} onAction={onAction} now={T0} />);
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect((screen.getByRole('button', { name: 'Abort' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByText('rolling back')).toBeNull();
    await act(async () => fail(new Error('run-1 changed meanwhile (version 4); reload and try again')));
    expect((screen.getByRole('button', { name: 'Abort' }) as HTMLButtonElement).disabled).toBe(false);
    expect(screen.getAllByRole('alert').map((a) => a.textContent)).toEqual([
      'step failover failed',
      'Retry failed: run-1 changed meanwhile (version 4); reload and try again',
    ]);
  });

  it('disables every control, with the reason, when the host cannot send them', () => {
    const { calls, onAction } = recorder();
    render(
      <RunView run={waitingForApproval(false)} permissions={BOB} onAction={onAction} now={T0} unavailable="the backend is not answering" />,
    );
    for (const name of ['Approve', 'Reject', 'Abort'])
      expect((screen.getByRole('button', { name }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('controls-unavailable').textContent).toBe('the backend is not answering');
    fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
    expect(calls).toEqual([]);
  });

  it('offers nothing and denies nothing while permissions are unknown', () => {
    render(<RunView run={waitingForApproval(false)} permissions={undefined} onAction={() => undefined} now={T0} />);
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(screen.queryByRole('note')).toBeNull();
  });

  it("shows people's actions first, to the second, and folds the engine's own events under them", () => {
    const r = failed();
    r.audit = [
      { at: '2024-05-02T12:00:00.000Z', actor: 'user:default/alice', action: 'run started', detail: '{"cluster":"prod-app"}' },
      { at: '2024-05-02T12:00:01.000Z', actor: 'engine', action: 'step started', stepId: 'failover' },
      { at: '2024-05-02T12:00:09.000Z', actor: 'engine', action: 'step failed', stepId: 'failover' },
      { at: '2024-05-02T12:01:07.000Z', actor: 'bob', action: 'retry', stepId: 'failover', detail: 'cluster is back' },
    ];
    render(<RunView run={r} permissions={BOB} onAction={() => undefined} now={T0} />);
    const rows = within(screen.getByRole('table', { name: 'Audit trail' })).getAllByRole('row');
    expect(rows.map((row) => row.textContent)).toEqual([
      'WhenWhoWhatStepDetail',
      '12:00:00 UTCalicerun started{"cluster":"prod-app"}',
      '12:01:07 UTCbobretryfailovercluster is back',
    ]);
    expect(within(rows[2]).getByText('12:01:07 UTC').getAttribute('title')).toBe('2024-05-02 12:01:07 UTC');
    const engine = screen.getByText(/^Engine events \(2:/).closest('details')!;
    expect(engine.open).toBe(false);
    expect(within(engine).getAllByRole('row', { hidden: true })).toHaveLength(3);
  });
});

describe('RunView offers exactly what the model allows', () => {
  // The rule lives in @switchyard/core/model; the buttons must follow it for every status, phase and viewer.
  const viewers: Array<[string, RunPermissions]> = [
    ['the starter', ALICE],
    ['a colleague', BOB],
    ['a reader', { approve: false, control: false, user: 'carol' }],
    ['an approver who may not control', { approve: true, control: false, user: 'dave' }],
  ];
  const shown = (): RunAction[] => RUN_ACTIONS.filter((a) => screen.queryAllByRole('button', { name: CONTROL_RULES[a].label }).length > 0);

  for (const status of RUN_STATUSES) {
    for (const phase of ['forward', 'rollback'] as const) {
      for (const fourEyes of [false, true]) {
        for (const [who, permissions] of viewers) {
          it(`${status} (${phase}${fourEyes ? ', four eyes' : ''}) for ${who}`, () => {
            const base = waitingForApproval(fourEyes);
            const subject: Run = { ...base, status, phase, rollbackSteps: phase === 'rollback' ? base.steps : [] };
            const { unmount } = render(<RunView run={subject} permissions={permissions} onAction={() => undefined} now={T0} />);
            const { actions } = allowedControls(subject, viewerOf(permissions));
            expect(shown()).toEqual(RUN_ACTIONS.filter((a) => actions[a]));
            unmount();
          });
        }
      }
    }
  }
});
