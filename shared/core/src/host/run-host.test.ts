import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FileRunStore } from '../engine/file-run-store';
import type { RunStore } from '../engine/run-store';
import { FakeAws } from '../engine/testing/fake-aws';
import { ApprovalRefusedError, InvalidControlError, RunNotFoundError, TargetUnavailableError } from '../model/errors';
import type { Run } from '../model/run';
import type { RunEvent } from '../model/run-events';
import { RunHost, type TargetServices } from './run-host';

/** One approval gate with an approver list, then a manual step: no AWS call at all. */
const GATED = `---
title: Gated change
params:
  cluster: { type: rds-cluster, required: true, description: The cluster }
---
# Gated change

## Decide {#decide}

\`\`\`approve
message: Change {{ cluster }}?
four-eyes: false
approvers: [sre-leads]
\`\`\`

## Do it {#do}

Make the change by hand.
`;

let dir: string;
let store: FileRunStore;
let targets: Map<string, TargetServices>;
let hosts: RunHost[];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'switchyard-host-'));
  store = new FileRunStore(dir);
  targets = new Map([['sandbox', { aws: new FakeAws(), timeScale: 100 }]]);
  hosts = [];
});

afterEach(async () => {
  await Promise.all(hosts.map((h) => h.shutdown()));
  rmSync(dir, { recursive: true, force: true });
});

function host(options: { requireFourEyes?: boolean; store?: RunStore } = {}): RunHost {
  const h = new RunHost({ store: options.store ?? store, target: (key) => targets.get(key), requireFourEyes: options.requireFourEyes });
  hosts.push(h);
  return h;
}

const start = (h: RunHost, extra: { entityRef?: string; target?: string } = {}) =>
  h.start({ file: 'gated.md', source: GATED, params: { cluster: 'prod-app' }, startedBy: 'alice', target: 'sandbox', ...extra });

