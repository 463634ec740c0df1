import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fetchClusterView, type Run } from '@switchyard/core';
import {
  DRAIN_WRITES_RUNBOOK,
  MAINTENANCE_TOKEN_ENV,
  startMaintenanceEndpoint,
  type MaintenanceEndpoint,
} from '@switchyard/core/testing/maintenance-endpoint';
import { startSimulator, type RunningSimulator } from '@switchyard/simulator';
import { Confirmations } from '../aws/confirmations';
import type { MutationRequest } from '../aws/mutation-request';
import type { HttpMutationRequest } from '../http/http-mutation-request';
import { shippedRunbook } from '../testing/runbooks';
import { sandboxTarget } from '../testing/sandbox-target';
import type { Target } from '../targets/target';
import { exportRunMarkdown } from './export-markdown';
import { createExtensionRunHost } from './extension-run-host';
import type { RunHost } from '@switchyard/core';

let sim: RunningSimulator;
let trusted = false;
let dir: string;
let asked: MutationRequest[];
let answer: boolean;
let sandbox: ReturnType<typeof sandboxTarget>;
let available: Map<string, Target>;
const services: RunHost[] = [];
const ALICE = { name: 'alice' };

let httpAsked: HttpMutationRequest[];
/** The operator's answers to http confirmations, in order (then yes). */
let httpAnswers: boolean[];
/** Declined http requests pause here, as in the editor (extension.ts wires the same list). */
let confirmations: Confirmations;
let pauseOnDecline: boolean;

const newService = () => {
  const service = createExtensionRunHost({
    storeDir: path.join(dir, 'runs'),
    targets: available,
    allowShell: () => trusted,
    httpConfirmation: (target) => ({
      confirm: async (request) => {
        httpAsked.push(request);
        return httpAnswers.shift() ?? true;
      },
      operator: () => 'alice',
      ...(pauseOnDecline ? { paused: (request, signal) => confirmations.paused(request, signal) } : {}),
      onPhase: (phase, request) => confirmations.phase(target.id, phase, request),
    }),
  });
  services.push(service);
  return service;
};
const startFailover = (service: RunHost) =>
  service.start({
    target: 'sandbox',
    file: 'runbooks/failover.md',
    source: shippedRunbook('failover.md'),
    params: { cluster: 'prod-app', target: 'prod-app-2' },
    startedBy: 'alice',
  });
const writer = async () => (await fetchClusterView(sandbox.target.gateway, 'prod-app')).writer;

beforeAll(async () => {
  sim = await startSimulator({ fleet: 'demo', timeScale: 100 });
});
afterAll(() => sim.stop());

beforeEach(() => {
  sim.control.reset();
  dir = mkdtempSync(path.join(tmpdir(), 'switchyard-vscode-runs-'));
  asked = [];
  answer = true;
  httpAsked = [];
  httpAnswers = [];
  confirmations = new Confirmations();
  pauseOnDecline = false;
  trusted = false;
  sandbox = sandboxTarget(sim, async (request) => {
    asked.push(request);
    return answer;
  });
  available = new Map([['sandbox', sandbox.target]]);
});

afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.shutdown()));
  sandbox.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe("the extension's run host on the sandbox", () => {
  it('runs the failover: approval, one confirmation naming the cluster and the caller, the new writer, an export with every step', async () => {
    const service = newService();
    const run = await startFailover(service);
    expect((await service.settled(run.id)).status).toBe('waiting-approval');
    expect(asked).toEqual([]);

    await service.control(run.id, { action: 'approve' }, ALICE);
    const ended = await service.settled(run.id);
    expect(ended.status).toBe('succeeded');
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({
      operation: 'FailoverDBCluster',
      region: 'us-east-1',
      input: { DBClusterIdentifier: 'prod-app', TargetDBInstanceIdentifier: 'prod-app-2' },
    });
    expect(asked[0].identity.account).toMatch(/^\d{12}$/);
    expect(await writer()).toBe('prod-app-2');

    const markdown = exportRunMarkdown(ended).split('\n');
    expect(markdown).toContain(`> **Switchyard run \`${run.id}\`: succeeded**`);
    const heading = markdown.indexOf('## Fail over {#failover}');
    expect(markdown[heading + 2]).toMatch(/^> \*\*✓ succeeded\*\* · \d{4}-\d\d-\d\dT.* → .*\(\d+\.\d s\)$/);
    expect(markdown.some((l) => /^> - .* info: calling FailoverDBCluster \(mutating\)/.test(l))).toBe(true);
    expect(markdown.some((l) => /^\| .* \| alice \| approved \| approval \|/.test(l))).toBe(true);
  });

  it('sends nothing when the confirmation is declined: the step fails with why, and a retry asks again', async () => {
    const service = newService();
    const run = await startFailover(service);
    await service.settled(run.id);
    answer = false;
    await service.control(run.id, { action: 'approve' }, ALICE);
    const failed = await service.settled(run.id);
    expect(failed.status).toBe('failed');
    expect(failed.steps[2].error).toMatch(/DeclinedByOperator: the operator declined the confirmation in VS Code, so nothing was sent/);
    expect(failed.steps[2].inFlight).toBeUndefined();
    expect(await writer()).toBe('prod-app-0');

    answer = true;
    await service.control(run.id, { action: 'retry' }, ALICE);
    expect((await service.settled(run.id)).status).toBe('succeeded');
    expect(asked).toHaveLength(2);
    expect(await writer()).toBe('prod-app-2');
  });

  it('keeps a run across a window reload: a new host on the same store drives it on once the target is back', async () => {
    const before = newService();
    const run = await startFailover(before);
    await before.settled(run.id);
    await before.shutdown();

    available.delete('sandbox'); // the window reloaded; the sandbox has not started yet
    const after = newService();
    const stored = await after.get(run.id);
    expect(stored && after.targetKeyOf(stored)).toBe('sandbox');
    await expect(after.control(run.id, { action: 'approve' }, ALICE)).rejects.toMatchObject({
      name: 'TargetUnavailableError',
      target: 'sandbox',
    });
    available.set('sandbox', sandbox.target);
    await after.retarget('sandbox');
    await after.control(run.id, { action: 'approve' }, ALICE);
    const ended: Run = await after.settled(run.id);
    expect(ended.status).toBe('succeeded');
    expect(await writer()).toBe('prod-app-2');
  });

  it('runs sh blocks only while the workspace is trusted, asking at each block', async () => {
    const service = newService();
    const source = `---\ntitle: Shell\nlocks: ["host:local"]\n---\n# Shell\n\n## Say hello {#hello}\n\n\`\`\`sh\necho hello from the runbook\n\`\`\`\n`;
    const run = await service.start({ target: 'sandbox', file: 'shell.md', source, params: {}, startedBy: 'alice' });
    const refused = await service.settled(run.id);
    expect(refused.status).toBe('failed');
    expect(refused.steps[0].error).toBe('sh blocks are not allowed here; nothing was run. Trust the workspace (Manage Workspace Trust)');

    trusted = true; // the user trusts the workspace: the same engine lets the retry run the block
    await service.control(run.id, { action: 'retry' }, ALICE);
    const ran = await service.settled(run.id);
    expect(ran.status).toBe('succeeded');
    expect(ran.steps[0].log.map((l) => l.text)).toContain('hello from the runbook');
  });
});

