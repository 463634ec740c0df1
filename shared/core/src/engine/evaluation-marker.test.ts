import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { currentStep, type Run } from '../model/run';
import { Engine } from './engine';
import { FileRunStore } from './file-run-store';
import type { RunStore } from './run-store';
import { FakeAws } from './testing/fake-aws';
import { closeEvaluation, evaluationStopped, openEvaluation } from './evaluation-marker';

/** One check step whose evaluation the tests make "crash"; then a manual step. */
const RUNBOOK = `---
params:
  cluster: rds-cluster
---
## Look at the cluster {#look}

\`\`\`check
observe:
  cluster: { cluster: "{{ cluster }}" }
expect:
  - cluster.status == "available"
\`\`\`

## Done
`;

/**
 * The store as a process that dies while evaluating CEL sees it: the write that marks the
 * evaluation lands, and nothing after it does (the process is gone).
 */
class DiesWhileEvaluating implements RunStore {
  private dead = false;
  constructor(private readonly inner: RunStore) {}
  private alive(): void {
    if (this.dead) throw new Error('the process has stopped');
  }
  async create(run: Run) {
    this.alive();
    return this.inner.create(run);
  }
  async get(id: string) {
    this.alive();
    return this.inner.get(id);
  }
  async put(run: Run) {
    this.alive();
    const ok = await this.inner.put(run);
    if (currentStep(run)?.evaluating?.open) this.dead = true;
    return ok;
  }
  async list() {
    this.alive();
    return this.inner.list();
  }
  async locks() {
    this.alive();
    return this.inner.locks();
  }
  async claim(id: string, owner: string, ttl: number) {
    this.alive();
    return this.inner.claim(id, owner, ttl);
  }
  async release(id: string, owner: string) {
    this.alive();
    return this.inner.release(id, owner);
  }
}

let dir: string;
let aws: FakeAws;
const engines: Engine[] = [];
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'switchyard-marker-'));
  aws = new FakeAws();
});
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.shutdown()));
  rmSync(dir, { recursive: true, force: true });
});

/**
 * A process that will die holds a short lease, so the next "process" may take the run over soon
 * after; the healthy one holds a long lease (a loaded machine can stall the event loop for longer
 * than a short lease, and an engine that misses its own renewal rightly stops driving the run).
 */
const DYING_LEASE_MS = 300;
function engine(store: RunStore, leaseMs = DYING_LEASE_MS): Engine {
  const e = new Engine({ store, aws, timeScale: 100, leaseMs });
  engines.push(e);
  return e;
}

const describeCalls = () => aws.calls.filter((c) => c.operation === 'DescribeDBClusters').length;

/** Starts a run in a process that stops in the middle of the first evaluation; returns the run id. */
async function startAndStopWhileEvaluating(): Promise<string> {
  const run = await engine(new DiesWhileEvaluating(new FileRunStore(dir))).start({
    file: 'rb.md',
    source: RUNBOOK,
    params: { cluster: 'c1' },
    startedBy: 'alice',
  });
  await waitFor(async () => currentStep((await new FileRunStore(dir).get(run.id))!)?.evaluating?.open === true);
  return run.id;
}

/** Resumes the run in a new process that stops in the middle of the evaluation again. */
async function resumeAndStopAgain(id: string): Promise<void> {
  await new Promise((r) => setTimeout(r, DYING_LEASE_MS + 50)); // the dead process's lease runs out
  await engine(new DiesWhileEvaluating(new FileRunStore(dir))).resume(id);
  await waitFor(async () => currentStep((await new FileRunStore(dir).get(id))!)?.evaluating?.stops === 1);
  await waitFor(async () => currentStep((await new FileRunStore(dir).get(id))!)?.evaluating?.open === true);
}

async function resumeHealthy(id: string): Promise<Run> {
  await new Promise((r) => setTimeout(r, DYING_LEASE_MS + 50));
  const e = engine(new FileRunStore(dir), 60_000);
  await e.resume(id);
  return e.settled(id);
}

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await condition().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('timed out');
}

describe('a process that stops while evaluating CEL is not resumed into the same evaluation forever', () => {
  it('after one stop, the evaluation is tried once more (with a warning), and the run goes on', async () => {
    const id = await startAndStopWhileEvaluating();
    const run = await resumeHealthy(id);
    expect(run.steps.map((s) => s.status)).toEqual(['succeeded', 'waiting-approval']);
    expect(run.steps[0].log.map((l) => `${l.level}: ${l.text}`)).toContainEqual(
      expect.stringMatching(
        /^warn: the previous process stopped while evaluating the CEL expressions and templates of its check block \(at .*\); evaluating them once more/,
      ),
    );
    expect(run.steps[0].evaluating).toBeUndefined();
    expect(describeCalls()).toBe(1);
  });

  it('after two stops in a row, the step fails with a message saying why, without evaluating it again', async () => {
    const id = await startAndStopWhileEvaluating();
    await resumeAndStopAgain(id);
    const run = await resumeHealthy(id);
    expect(run.status).toBe('failed');
    expect(run.steps[0].status).toBe('failed');
    expect(run.steps[0].error).toMatch(
      /^the Switchyard process stopped twice in a row while evaluating the CEL expressions and templates of its check block \(last at .*\), so they are not evaluated again: .*the CEL limits are in docs\/runbook-format\.md\), then retry this step, or skip it with a reason$/,
    );
    expect(describeCalls()).toBe(0);

    // The operator's retry is a new attempt: the marks of the old one do not count.
    const e = engines[engines.length - 1];
    await e.control(id, { action: 'retry', reason: 'expression fixed on the cluster side' }, { name: 'alice' });
    const retried = await e.settled(id);
    expect(retried.steps.map((s) => s.status)).toEqual(['succeeded', 'waiting-approval']);
  });
});

describe('the count of stops belongs to the evaluation they happened in', () => {
  const at = new Date('2026-01-01T00:00:00Z');
  const run = (): Run =>
    ({
      phase: 'forward',
      current: 0,
      steps: [{ id: 's', attempts: 1, blockIndex: 0, status: 'running', log: [] }],
      rollbackSteps: [],
      audit: [],
      version: 1,
    }) as unknown as Run;

  it('holds through a block’s earlier, quick evaluations and resets once the one that stopped completes', () => {
    // A process stopped inside the block's second evaluation (its guards, after its templates).
    let r = openEvaluation(run(), at, 2);
    r = evaluationStopped(r, at, 'its check block');
    expect(currentStep(r)?.evaluating).toMatchObject({ open: false, stops: 1, stoppedSeq: 2 });
    // The next process evaluates the templates again: the count holds.
    r = closeEvaluation(openEvaluation(r, at, 1));
    expect(currentStep(r)?.evaluating).toMatchObject({ open: false, stops: 1 });
    // Stopping in the guards again is the second stop in a row: the step fails.
    const failed = evaluationStopped(openEvaluation(r, at, 2), at, 'its check block');
    expect(currentStep(failed)?.status).toBe('failed');
    // Had the guards completed instead, the count would be gone.
    expect(currentStep(closeEvaluation(openEvaluation(r, at, 2)))?.evaluating).toBeUndefined();
  });
});
