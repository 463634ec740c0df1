import { randomBytes } from 'node:crypto';
import { fetchCallerIdentity } from '../aws/caller-identity';
import type { AwsGateway } from '../aws/gateway';
import { evaluateCondition, renderTemplate } from '../cel';
import { newOwnerId } from '../host/owner-id';
import type { Block, Runbook } from '../runbook/model';
import type { Actor } from '../model/approval-rule';
import { parseRunControl, type RunControl } from '../model/controls';
import { InvalidTransitionError, RunNotFoundError, RunRejectedError } from '../model/errors';
import { canonicalLockKey, lockNeedsAccount, type ResourcePlace } from '../model/lock-keys';
import { diffRun, type RunEvent, type RunListener } from '../model/run-events';
import { currentStep, type ApprovalRequest, type Run, type RunRolloutLink, type StepRun } from '../model/run';
import { isDriven, isInProgress } from '../model/statuses';
import { executeBlock, reconcileBlock, RunInterrupted, type BlockOutcome } from '../blocks/dispatch';
import { checkHttpAtStart, HttpStartRefusedError } from '../blocks/http/http-start-check';
import type { HostKind } from '../blocks/common/how-to-allow';
import { kindModule } from '../blocks/registry';
import { loadRunbook, paramValues } from './load-runbook';
import { SECRET_MARK, SecretScrubber, secretParamNames, splitSecrets } from './secrets';
import { closeEvaluation, evaluationStopped, openEvaluation, unfinishedEvaluation } from './evaluation-marker';
import { conditionSkipReason } from './condition-skip';
import { retainedBlocks } from './retry-plan';
import { blocksOf, forwardStepRuns, rollbackStepRuns, type GatePolicy } from './step-plan';
import type { HttpGateway, ShellGateway, SqlGateway } from './ports';
import type { RunFilter, RunStore } from './run-store';
import * as t from './transitions';

interface Driver {
  controller: AbortController;
  done: Promise<void>;
  /** A control asked for another pass while this driver was finishing. */
  again: boolean;
}

export interface EngineOptions {
  store: RunStore;
  aws: AwsGateway;
  sql?: SqlGateway;
  shell?: ShellGateway;
  /** `sh` blocks run only when the host trusts the runbook. */
  allowShell?: boolean;
  /** Outbound HTTP for `http` blocks (its allow-list and secrets are the host's). */
  http?: HttpGateway;
  /** `http` blocks run only when the host allows them (trust as for `sh`, or Backstage's allow-list). */
  allowHttp?: boolean;
  /** Which front end hosts the runs: a refused sh or http block says how to allow it there. */
  hostKind?: HostKind;
  /** Divides wait timeouts, intervals and hold durations (the simulator runs time faster). */
  timeScale?: number;
  /**
   * Every `approve` step needs a second person, whatever the runbook says (Backstage's
   * `switchyard.requireFourEyes`); manual-step confirmations stay with the starter.
   */
  requireFourEyes?: boolean;
  /** The AWS account of `aws`, when the host knows it (Backstage); otherwise asked of STS when a run takes locks. */
  account?: string;
  /** Identity of this engine instance for run leases (two hosts never drive one run). */
  ownerId?: string;
  leaseMs?: number;
  now?: () => Date;
}

export interface StartRunRequest {
  file: string;
  source: string;
  params: Record<string, string>;
  startedBy: string;
  dryRun?: boolean;
  /** Start at the step with this id ("Run from here"): the steps before it are recorded as skipped, never run. */
  fromStep?: string;
  /** The host's name for the AWS target (recorded as `run.target.key`). */
  target?: string;
  /** The catalog entity the run is started from (Backstage), recorded with the run. */
  entityRef?: string;
  /**
   * The run's id, chosen by the caller (a rollout records it before starting, so a resume finds the
   * run instead of starting another); default: a new one. The store refuses a second run of one id.
   */
  id?: string;
  /** The rollout this run is one cluster's part of. */
  rollout?: RunRolloutLink;
}

/**
 * Runs runbooks durably: every transition is written to the RunStore before the next side effect,
 * so a run survives the process dying at any point and resumes from the store.
 */