describe('http blocks in VS Code', () => {
  const TOKEN = 'tok-vscode-1a2b3c4d';
  let endpoint: MaintenanceEndpoint;
  const seen = () => endpoint.requests.map((r) => r.authorization);

  beforeAll(async () => {
    endpoint = await startMaintenanceEndpoint();
    process.env[MAINTENANCE_TOKEN_ENV] = TOKEN;
  });
  beforeEach(() => {
    endpoint.clear();
  });
  afterAll(async () => {
    delete process.env[MAINTENANCE_TOKEN_ENV];
    await endpoint.stop();
  });

  it('send only in a trusted workspace (as sh), with the secret from the environment, which the export shows as [secret]', async () => {
    const service = newService();
    const start = () =>
      service.start({
        target: 'sandbox',
        file: 'drain.md',
        source: DRAIN_WRITES_RUNBOOK,
        params: { base: endpoint.base },
        startedBy: 'alice',
      });
    // Untrusted: refused at the start (the core's one check), before any lock or call.
    await expect(start()).rejects.toThrow(
      /^run not started:\n {2}drain\.md:9: the http block \(POST \{\{ base \}\}\/maintenance\) would send, and http blocks are not allowed here; nothing was started or sent\. Trust the workspace \(Manage Workspace Trust\), as for sh blocks$/,
    );
    expect(await service.list()).toEqual([]);
    expect(seen()).toEqual([]);

    trusted = true;
    const run = await service.settled((await start()).id);
    expect(run.status).toBe('succeeded');
    expect(endpoint.requests.map((r) => r.authorization)).toEqual([`Bearer ${TOKEN}`]);
    const exported = exportRunMarkdown(run);
    expect(exported).toContain('Bearer [secret]');
    expect(exported).not.toContain(TOKEN);
  });

  it('asks before the POST, once, showing method, URL, headers with the secret as [secret] and the body; records who confirmed', async () => {
    trusted = true;
    const service = newService();
    const run = await service.settled(
      (
        await service.start({
          target: 'sandbox',
          file: 'drain.md',
          source: DRAIN_WRITES_RUNBOOK,
          params: { base: endpoint.base },
          startedBy: 'alice',
        })
      ).id,
    );
    expect(run.status).toBe('succeeded');
    expect(httpAsked).toEqual([
      {
        kind: 'http',
        method: 'POST',
        url: `${endpoint.base}/maintenance`,
        headers: { Authorization: 'Bearer [secret]', 'Content-Type': 'application/json' },
        body: '{"mode":"drain"}',
        sandbox: true,
      },
    ]);
    expect(JSON.stringify(httpAsked)).not.toContain(TOKEN);
    expect(seen()).toEqual([`Bearer ${TOKEN}`]);
    expect(run.audit).toContainEqual(
      expect.objectContaining({
        actor: 'alice',
        action: 'confirmed POST',
        detail: `Send POST to ${new URL(endpoint.base).host}: POST ${endpoint.base}/maintenance`,
      }),
    );
    expect(confirmations.list()).toEqual([]);
  });

  it('a declined POST is not sent and the step waits, paused, until asked again; a yes then sends it once', async () => {
    trusted = true;
    pauseOnDecline = true;
    httpAnswers = [false, true];
    const service = newService();
    const run = await service.start({
      target: 'sandbox',
      file: 'drain.md',
      source: DRAIN_WRITES_RUNBOOK,
      params: { base: endpoint.base },
      startedBy: 'alice',
    });
    const host = new URL(endpoint.base).host;
    await waitFor(() => confirmations.list('sandbox')[0]?.phase === 'paused');
    expect(confirmations.list('sandbox')).toEqual([
      expect.objectContaining({
        phase: 'paused',
        action: `Send POST to ${host}`,
        where: `REAL HTTP request to ${host} — the sandbox simulates AWS, not this service`,
      }),
    ]);
    expect(seen()).toEqual([]);
    const paused = await service.get(run.id);
    expect(paused?.status).toBe('running');
    expect(paused?.audit).toContainEqual(
      expect.objectContaining({
        actor: 'alice',
        action: 'declined POST',
        detail: `POST ${endpoint.base}/maintenance not sent; the step is paused until asked again`,
      }),
    );

    expect(confirmations.resume(confirmations.list('sandbox')[0].id)).toBe(true);
    const ended = await service.settled(run.id);
    expect(ended.status).toBe('succeeded');
    expect(httpAsked).toHaveLength(2);
    expect(seen()).toEqual([`Bearer ${TOKEN}`]);
    expect(confirmations.list()).toEqual([]);
  });

  it('aborting a run paused on a declined POST sends nothing; without a pause, a no fails the step as not sent and a retry asks again', async () => {
    trusted = true;
    pauseOnDecline = true;
    httpAnswers = [false];
    const service = newService();
    const start = () =>
      service.start({
        target: 'sandbox',
        file: 'drain.md',
        source: DRAIN_WRITES_RUNBOOK,
        params: { base: endpoint.base },
        startedBy: 'alice',
      });
    const first = await start();
    await waitFor(() => confirmations.list('sandbox')[0]?.phase === 'paused');
    await service.control(first.id, { action: 'abort', reason: 'not now' }, ALICE);
    await waitFor(() => confirmations.list().length === 0);
    expect(seen()).toEqual([]);

    pauseOnDecline = false;
    httpAnswers = [false];
    const other = newService();
    const second = await other.start({
      target: 'sandbox',
      file: 'drain.md',
      source: DRAIN_WRITES_RUNBOOK,
      params: { base: endpoint.base },
      startedBy: 'alice',
    });
    const failed = await other.settled(second.id);
    expect(failed.status).toBe('failed');
    expect(failed.steps[0].error).toBe(
      `POST ${endpoint.base}/maintenance was not sent: the operator declined the confirmation in VS Code; retry the step to be asked again, or skip or abort it`,
    );
    expect(failed.steps[0].inFlight).toBeUndefined();
    expect(seen()).toEqual([]);
    await other.control(second.id, { action: 'retry' }, ALICE);
    expect((await other.settled(second.id)).status).toBe('succeeded');
    expect(seen()).toEqual([`Bearer ${TOKEN}`]);
  });
});

async function waitFor(condition: () => boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}
