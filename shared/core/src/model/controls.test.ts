import { allowedControls } from './allowed-controls';
import { approvalRefusal, describeApprovalRefusal } from './approval-rule';
import { CONTROL_RULES, controlRefusal, parseRunControl, RUN_ACTIONS } from './controls';
import { InvalidControlError } from './errors';
import { RUN_STATUSES, type Run } from './run';
import { DRIVEN_RUN_STATUSES, ENDED_RUN_STATUSES, IN_PROGRESS_RUN_STATUSES, OPEN_RUN_STATUSES } from './statuses';

function waiting(approval: { fourEyes: boolean; approvers?: string[] }, status: Run['status'] = 'waiting-approval'): Run {
  return {
    id: 'run-1',
    version: 1,
    runbook: { file: 'f.md', title: 'T', source: '' },
    params: {},
    status,
    phase: 'forward',
    dryRun: false,
    startedBy: 'alice',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    steps: [
      {
        id: 'go',
        name: 'Go?',
        origin: { kind: 'step', index: 0 },
        status: 'waiting-approval',
        attempts: 1,
        blockIndex: 0,
        blockOutputs: [],
        log: [],
        mutating: false,
        approval: { kind: 'approve', message: 'go?', fourEyes: approval.fourEyes, approvers: approval.approvers ?? [], requestedAt: '' },
      },
    ],
    rollbackSteps: [],
    current: 0,
    locks: [],
    target: { endpoint: 'aws', region: 'us-east-1' },
    audit: [],
  };
}

describe('status groups', () => {
  it('partition every status: ended, or open (= in progress + failed); driven ⊂ in progress', () => {
    for (const s of RUN_STATUSES) expect([ENDED_RUN_STATUSES.includes(s), OPEN_RUN_STATUSES.includes(s)]).toContainEqual(true);
    expect(RUN_STATUSES.filter((s) => ENDED_RUN_STATUSES.includes(s) && OPEN_RUN_STATUSES.includes(s))).toEqual([]);
    expect(OPEN_RUN_STATUSES.filter((s) => !IN_PROGRESS_RUN_STATUSES.includes(s))).toEqual(['failed']);
    expect(IN_PROGRESS_RUN_STATUSES.filter((s) => !DRIVEN_RUN_STATUSES.includes(s))).toEqual(['waiting-approval']);
  });
});

describe('parseRunControl', () => {
  it('accepts known actions and requires a reason to skip or reject', () => {
    expect(parseRunControl('approve')).toEqual({ action: 'approve' });
    expect(parseRunControl('abort', '  ')).toEqual({ action: 'abort' });
    expect(parseRunControl('skip', 'writer already moved')).toEqual({ action: 'skip', reason: 'writer already moved' });
    for (const action of ['skip', 'reject']) {
      expect(() => parseRunControl(action)).toThrow(InvalidControlError);
      expect(() => parseRunControl(action, ' \n ')).toThrow(/a reason is required/);
    }
  });

  it('refuses what is not a control: unknown words, look-alikes, non-text reasons', () => {
    for (const action of ['Approve', 'approve ', 'delete', '', undefined, 42, { action: 'approve' }, '__proto__', 'constructor']) {
      expect(() => parseRunControl(action)).toThrow(InvalidControlError);
    }
    expect(() => parseRunControl('abort', { toString: () => 'x' })).toThrow(/the reason must be text/);
  });
});

describe('controlRefusal', () => {
  it('follows the control table in every status, and roll back re-enters only a failed rollback', () => {
    for (const action of RUN_ACTIONS) {
      for (const status of RUN_STATUSES) {
        expect({ action, status, applies: controlRefusal({ status, phase: 'forward' }, action) === undefined }).toEqual({
          action,
          status,
          applies: CONTROL_RULES[action].states.includes(status),
        });
      }
    }
    expect(controlRefusal({ status: 'running', phase: 'rollback' }, 'rollback')).toBeDefined();
    expect(controlRefusal({ status: 'failed', phase: 'rollback' }, 'rollback')).toBeUndefined();
  });
});

describe('the approval rule', () => {
  it('refuses the starter under four eyes, and people outside the approver list when their groups are known', () => {
    expect(approvalRefusal(waiting({ fourEyes: true }), { name: 'alice' })).toEqual({
      rule: 'four-eyes',
      actor: 'alice',
      startedBy: 'alice',
    });
    expect(approvalRefusal(waiting({ fourEyes: true }), { name: 'bob' })).toBeUndefined();
    const listed = waiting({ fourEyes: false, approvers: ['sre-leads'] });
    expect(approvalRefusal(listed, { name: 'bob', groups: [] })?.rule).toBe('approvers');
    expect(approvalRefusal(listed, { name: 'bob', groups: ['sre-leads'] })).toBeUndefined();
    expect(approvalRefusal(listed, { name: 'sre-leads', groups: [] })).toBeUndefined();
    // A front end that does not know the groups leaves the list to the engine.
    expect(approvalRefusal(listed, { name: 'bob' })).toBeUndefined();
    expect(describeApprovalRefusal({ rule: 'four-eyes', actor: 'alice', startedBy: 'alice' }, 'to')).toMatch(/^You started this run/);
  });

  it('offers Approve, Reject and Skip of a pending approval only to someone who may pass it', () => {
    const run = waiting({ fourEyes: true });
    const starter = allowedControls(run, { name: 'alice', mayApprove: true, mayControl: true });
    expect([starter.actions.approve, starter.actions.reject, starter.actions.skip, starter.actions.abort]).toEqual([
      false,
      false,
      false,
      true,
    ]);
    expect(starter.approvalBlocked).toMatch(/You started this run/);
    const colleague = allowedControls(run, { name: 'bob', mayApprove: true, mayControl: true });
    expect([colleague.actions.approve, colleague.actions.reject, colleague.actions.skip]).toEqual([true, true, true]);
    const reader = allowedControls(run, { name: 'carol', mayApprove: false, mayControl: false });
    expect(Object.values(reader.actions).some(Boolean)).toBe(false);
    expect(reader.approvalBlocked).toBe('carol may not approve runs on this database');
  });
});
