import { approvalRefusal, type Actor } from './approval-rule';
import type { Run } from './run';

/** A run started by alice, waiting at an approval whose approver list is `approvers` (only what the rule reads). */
function waitingFor(approvers: string[]): Run {
  const approval = { kind: 'approve', message: 'go?', fourEyes: true, approvers, requestedAt: '' };
  return {
    phase: 'forward',
    startedBy: 'alice',
    current: 0,
    steps: [{ id: 'go', status: 'waiting-approval', approval }],
  } as unknown as Run;
}

/** A host whose approver entries are `kind:name` refs, a bare name being a group. */
const readAsRef = (entry: string) => (/^\w+:\w/.test(entry) ? entry : entry.includes(':') ? undefined : `group:${entry}`);

describe("the approval rule reads approver entries the host's way", () => {
  const leads = waitingFor(['sre-leads']);

  it('compares both sides as the host reads them: a name that spells the group is not the group', () => {
    const member: Actor = { name: 'user:dave', groups: ['group:sre-leads'], approverRef: readAsRef };
    const namesake: Actor = { name: 'user:sre-leads', groups: ['user:sre-leads'], approverRef: readAsRef };
    expect(approvalRefusal(leads, member)).toBeUndefined();
    expect(approvalRefusal(leads, namesake)).toMatchObject({ rule: 'approvers', actor: 'user:sre-leads', approvers: ['sre-leads'] });
    expect(approvalRefusal(waitingFor(['user:bob']), { name: 'user:bob', groups: [], approverRef: readAsRef })).toBeUndefined();
  });

  it('lets an entry the host cannot read admit nobody', () => {
    const anyone: Actor = { name: 'sre-leads', groups: ['sre-leads', 'group:sre-leads'], approverRef: () => undefined };
    expect(approvalRefusal(leads, anyone)?.rule).toBe('approvers');
  });

  it('compares entries as written for hosts that take names and groups on trust (CLI, VS Code)', () => {
    expect(approvalRefusal(leads, { name: 'bob', groups: ['sre-leads'] })).toBeUndefined();
    expect(approvalRefusal(leads, { name: 'sre-leads', groups: [] })).toBeUndefined();
    expect(approvalRefusal(leads, { name: 'bob', groups: ['group:sre-leads'] })?.rule).toBe('approvers');
  });
});