describe('RunHost', () => {
  it('records the target key and entity ref in the run’s first write', async () => {
    const created: Run[] = [];
    const spy: RunStore = Object.create(store, { create: { value: (run: Run) => (created.push(run), store.create(run)) } });
    const h = host({ store: spy });
    const run = await start(h, { entityRef: 'resource:default/prod-app' });
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      target: { key: 'sandbox', endpoint: 'fake', region: 'us-east-1' },
      entityRef: 'resource:default/prod-app',
    });
    expect((await h.list())[0]).toMatchObject({ id: run.id, target: { key: 'sandbox' }, entityRef: 'resource:default/prod-app' });
  });

  it('takes every control through one entry, with the model’s rules: approver groups, reasons', async () => {
    const h = host();
    const run = await start(h);
    expect((await h.settled(run.id)).status).toBe('waiting-approval');
    // bob is not listed; his groups decide (the group-approver rule works in every host, not only Backstage).
    await expect(h.control(run.id, { action: 'approve' }, { name: 'bob' })).rejects.toBeInstanceOf(ApprovalRefusedError);
    await expect(h.control(run.id, { action: 'approve' }, { name: 'bob', groups: ['payments'] })).rejects.toMatchObject({
      refusal: { rule: 'approvers', actor: 'bob', approvers: ['sre-leads'] },
    });
    // An untyped caller that leaves the reason out is refused before anything changes.
    await expect(h.control(run.id, { action: 'reject' } as never, { name: 'bob' })).rejects.toBeInstanceOf(InvalidControlError);
    await h.control(run.id, { action: 'approve', reason: 'ok' }, { name: 'bob', groups: ['sre-leads'] });
    const next = await h.settled(run.id);
    expect(next.steps[0]).toMatchObject({ status: 'succeeded', output: { approvedBy: 'bob', comment: 'ok' } });
    expect(next.status).toBe('waiting-approval'); // the manual step asks for confirmation
    await h.control(run.id, { action: 'approve' }, { name: 'alice' });
    expect((await h.settled(run.id)).status).toBe('succeeded');
  });

  it('applies the host’s four-eyes policy in the state machine, whatever the runbook says', async () => {
    const h = host({ requireFourEyes: true });
    const run = await start(h);
    const waiting = await h.settled(run.id);
    expect(waiting.steps[0].approval).toMatchObject({ kind: 'approve', fourEyes: true });
    const alice = { name: 'alice', groups: ['sre-leads'] };
    await expect(h.control(run.id, { action: 'approve' }, alice)).rejects.toMatchObject({ refusal: { rule: 'four-eyes' } });
    await expect(h.control(run.id, { action: 'skip', reason: 'in a hurry' }, alice)).rejects.toBeInstanceOf(ApprovalRefusedError);
    await h.control(run.id, { action: 'approve' }, { name: 'bob', groups: ['sre-leads'] });
    // The manual step's confirmation stays with the starter.
    expect((await h.settled(run.id)).steps[1].approval).toMatchObject({ kind: 'confirm', fourEyes: false });
  });

  it('refuses runs whose target is not available here, and unknown runs, with typed errors', async () => {
    const h = host();
    await expect(start(h, { target: 'aws:prod@eu-west-1' })).rejects.toBeInstanceOf(TargetUnavailableError);
    const run = await start(h);
    await h.settled(run.id);
    targets.delete('sandbox');
    await h.dropTarget('sandbox');
    await expect(h.control(run.id, { action: 'abort' }, { name: 'alice' })).rejects.toMatchObject({ runId: run.id, target: 'sandbox' });
    await expect(h.control('run-nope', { action: 'abort' }, { name: 'alice' })).rejects.toBeInstanceOf(RunNotFoundError);
  });

  it('fans out every engine’s events, and hands a target’s runs to a new engine when the target changes', async () => {
    const h = host();
    const events: RunEvent[] = [];
    h.subscribe((e) => events.push(e));
    const run = await start(h);
    await h.settled(run.id);
    expect(events.some((e) => e.type === 'approval' && e.runId === run.id)).toBe(true);
    // The sandbox restarted elsewhere: a new gateway; the run is still controlled, now through it.
    const restarted = new FakeAws();
    targets.set('sandbox', { aws: restarted, timeScale: 100 });
    await h.retarget('sandbox');
    await h.control(run.id, { action: 'abort', reason: 'rehearsal over' }, { name: 'alice' });
    expect((await h.get(run.id))?.status).toBe('aborted');
    expect(events.filter((e) => e.type === 'run' && e.status === 'aborted')).toHaveLength(1);
  });

  it('names the target of runs recorded before runs carried one, through the host’s legacy lookup', async () => {
    const h = new RunHost({
      store,
      target: (key) => targets.get(key),
      legacyTargetKey: (run) => (run.id === 'old' ? 'sandbox' : undefined),
    });
    hosts.push(h);
    expect(h.targetKeyOf({ id: 'old', target: { endpoint: 'x', region: 'r' } })).toBe('sandbox');
    expect(h.targetKeyOf({ id: 'new', target: { key: 'aws:default@us-east-1', endpoint: 'aws', region: 'r' } })).toBe(
      'aws:default@us-east-1',
    );
    expect(h.targetKeyOf({ id: 'other', target: { endpoint: 'x', region: 'r' } })).toBe('');
  });

  it('says how to allow sh and http blocks in the front end it is (Backstage: its config, never a CLI flag)', async () => {
    const h = new RunHost({ store, kind: 'backstage', target: (key) => targets.get(key) });
    hosts.push(h);
    const drain = `---\ntitle: Drain\nlocks: ["host:local"]\n---\n# Drain\n\n## Drain {#drain}\n\n\`\`\`http\nmethod: POST\nurl: "https://maint.internal/drain"\n\`\`\`\n`;
    const refused = h.start({ file: 'drain.md', source: drain, params: {}, startedBy: 'alice', target: 'sandbox' });
    await expect(refused).rejects.toThrow(
      'drain.md:9: the http block (POST https://maint.internal/drain) would send, and http blocks are not allowed here; nothing was started or sent. ' +
        "Ask the Backstage operator to list the hosts in switchyard.http.allowedHosts in the backend's app-config.yaml",
    );
    await expect(refused).rejects.not.toThrow(/--trust/);
    expect(await store.list()).toEqual([]);
    const shell = `---\ntitle: Shell\nlocks: ["host:local"]\n---\n# Shell\n\n## Hello {#hello}\n\n\`\`\`sh\necho hello\n\`\`\`\n`;
    const run = await h.start({ file: 'shell.md', source: shell, params: {}, startedBy: 'alice', target: 'sandbox' });
    expect((await h.settled(run.id)).steps[0].error).toBe(
      "sh blocks are not allowed here; nothing was run. Ask the Backstage operator to set switchyard.allowShell: true in the backend's app-config.yaml",
    );
  });
});
