import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { actorOf, approverRef } from './backstage-actor';

it('reads approver entries as full entity refs: no kind is a group, no namespace is default, case folded', () => {
  expect(['sre-leads', 'ops/sre-leads', 'user:bob', 'group:default/SRE-Leads', ' dba-oncall ', 'user:', ''].map(approverRef)).toEqual([
    'group:default/sre-leads',
    'group:ops/sre-leads',
    'user:default/bob',
    'group:default/sre-leads',
    'group:default/dba-oncall',
    undefined,
    undefined,
  ]);
});

it("gives the rule the user's ref and what they own through, as full refs only (no short names)", async () => {
  const userInfo = mockServices.userInfo({ userEntityRef: 'user:default/sre-leads', ownershipEntityRefs: ['group:default/Payments'] });
  const actor = await actorOf(userInfo, mockCredentials.user('user:default/sre-leads'));
  expect(actor).toMatchObject({ name: 'user:default/sre-leads', groups: ['user:default/sre-leads', 'group:default/payments'] });
  expect(actor.groups).not.toContain('sre-leads');
});
