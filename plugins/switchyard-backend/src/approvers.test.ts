/**
 * A runbook's `approvers:` list names catalog entities: `sre-leads` is the group
 * group:default/sre-leads, `user:bob` the user user:default/bob. Nobody else is admitted because
 * some part of their refs happens to spell the same name.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { PendingApproval, Run } from '@switchyard/backstage-plugin-switchyard-common';
import request from 'supertest';
import { eventually, getAs, startFullBackend, tokenOf, waitForEntity, type TestBackend } from './testing/test-backend';

const PROD_APP = 'resource:default/prod-app';

const askRunbook = (approvers: string) => `---
title: Ask ${approvers}
params:
  cluster: { type: rds-cluster, required: true }
---

## Ask {#ask}

\`\`\`approve
message: Go on with {{ cluster }}?
approvers: ${approvers}
\`\`\`
`;

/** Everyone here is in payments (prod-app's owner), so only the approver list decides. */
const MEMBERSHIPS: Record<string, string[]> = {
  alice: ['group:default/payments'],
  bob: ['group:default/payments'],
  // A user whose name is the approver group's name, not in the group.
  'sre-leads': ['group:default/payments'],
  // In a group of the same name in another namespace.
  erin: ['group:default/payments', 'group:ops/sre-leads'],
  // In the group.
  dave: ['group:default/payments', 'group:default/sre-leads'],
};

let backend: TestBackend;
let runbooks: string;
beforeAll(async () => {
  runbooks = mkdtempSync(path.join(tmpdir(), 'switchyard-approvers-'));
  writeFileSync(path.join(runbooks, 'leads.md'), askRunbook('[sre-leads]'));
  writeFileSync(path.join(runbooks, 'leads-full-ref.md'), askRunbook('[group:default/sre-leads]'));
  writeFileSync(path.join(runbooks, 'bob.md'), askRunbook('[user:bob]'));
  backend = await startFullBackend({ runbookDirs: [runbooks] }, { memberships: (name) => MEMBERSHIPS[name] ?? [] });
  await waitForEntity(backend, PROD_APP);
}, 120_000);
afterAll(async () => {
  await backend?.stop();
  rmSync(runbooks, { recursive: true, force: true });
});

/** alice starts the runbook on prod-app; resolves once it waits for the approval. */
async function waitingRun(runbook: string): Promise<string> {
  const created = await request(backend.server)
    .post('/api/switchyard/runs')
    .set('Authorization', tokenOf('alice'))
    .send({ runbook, entityRef: PROD_APP, params: {} });
  expect(created.status).toBe(201);
  const id = (created.body as Run).id;
  await eventually(`${runbook} to wait for its approval`, async () => {
    const run = await getAs<Run>(backend, 'alice', `/api/switchyard/runs/${id}`);
    return run.status === 'waiting-approval' ? run : undefined;
  });
  return id;
}

const approve = (id: string, user: string) =>
  request(backend.server).post(`/api/switchyard/runs/${id}/actions`).set('Authorization', tokenOf(user)).send({ action: 'approve' });

it.each(['leads.md', 'leads-full-ref.md'])(
  '%s: only a member of group:default/sre-leads approves, not a user named sre-leads or a namesake group elsewhere',
  async (runbook) => {
    const id = await waitingRun(runbook);
    for (const user of ['sre-leads', 'erin', 'bob']) {
      const refused = await approve(id, user);
      expect([user, refused.status]).toEqual([user, 403]);
      expect(refused.body.error.message).toContain(`user:default/${user} may not approve this step; allowed approvers:`);
    }
    expect((await approve(id, 'dave')).status).toBe(200);
  },
  60_000,
);

it('user:bob admits bob the user, and nobody else in his groups', async () => {
  const id = await waitingRun('bob.md');
  expect((await approve(id, 'dave')).status).toBe(403);
  expect((await approve(id, 'bob')).status).toBe(200);
}, 60_000);

it('GET /approvals lists a waiting run to the approvers it admits, on its database or everywhere, and drops it once answered', async () => {
  const id = await waitingRun('leads.md');
  const waitingFor = async (user: string, query = '') =>
    (await getAs<PendingApproval[]>(backend, user, `/api/switchyard/approvals${query}`)).filter((a) => a.runId === id);
  const [forDave] = await waitingFor('dave');
  expect(forDave).toEqual({
    runId: id,
    title: 'Ask [sre-leads]',
    entityRef: PROD_APP,
    database: 'prod-app',
    stepName: 'Ask',
    message: 'Go on with prod-app?',
    requestedAt: expect.any(String),
    startedBy: 'user:default/alice',
  });
  expect(await waitingFor('dave', `?entityRef=${encodeURIComponent(PROD_APP)}`)).toHaveLength(1);
  expect(await waitingFor('dave', `?entityRef=${encodeURIComponent('resource:default/other-db')}`)).toEqual([]);
  // Not an approver of this step (a user named like the group, a namesake group elsewhere, the starter's colleague).
  for (const user of ['sre-leads', 'erin', 'bob']) expect([user, await waitingFor(user)]).toEqual([user, []]);
  expect((await approve(id, 'dave')).status).toBe(200);
  expect(await waitingFor('dave')).toEqual([]);
}, 60_000);