export class Engine {
  private readonly listeners = new Set<RunListener>();
  private readonly drivers = new Map<string, Driver>();
  private readonly runbooks = new Map<string, Runbook>();
  /** Secret param values of the runs this process started or was given them for: never written anywhere. */
  private readonly secrets = new Map<string, Record<string, unknown>>();
  /** Why a driver stopped when that could not be recorded in the run (the store failing, e.g. a full disk): `settled` throws it. */
  private readonly unrecorded = new Map<string, unknown>();
  private readonly ownerId: string;
  private readonly now: () => Date;
  private readonly host: HostVariables;
  private accountLookup?: Promise<string>;

  constructor(private readonly options: EngineOptions) {
    this.host = { connections: options.sql?.connectionNames() ?? [], sqlWrites: options.sql?.allowsWrites?.() ?? false };
    this.ownerId = options.ownerId ?? newOwnerId();
    this.now = options.now ?? (() => new Date());
  }

  subscribe(listener: RunListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get(runId: string): Promise<Run | undefined> {
    return this.options.store.get(runId);
  }

  list(filter?: RunFilter) {
    return this.options.store.list(filter);
  }

  /** Validates runbook and params, takes the locks, records the run and starts driving it. */
  async start(request: StartRunRequest): Promise<Run> {
    const runbook = loadRunbook(request.file, request.source);
    const { values: given, errors } = paramValues(runbook, request.params);
    if (errors.length) throw new RunRejectedError(errors);
    const { visible: values, secrets } = splitSecrets(runbook, given);
    const from = startIndex(runbook, request);
    const now = this.now().toISOString();
    if (request.id !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(request.id)) {
      throw new RunRejectedError([`run id ${JSON.stringify(request.id)}: letters, digits, _ and - only, at most 64`]);
    }
    const id = request.id ?? `run-${now.replace(/[-:T.Z]/g, '').slice(0, 14)}-${randomBytes(3).toString('hex')}`;
    const scope = { ...given, params: given };
    // Before any lock, STS call or record: a run whose http block this host would refuse is not started.
    this.checkHttp(request, runbook, from.index, given, id);
    const mutating = runbook.steps.some((s) => s.mutating) || runbook.rollback.some((s) => s.mutating);
    const rendered = request.dryRun || !mutating ? [] : runbook.locks.map((l) => renderTemplate(l.key, scope));
    // Only locks on RDS resources named by id need the account (an ARN names its own; `host:local` none).
    const account = rendered.some(lockNeedsAccount) ? await this.account() : this.options.account;
    const locks = canonicalLocks(rendered, { account: account ?? '', region: this.options.aws.region });
    const run: Run = {
      id,
      version: 1,
      runbook: { file: request.file, title: runbook.meta.title, source: request.source },
      params: values,
      status: 'pending',
      phase: 'forward',
      dryRun: Boolean(request.dryRun),
      startedBy: request.startedBy,
      createdAt: now,
      updatedAt: now,
      steps: forwardStepRuns(runbook, this.gatePolicy(), from, now),
      rollbackSteps: [],
      current: from.index,
      locks,
      target: {
        key: request.target,
        endpoint: this.options.aws.target,
        region: this.options.aws.region,
        ...(account ? { account } : {}),
      },
      ...(request.entityRef ? { entityRef: request.entityRef } : {}),
      ...(request.rollout ? { rollout: request.rollout } : {}),
      audit: [
        { at: now, actor: request.startedBy, action: request.dryRun ? 'dry-run started' : 'run started', detail: JSON.stringify(values) },
        ...(from.index > 0 ? [{ at: now, actor: request.startedBy, action: 'steps skipped', detail: from.reason }] : []),
      ],
    };
    // The run and its locks in one write: LockConflictError, and nothing recorded, when another run holds one.
    await this.options.store.create(run);
    this.runbooks.set(id, runbook);
    this.secrets.set(id, secrets);
    this.emit(undefined, run);
    this.kick(id);
    return run;
  }

  /** http blocks this host would refuse (not trusted here, a host off the allow-list) refuse the run: `HttpStartRefusedError`. */
  private checkHttp(request: StartRunRequest, runbook: Runbook, fromStep: number, given: Record<string, unknown>, id: string): void {
    const { http } = this.options;
    const run = { id, startedBy: request.startedBy, dryRun: Boolean(request.dryRun), phase: 'forward', ...this.host };
    try {
      checkHttpAtStart({
        file: request.file,
        runbook,
        fromStep,
        scope: { ...given, params: given, steps: {}, run },
        policy: { allowed: Boolean(this.options.allowHttp && http), host: this.options.hostKind, refusal: (url) => http?.refusal(url) },
        secretParams: secretParamNames(runbook),
      });
    } catch (error) {
      if (!(error instanceof HttpStartRefusedError)) throw error;
      // A host or URL may come from a secret param: the refusal names it as `[secret]`.
      const scrub = new SecretScrubber(splitSecrets(runbook, given).secrets);
      throw new HttpStartRefusedError(error.refusals.map((r) => scrub.value(r)));
    }
  }

  /**
   * One operator control. The control table and the approval rule (model/) decide whether it
   * applies and who may; refused controls change nothing and throw a typed error.
   */
  async control(runId: string, control: RunControl, actor: Actor): Promise<Run> {
    const checked = parseRunControl(control.action, control.reason);
    const now = () => this.now();
    switch (checked.action) {
      case 'approve':
        return this.apply(runId, (r) => t.approve(r, now(), actor, checked.reason));
      case 'reject':
        return this.apply(runId, (r) => t.reject(r, now(), actor, checked.reason), false);
      case 'retry':
        return this.apply(runId, (r) => t.retry(r, now(), actor, checked.reason, this.keptOnRetry(r)));
      case 'skip':
        return this.apply(runId, (r) => t.skip(r, now(), actor, checked.reason));
      case 'abort': {
        const run = await this.apply(runId, (r) => t.abort(r, now(), actor, checked.reason), false);
        this.drivers.get(runId)?.controller.abort();
        return run;
      }
      case 'rollback':
        return this.rollback(runId, actor, checked.reason);
    }
  }

  private async rollback(runId: string, actor: Actor, reason?: string): Promise<Run> {
    const current = await this.load(runId);
    // Refuse before touching the driver: an invalid rollback must not leave a live run undriven.
    t.assertControl(current, 'rollback');
    if (currentStep(current)?.inFlight && this.drivers.has(runId)) {
      throw new InvalidTransitionError('rollback', current.status, 'a mutating AWS call is in flight; roll back once it has answered');
    }
    const runbook = this.runbookOf(current);
    this.drivers.get(runId)?.controller.abort();
    await this.drivers.get(runId)?.done;
    return this.apply(runId, (run) =>
      t.beginRollback(run, this.now(), actor, rollbackStepRuns(run, runbook, this.gatePolicy()), reason, this.keptOnRetry(run)),
    );
  }

  /** The blocks of the run's current step a retry keeps as done (retry-plan.ts); the rest run again. */
  private keptOnRetry(run: Run): number[] | undefined {
    const step = currentStep(run);
    return step ? retainedBlocks(blocksOf(this.runbookOf(run), step), step) : undefined;
  }

  /**
   * Picks a run up again after the process that drove it died: an unconfirmed mutating call is
   * reconciled against AWS state first, then driving continues where the store says it was.
   */
  async resume(runId: string, options: { secrets?: Record<string, string> } = {}): Promise<Run> {
    const run = await this.load(runId);
    if (options.secrets && Object.keys(options.secrets).length) this.giveSecrets(run, options.secrets);
    if (isDriven(run.status)) this.kick(runId);
    return run;
  }

  /** Secret param values given again for a run this process did not start (they are never stored). */
  private giveSecrets(run: Run, given: Record<string, string>): void {
    const runbook = this.runbookOf(run);
    const names = new Set(secretParamNames(runbook));
    const unknown = Object.keys(given).filter((n) => !names.has(n));
    if (unknown.length) {
      throw new RunRejectedError([
        `${unknown.join(', ')} ${unknown.length > 1 ? 'are not secret params' : 'is not a secret param'} of ${run.runbook.file}; its secret params: ${[...names].join(', ') || 'none'}`,
      ]);
    }
    const { values, errors } = paramValues(runbook, { ...stringParams(run.params), ...given });
    if (errors.length) throw new RunRejectedError(errors);
    this.secrets.set(run.id, { ...this.secrets.get(run.id), ...splitSecrets(runbook, values).secrets });
  }

  /** Secret params the runbook declares that this process holds no value for (lost with the process that started the run). */
  private missingSecrets(run: Run, runbook: Runbook): string[] {
    const held = this.secrets.get(run.id) ?? {};
    return secretParamNames(runbook).filter((n) => run.params[n] === SECRET_MARK && held[n] === undefined);
  }

  /**
   * Resolves once the run rests: ended, failed, or waiting for a person. Rejects with the error
   * that stopped its driver here when that could not be recorded in the run (the store failing).
   */
  async settled(runId: string): Promise<Run> {
    let idleChecks = 0;
    for (;;) {
      const driver = this.drivers.get(runId);
      if (driver) {
        await driver.done;
        idleChecks = 0;
        continue;
      }
      const failure = this.unrecorded.get(runId);
      if (failure !== undefined) {
        this.unrecorded.delete(runId);
        throw failure;
      }
      const run = await this.load(runId);
      if (this.drivers.has(runId)) continue;
      if (!isDriven(run.status)) return run;
      // Active with no driver here: a control may be between its write and starting the driver, or
      // the run is driven by another process (or needs `resume`). Look again briefly, then report it.
      if (++idleChecks > 20) return run;
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Stops driving (e.g. on Ctrl-C) without changing any run: each stays resumable. */
  async shutdown(): Promise<void> {
    for (const d of this.drivers.values()) d.controller.abort();
    await Promise.all([...this.drivers.values()].map((d) => d.done));
  }

  // ---- driving ----

  /**
   * Starts driving a run in this process. A control that arrives while a driver is finishing (e.g. an
   * approval given the instant it was requested) asks for one more pass instead of being lost.
   */
  private kick(runId: string): void {
    const running = this.drivers.get(runId);
    if (running) {
      running.again = true;
      return;
    }
    const controller = new AbortController();
    const driver: Driver = { controller, again: false, done: Promise.resolve() };
    this.unrecorded.delete(runId);
    driver.done = this.drive(runId, controller.signal)
      .catch((error) => this.recordDriverError(runId, error))
      .then(() => this.options.store.release(runId, this.ownerId))
      .catch(() => undefined) // a lease left behind expires; it must not surface as an unhandled rejection
      .finally(() => {
        this.drivers.delete(runId);
        if (driver.again && !controller.signal.aborted) this.kick(runId);
      });
    this.drivers.set(runId, driver);
  }

  private async drive(runId: string, signal: AbortSignal): Promise<void> {
    const leaseMs = this.leaseMs();
    if (!(await this.options.store.claim(runId, this.ownerId, leaseMs))) return;
    for (;;) {
      if (signal.aborted) return;
      // Lost the lease (this process stalled past it and another took the run over): stop driving.
      if (!(await this.options.store.claim(runId, this.ownerId, leaseMs))) return;
      let run = await this.load(runId);
      if (!isDriven(run.status)) return;
      const runbook = this.runbookOf(run);
      if (run.status === 'pending') run = await this.mutate(runId, (r) => t.setRunStatus(r, 'running', this.now(), 'engine'));
      const step = currentStep(run);
      if (!step) {
        await this.mutate(runId, (r) => t.setRunStatus(r, r.phase === 'forward' ? 'succeeded' : 'rolled-back', this.now(), 'engine'));
        return;
      }
      if (step.status === 'pending') {
        run = await this.mutate(runId, (r) => t.startStep(r, this.now()));
      }
      const live = currentStep(run)!;
      const blocks = blocksOf(runbook, live);
      if (unfinishedEvaluation(live)) {
        run = await this.evaluationStopped(run, blocks[live.blockIndex]);
        if (!isDriven(run.status)) return;
        continue;
      }
      if (live.inFlight) {
        run = await this.reconcileInFlight(run, live, blocks[live.inFlight.blockIndex]);
        if (run.status === 'failed') return;
        continue;
      }
      if (blocks.length === 0 && live.blockIndex === 0) {
        await this.mutate(runId, (r) =>
          t.requestApproval(r, this.now(), {
            kind: 'confirm',
            message: `Manual step "${live.name}": do what it says, then confirm it is done`,
            fourEyes: false,
            approvers: [],
          }),
        );
        return;
      }
      if (live.blockIndex >= blocks.length) {
        const allSkipped = blocks.length > 0 && (live.blocksSkipped ?? 0) >= blocks.length;
        await this.mutate(runId, (r) =>
          allSkipped
            ? t.skipByCondition(
                r,
                this.now(),
                conditionSkipReason(
                  blocks.map((b) => b.when),
                  this.host,
                ),
              )
            : t.succeedStep(r, this.now()),
        );
        continue;
      }
      if (live.keptBlocks?.includes(live.blockIndex)) {
        const kept = blocks[live.blockIndex];
        await this.mutateIf(runId, stepKey(run), (r) =>
          t.passKeptBlock(
            t.appendLog(r, this.now(), 'info', `${kept.kind} block (line ${kept.pos.line}) not run again: it completed before the retry`),
            this.now(),
          ),
        );
        continue;
      }
      const block = blocks[live.blockIndex];
      const missing = this.missingSecrets(run, runbook);
      if (missing.length) {
        await this.mutateIf(runId, stepKey(run), (r) => t.failStep(r, this.now(), new SecretsMissing(missing).message));
        return;
      }
      const when = block.when?.expr;
      const secrets = this.secrets.get(run.id);
      if (when && !(await this.evaluating(run.id, stepKey(run), () => evaluateCondition(when, scopeOf(run, this.host, secrets))))) {
        await this.mutateIf(runId, stepKey(run), (r) =>
          t.skipBlock(
            t.appendLog(r, this.now(), 'info', `${block.kind} block skipped: ${conditionSkipReason([block.when], this.host)}`),
            this.now(),
          ),
        );
        continue;
      }
      const outcome = await this.runBlock(run, live, block, signal);
      if (outcome === 'interrupted') return;
      const stop = await this.applyOutcome(run, blocks[live.blockIndex], outcome, runbook);
      if (stop) return;
    }
  }

  /**
   * Runs one block while heartbeating the run's lease: a block that outlives the lease (a long sh,
   * sql or aws block) keeps the run, and one whose lease is lost (this process stalled, another took
   * the run over) is stopped and its outcome dropped — the run is the other process's now. A block
   * with side effects the engine cannot reconcile from AWS (sh, writing sql, a mutating http request) is recorded in flight
   * first, so a resume hands it to the operator instead of running it twice.
   */
  private async runBlock(run: Run, step: StepRun, block: Block, driver: AbortSignal): Promise<BlockOutcome | 'interrupted'> {
    const key = stepKey(run);
    const blockIndex = step.blockIndex;
    const lease = this.heartbeat(run.id, driver);
    const signal = lease.signal;
    // Nothing a block writes (logs, errors, outputs, calls in flight) may carry a secret param's value.
    const scrub = new SecretScrubber(this.secrets.get(run.id) ?? {});
    let evaluations = 1; // 0 is the block's `when:`
    try {
      if (block.kind !== 'aws' && !run.dryRun && kindModule(block.kind).mutates(block)) {
        await this.mutateIf(run.id, key, (r) =>
          t.recordInFlight(r, this.now(), {
            blockIndex,
            service: block.kind,
            operation: `${block.kind} block`,
            input: {},
            sentAt: this.now().toISOString(),
          }),
        );
      }
      const outcome = await executeBlock({
        run,
        step,
        block,
        blockIndex,
        scope: scopeOf(run, this.host, this.secrets.get(run.id)),
        aws: this.options.aws,
        sql: this.options.sql,
        shell: this.options.shell,
        allowShell: Boolean(this.options.allowShell),
        http: this.options.http,
        allowHttp: Boolean(this.options.allowHttp),
        hostKind: this.options.hostKind,
        timeScale: this.options.timeScale ?? 1,
        signal,
        now: this.now,
        log: async (level, text) => {
          await this.mutateIf(run.id, key, (r) => t.appendLog(r, this.now(), level, scrub.text(text)));
        },
        redact: (text) => scrub.text(text),
        audit: async (entry) => {
          const detail = entry.detail === undefined ? undefined : scrub.text(entry.detail);
          await this.mutateIf(run.id, key, (r) => t.recordAudit(r, this.now(), { ...entry, detail }));
        },
        recordInFlight: async (call) => {
          await this.mutateIf(run.id, key, (r) =>
            t.recordInFlight(r, this.now(), {
              ...call,
              // An http block's operation is its method and URL, which a template may have put a secret param in.
              operation: scrub.text(call.operation),
              input: scrub.value(call.input),
              blockIndex,
              sentAt: this.now().toISOString(),
            }),
          );
        },
        // Numbered: a stop is counted against the evaluation it happened in (see evaluation-marker.ts).
        evaluating: (work) => this.evaluating(run.id, key, work, evaluations++),
        waitProgress: async (progress) => {
          const scrubbed = {
            ...progress,
            condition: scrub.text(progress.condition),
            observed: progress.observed.map((o) => scrub.text(o)),
          };
          await this.mutateIf(run.id, key, (r) => t.recordWaitProgress(r, this.now(), scrubbed));
        },
        beginWait: async () => {
          const next = await this.mutateIf(run.id, key, (r) => t.beginWait(r, this.now()));
          const waitStartedAt = next && currentStep(next)?.waitStartedAt;
          if (waitStartedAt) step.waitStartedAt = waitStartedAt;
        },
        stillCurrent: async () => {
          // Another process holds the run now: stop without touching it (it is that process's to drive).
          if (!(await this.options.store.claim(run.id, this.ownerId, this.leaseMs()))) throw new RunInterrupted();
          const latest = await this.options.store.get(run.id);
          return Boolean(latest && stepKey(latest) === key && isDriven(latest.status));
        },
      });
      return signal.aborted ? 'interrupted' : scrubOutcome(outcome, scrub);
    } catch (error) {
      if (error instanceof RunInterrupted || signal.aborted) return 'interrupted';
      return { type: 'failed', error: scrub.text(error instanceof Error ? error.message : String(error)) };
    } finally {
      lease.stop();
    }
  }

  /** Synchronous CEL work with the step marked as evaluating, so a process that dies in it is not resumed into it forever (evaluation-marker.ts). */
  private async evaluating<T>(runId: string, key: string, work: () => T, seq = 0): Promise<T> {
    await this.mutateIf(runId, key, (r) => openEvaluation(r, this.now(), seq));
    try {
      return work();
    } finally {
      await this.mutateIf(runId, key, closeEvaluation);
    }
  }

  /** A resume found the step marked as evaluating: the last process stopped inside the evaluation. */
  private async evaluationStopped(run: Run, block: Block | undefined): Promise<Run> {
    const what = block ? `its ${block.kind} block` : 'this step';
    return (await this.mutateIf(run.id, stepKey(run), (r) => evaluationStopped(r, this.now(), what))) ?? (await this.load(run.id));
  }

  private leaseMs(): number {
    return this.options.leaseMs ?? 60_000;
  }

  /**
   * Renews the run's lease every third of it while a block runs. The returned signal aborts when the
   * driver stops or the lease is lost: another process claimed the run, or no renewal succeeded for
   * a whole lease (the store unreachable — another process may take the run over by now).
   */
  private heartbeat(runId: string, driver: AbortSignal): { signal: AbortSignal; stop: () => void } {
    const controller = new AbortController();
    const onDriverAbort = () => controller.abort();
    driver.addEventListener('abort', onDriverAbort, { once: true });
    if (driver.aborted) controller.abort();
    let renewedAt = Date.now();
    const timer = setInterval(
      () => {
        this.options.store.claim(runId, this.ownerId, this.leaseMs()).then(
          (held) => {
            if (held) renewedAt = Date.now();
            else controller.abort();
          },
          () => {
            if (Date.now() - renewedAt >= this.leaseMs()) controller.abort();
          },
        );
      },
      Math.max(5, this.leaseMs() / 3),
    );
    timer.unref?.();
    return {
      signal: controller.signal,
      stop: () => {
        clearInterval(timer);
        driver.removeEventListener('abort', onDriverAbort);
      },
    };
  }

  /** Applies a block's outcome if the run is still where the block started; returns true to stop driving. */
  private async applyOutcome(run: Run, block: Block, outcome: BlockOutcome, runbook: Runbook): Promise<boolean> {
    const key = stepKey(run);
    const now = this.now();
    let applied: Run | undefined;
    switch (outcome.type) {
      case 'done':
        applied = await this.mutateIf(run.id, key, (r) => t.completeBlock(r, now, outcome.output));
        return !applied;
      case 'approval':
        await this.mutateIf(run.id, key, (r) => t.requestApproval(r, now, this.withPolicy(outcome.request)));
        return true;
      case 'failed': {
        // A non-aws block that answered has ended (an exit code, a database error): it is no longer in flight.
        const ended = outcome.notApplied || block.kind !== 'aws';
        const failed = await this.mutateIf(run.id, key, (r) => {
          const next = t.failStep(r, now, outcome.error);
          return ended ? t.recordInFlight(next, now, undefined) : next;
        });
        if (failed && block.onFailure === 'rollback' && failed.phase === 'forward') {
          await this.mutate(run.id, (r) =>
            t.beginRollback(
              r,
              this.now(),
              ENGINE_ACTOR,
              rollbackStepRuns(r, runbook, this.gatePolicy()),
              `automatic rollback: ${outcome.error}`,
            ),
          );
          return false;
        }
        return true;
      }
    }
  }

  private gatePolicy(): GatePolicy {
    return { requireFourEyes: this.options.requireFourEyes };
  }

  /** The AWS account locks are taken in: the host's, or asked once of STS (GetCallerIdentity). */
  private account(): Promise<string> {
    if (this.options.account) return Promise.resolve(this.options.account);
    this.accountLookup ??= fetchCallerIdentity(this.options.aws).then(
      ({ account }) => {
        if (!account) throw new Error('STS GetCallerIdentity answered without an account');
        return account;
      },
      (error: unknown) => {
        this.accountLookup = undefined;
        throw new Error(
          `cannot tell which AWS account ${this.options.aws.target} is (sts:GetCallerIdentity failed: ${error instanceof Error ? error.message : String(error)}); locks name the account, so the run was not started`,
        );
      },
    );
    return this.accountLookup;
  }

  /** The host's four-eyes policy applied to an approval a block asks for. */
  private withPolicy(request: Omit<ApprovalRequest, 'requestedAt'>): Omit<ApprovalRequest, 'requestedAt'> {
    return this.options.requireFourEyes && request.kind === 'approve' ? { ...request, fourEyes: true } : request;
  }

  /** Asks the block's kind whether the call it had in flight took effect (the kind's reconciler; none → the operator decides). */
  private async reconcileInFlight(run: Run, step: StepRun, block: Block): Promise<Run> {
    const call = step.inFlight!;
    const result = await reconcileBlock(block, this.options.aws, call);
    const key = stepKey(run);
    const what = block.kind === 'aws' ? `${call.operation} may have been sent` : `the ${block.kind} block may have run, in part or whole,`;
    const where = block.kind === 'aws' ? 'AWS' : `what the ${block.kind} block does`;
    const note = `crash recovery: ${what} before the process stopped; ${result.evidence}`;
    const next = await this.mutateIf(run.id, key, (r) => {
      const logged = t.appendLog(r, this.now(), result.verdict === 'unknown' ? 'error' : 'warn', note);
      if (result.verdict === 'applied') return t.completeBlock(logged, this.now(), { reconciled: true, evidence: result.evidence });
      if (result.verdict === 'not-applied') {
        return t.appendLog(
          t.recordInFlight(logged, this.now(), undefined),
          this.now(),
          'info',
          'the call had not taken effect: sending it again',
        );
      }
      const check =
        result.verdict === 'unknown' && result.check ? result.check : `check ${where}, then retry or skip this step with a reason`;
      return t.recordInFlight(
        t.failStep(logged, this.now(), `${call.operation} may or may not have taken effect (${result.evidence}); ${check}`),
        this.now(),
        undefined,
      );
    });
    return next ?? (await this.load(run.id));
  }

  private async recordDriverError(runId: string, error: unknown): Promise<void> {
    const message = `engine error: ${error instanceof Error ? error.message : String(error)}`;
    try {
      await this.mutate(runId, (r) => (isDriven(r.status) ? t.failStep(r, this.now(), message) : r));
    } catch {
      // The run stays as last stored (resume picks it up); whoever waits for it learns why.
      this.unrecorded.set(runId, error);
    }
  }

  // ---- persistence ----

  /** Writes an operator's change and, when the run can go on, drives it here. */
  private async apply(runId: string, change: (run: Run) => Run, drive = true): Promise<Run> {
    const run = await this.mutate(runId, change);
    if (drive && isDriven(run.status)) this.kick(runId);
    return run;
  }

  private async load(runId: string): Promise<Run> {
    const run = await this.options.store.get(runId);
    if (!run) throw new RunNotFoundError(runId);
    return run;
  }

  /** Read-modify-write with compare-and-set; retried when another writer got in between. */
  private async mutate(runId: string, change: (run: Run) => Run): Promise<Run> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const before = await this.load(runId);
      const after = change(before);
      if (after === before) return before;
      const next = { ...after, version: before.version + 1 };
      // The store releases or retakes the run's locks in this same write as it ends or reopens.
      if (await this.options.store.put(next)) {
        this.emit(before, next);
        return next;
      }
    }
    throw new Error(`run ${runId} is being changed by another writer; try again`);
  }

  /** Like mutate, but only while the run is still on the same step attempt and active; otherwise no-op. */
  private async mutateIf(runId: string, key: string, change: (run: Run) => Run): Promise<Run | undefined> {
    let applied = false;
    const result = await this.mutate(runId, (r) => {
      if (stepKey(r) !== key || !isInProgress(r.status)) return r;
      applied = true;
      return change(r);
    });
    return applied ? result : undefined;
  }

  private emit(before: Run | undefined, after: Run): void {
    const events: RunEvent[] = diffRun(before, after);
    for (const event of events) {
      for (const listener of this.listeners) {
        try {
          listener(event, after);
        } catch {
          /* a broken subscriber must not break the run */
        }
      }
    }
  }

  private runbookOf(run: Run): Runbook {
    let runbook = this.runbooks.get(run.id);
    if (!runbook) {
      runbook = loadRunbook(run.runbook.file, run.runbook.source);
      this.runbooks.set(run.id, runbook);
    }
    return runbook;
  }
}

/** Where a run starts: step 0, or the step `fromStep` names (unknown ids are refused before anything runs). */
function startIndex(runbook: Runbook, request: StartRunRequest): { index: number; reason: string } {
  if (request.fromStep === undefined) return { index: 0, reason: '' };
  const index = runbook.steps.findIndex((s) => s.id === request.fromStep);
  if (index < 0) {
    throw new RunRejectedError([
      `${request.file} has no step with id "${request.fromStep}"; its steps are: ${runbook.steps.map((s) => s.id).join(', ')}`,
    ]);
  }
  return { index, reason: `not run: the run was started from step "${runbook.steps[index].name}"` };
}

function stepKey(run: Run): string {
  const step = currentStep(run);
  return `${run.phase}:${run.current}:${step?.attempts ?? 0}`;
}

/** What the host offers a run, visible to CEL as fields of `run` (e.g. `"blue" in run.connections`). */
export interface HostVariables {
  /** Names of the SQL connections configured here. */
  connections?: string[];
  /** Whether `sql` blocks with `write: true` may run here (the CLI's `--allow-sql-writes`). */
  sqlWrites?: boolean;
}

/** The canonical keys of a run's rendered locks (one per resource); a key that cannot be made canonical refuses the run. */
function canonicalLocks(rendered: string[], place: ResourcePlace): string[] {
  const canonical = rendered.map((key) => canonicalLockKey(key, place));
  const problems = canonical.flatMap((c) => (c.problem ? [c.problem] : []));
  if (problems.length) throw new RunRejectedError(problems);
  return [...new Set(canonical.map((c) => c.key))];
}

/** A run's secret params are not held by this process (they are never stored): it cannot go on until they are given again. */
class SecretsMissing extends Error {
  constructor(readonly names: string[]) {
    super(
      `this run needs its secret param${names.length > 1 ? 's' : ''} ${names.join(', ')}, which ${names.length > 1 ? 'are' : 'is'} never stored: ` +
        `the process that started the run has stopped. Give ${names.length > 1 ? 'them' : 'it'} again when resuming, then retry this step`,
    );
    this.name = 'SecretsMissing';
  }
}

function scrubOutcome(outcome: BlockOutcome, scrub: SecretScrubber): BlockOutcome {
  if (scrub.empty) return outcome;
  switch (outcome.type) {
    case 'done':
      return { ...outcome, output: scrub.value(outcome.output) };
    case 'failed':
      return { ...outcome, error: scrub.text(outcome.error) };
    case 'approval':
      return { ...outcome, request: { ...outcome.request, message: scrub.text(outcome.request.message) } };
  }
}

function stringParams(params: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params)
      .filter(([, v]) => v !== SECRET_MARK && v !== undefined && v !== null)
      .map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  );
}

/** The engine itself, as the actor of what it does on its own (an automatic rollback). */
const ENGINE_ACTOR: Actor = { name: 'engine' };

/** Template and CEL variables: params (secrets from memory) at top level and as `params`, `steps.<id>`, `run`. */
export function scopeOf(run: Run, host: HostVariables = {}, secrets: Record<string, unknown> = {}): Record<string, unknown> {
  const steps: Record<string, unknown> = {};
  for (const s of [...run.steps, ...run.rollbackSteps]) {
    steps[s.id] = { output: s.output ?? null, outputs: s.blockOutputs, status: s.status };
  }
  // Secret params are not in the run record: the values held in memory take their place here.
  const params = { ...run.params, ...secrets };
  return {
    ...params,
    params,
    steps,
    run: {
      id: run.id,
      startedBy: run.startedBy,
      dryRun: run.dryRun,
      phase: run.phase,
      connections: host.connections ?? [],
      sqlWrites: host.sqlWrites ?? false,
    },
  };
}

export { InvalidTransitionError };
