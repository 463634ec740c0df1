/**
 * "Waiting for your approval" reaches the approvers as a Backstage notification: the plugin sends
 * it through the NotificationService (mocked here, as the notifications backend would receive it),
 * and where the notifications backend is not installed the run goes on and the log says so once.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { notificationService, type NotificationSendOptions } from '@backstage/plugin-notifications-node';
import type { Run } from '@switchyard/backstage-plugin-switchyard-common';
import type { RunEvent } from '@switchyard/core';
import request from 'supertest';
import { ApprovalNotifier, approvalLink } from './service/approval-notifier';
import { eventually, getAs, startFullBackend, tokenOf, waitForEntity, type TestBackend } from './testing/test-backend';

const PROD_APP = 'resource:default/prod-app';
const ask = (approvers: string) => `---
title: Ask before failing over
params:
  cluster: { type: rds-cluster, required: true }
---

## Ask the leads {#ask}

\`\`\`approve
message: Fail over {{ cluster }}?
${approvers}
\`\`\`
`;

const sent: NotificationSendOptions[] = [];
const mockNotifications = createServiceFactory({
  service: notificationService,
  deps: {},
  factory: () => ({
    send: async (options: NotificationSendOptions) => {
      sent.push(options);
    },
  }),
});

let backend: TestBackend;
let runbooks: string;
beforeAll(async () => {
  runbooks = mkdtempSync(path.join(tmpdir(), 'switchyard-notify-'));
  writeFileSync(path.join(runbooks, 'leads.md'), ask('approvers: [sre-leads]'));
  writeFileSync(path.join(runbooks, 'owners.md'), ask(''));
  backend = await startFullBackend({ runbookDirs: [runbooks] }, { features: [mockNotifications] });
  await waitForEntity(backend, PROD_APP);
}, 120_000);
afterAll(async () => {
  await backend?.stop();
  rmSync(runbooks, { recursive: true, force: true });
});

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

it('notifies the approvers the step names, not the person who started the run, with a link to the run', async () => {
  const id = await waitingRun('leads.md');
  const mine = await eventually('the notification', async () => sent.find((s) => s.payload.link?.includes(id)));
  expect(mine).toEqual({
    recipients: { type: 'entity', entityRef: ['group:default/sre-leads'], excludeEntityRef: 'user:default/alice' },
    payload: {
      title: 'Waiting for your approval: Ask before failing over on prod-app',
      description: 'Fail over prod-app? (step "Ask the leads", started by alice)',
      link: `/catalog/default/resource/prod-app?run=${id}`,
      severity: 'high',
      topic: 'switchyard-approval',
      scope: `switchyard:approval:${id}:ask`,
    },
  });
}, 60_000);

it("without an approvers list, notifies the database's owners (the notifications backend resolves the entity's owner)", async () => {
  const id = await waitingRun('owners.md');
  const mine = await eventually('the notification', async () => sent.find((s) => s.payload.link?.includes(id)));
  expect(mine?.recipients).toEqual({ type: 'entity', entityRef: [PROD_APP], excludeEntityRef: 'user:default/alice' });
  expect(sent.filter((s) => s.payload.link?.includes(id))).toHaveLength(1);
}, 60_000);

describe('ApprovalNotifier where the notifications backend is not installed', () => {
  const run = {
    id: 'run-1',
    status: 'waiting-approval',
    entityRef: PROD_APP,
    startedBy: 'user:default/alice',
    runbook: { title: 'Fail over' },
    params: { cluster: 'prod-app' },
    current: 0,
    locks: [],
    phase: 'forward',
    steps: [
      {
        id: 'ask',
        name: 'Ask',
        status: 'waiting-approval',
        approval: { kind: 'approve', message: 'Go?', fourEyes: true, approvers: [], requestedAt: '2026-12-05T08:00:00Z' },
      },
    ],
    rollbackSteps: [],
  } as unknown as Run;
  const event: Extract<RunEvent, { type: 'approval' }> = {
    type: 'approval',
    runId: 'run-1',
    stepId: 'ask',
    request: { kind: 'approve', message: 'Go?', fourEyes: true, approvers: [], requestedAt: '2026-12-05T08:00:00Z' },
    startedBy: 'user:default/alice',
  };

  it('carries on, and says so once in the log', async () => {
    const logger = mockServices.logger.mock();
    const notifier = new ApprovalNotifier({
      logger,
      notifications: { send: () => Promise.reject(new Error('Failed to send notifications: Error: Request failed with status 404')) },
    });
    await expect(notifier.notify(event, run)).resolves.toBe(false);
    await expect(notifier.notify(event, run)).resolves.toBe(false);
    expect(logger.info).toHaveBeenCalledTimes(1);
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining('is the notifications backend installed?'),
      expect.objectContaining({ runId: 'run-1' }),
    );
    expect(logger.debug).toHaveBeenCalledTimes(1);
  });

  it('notifies nobody when the approvers list names no entity it can read, and nothing for a run not waiting', async () => {
    const send = jest.fn(() => Promise.resolve());
    const notifier = new ApprovalNotifier({ logger: mockServices.logger.mock(), notifications: { send } });
    await expect(notifier.notify({ ...event, request: { ...event.request, approvers: ['user:'] } }, run)).resolves.toBe(false);
    await expect(notifier.notify(event, { ...run, status: 'running' } as Run)).resolves.toBe(false);
    expect(send).not.toHaveBeenCalled();
    // The same run and event as they should be: sent.
    await expect(notifier.notify(event, run)).resolves.toBe(true);
    expect(send).toHaveBeenCalledTimes(1);
  });
});

it('links to the entity page with the run open first', () => {
  expect(approvalLink('resource:default/prod-app', 'r 1')).toBe('/catalog/default/resource/prod-app?run=r%201');
  expect(approvalLink('Component:ops/billing-db', 'x')).toBe('/catalog/ops/component/billing-db?run=x');
});
