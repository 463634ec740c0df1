/**
 * The one way a front end hosts runs. A RunHost owns an Engine per AWS target (a Backstage
 * account/region, the VS Code sandbox or AWS profile, the CLI's endpoint), fans their events out,
 * records the host's metadata (target key, entity ref) in the run's first write, and takes every
 * operator control through one `control(runId, RunControl, actor)`.
 *
 * The CLI, the Backstage backend and the VS Code extension are thin adapters around it: they parse
 * input, authorize (Backstage), call the host, and present the result.
 */
import type { HostKind } from '../blocks/common/how-to-allow';
import type { AwsGateway } from '../aws/gateway';
import { Engine, type StartRunRequest } from '../engine/engine';
import type { HttpGateway, ShellGateway, SqlGateway } from '../engine/ports';
import type { RunFilter, RunStore } from '../engine/run-store';
import type { Actor } from '../model/approval-rule';
import type { RunControl } from '../model/controls';
import { RunNotFoundError, TargetUnavailableError } from '../model/errors';
import type { RunEvent, RunListener } from '../model/run-events';
import type { Run, RunSummary } from '../model/run';
import { DRIVEN_RUN_STATUSES } from '../model/statuses';
import { newOwnerId } from './owner-id';

/** What runs on one AWS target need: the AWS gateway, and what else this host offers there. */
export interface TargetServices {
  aws: AwsGateway;
  /** The AWS account `aws` acts in, when the host knows it; otherwise the engine asks STS once a run takes locks. */
  account?: string;
  sql?: SqlGateway;
  shell?: ShellGateway;
  /** `sh` blocks run only while this is true (read at every block: a getter may change it). */
  readonly allowShell?: boolean;
  /** Outbound HTTP for `http` blocks (the host's allow-list and secrets). */
  http?: HttpGateway;
  /** `http` blocks run only while this is true (read at every block, like `allowShell`). */
  readonly allowHttp?: boolean;
  /** Divides wait timeouts and intervals (the simulator runs AWS time faster). */
  timeScale?: number;
}

export interface RunHostOptions {
  store: RunStore;
  /** The services of the target a key names; undefined when it is not available here now (e.g. the sandbox is stopped). */
  target(key: string): TargetServices | undefined | Promise<TargetServices | undefined>;
  /** The target of a run recorded before runs carried `target.key` (a host's older side records). */
  legacyTargetKey?(run: RunSummary): string | undefined;
  /** Which front end this is: a refused sh or http block says how to allow it here. */
  kind?: HostKind;
  /** Every `approve` step needs a second person, whatever the runbook says. */
  requireFourEyes?: boolean;
  /** This process, for run leases; every engine of the host drives under it. */
  ownerId?: string;
  leaseMs?: number;
  now?: () => Date;
}

export interface HostStartRequest extends Omit<StartRunRequest, 'target'> {
  /** The key of the AWS target the run's calls go to. */
  target: string;
}

export class RunHost {
  private readonly engines = new Map<string, Promise<Engine>>();
  private readonly listeners = new Set<RunListener>();
  private readonly ownerId: string;

  constructor(private readonly options: RunHostOptions) {
    this.ownerId = options.ownerId ?? newOwnerId();
  }

  /** Every change of every run this host drives or controls, as it is written. */
  subscribe(listener: RunListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Validates the runbook and params, takes the locks, and records the run with its target and entity in one write. */
  async start(request: HostStartRequest): Promise<Run> {
    const engine = await this.engineFor(request.target, undefined);
    return engine.start(request);
  }

  /** One operator control; the engine refuses what the model's rules refuse (typed errors, nothing changed). */
  async control(runId: string, control: RunControl, actor: Actor): Promise<Run> {
    return (await this.engineOf(runId)).control(runId, control, actor);
  }

  get(runId: string): Promise<Run | undefined> {
    return this.options.store.get(runId);
  }

  list(filter?: RunFilter): Promise<RunSummary[]> {
    return this.options.store.list(filter);
  }

  /** The resources open runs hold (a lock ends with its run: abort the run to release it). */
  locks(): Promise<Array<{ key: string; runId: string }>> {
    return this.options.store.locks();
  }

  /** The key of the target a run's AWS calls go to (`''` when the run does not say and the host cannot tell). */
  targetKeyOf(run: Pick<RunSummary, 'target'> & Partial<RunSummary>): string {
    return run.target?.key ?? (run.id ? this.options.legacyTargetKey?.(run as RunSummary) : undefined) ?? '';
  }

  /** Resolves once the run rests: ended, failed, or waiting for a person. */
  async settled(runId: string): Promise<Run> {
    return (await this.engineOf(runId)).settled(runId);
  }

  /**
   * Drives a run again after the process that drove it stopped: an unconfirmed mutating call is
   * reconciled against AWS state first. A run another live process drives is left to it (its lease holds).
   * `secrets` gives the run's secret params again (they are never stored, so a new process lacks them).
   */
  async resume(runId: string, options: { secrets?: Record<string, string> } = {}): Promise<Run> {
    return (await this.engineOf(runId)).resume(runId, options);
  }

  /**
   * Resumes every run that needs driving on the targets available here (optionally only those
   * `where` picks); returns the resumed runs and those whose target is not available now.
   */
  async resumeUnfinished(where: (run: RunSummary) => boolean = () => true): Promise<{ resumed: Run[]; unavailable: RunSummary[] }> {
    const resumed: Run[] = [];
    const unavailable: RunSummary[] = [];
    for (const summary of await this.list({ status: [...DRIVEN_RUN_STATUSES] })) {
      if (!where(summary)) continue;
      try {
        resumed.push(await this.resume(summary.id));
      } catch (error) {
        if (!(error instanceof TargetUnavailableError)) throw error;
        unavailable.push(summary);
      }
    }
    return { resumed, unavailable };
  }

  /**
   * A target's services changed (the sandbox restarted on another port, the AWS settings changed):
   * its engine stops driving, a new one takes over, and its unfinished runs resume there.
   */
  async retarget(key: string): Promise<Run[]> {
    await this.dropTarget(key);
    const { resumed } = await this.resumeUnfinished((run) => this.targetKeyOf(run) === key);
    return resumed;
  }

  /** The target went away (the sandbox stopped): its runs stop being driven and stay resumable. */
  async dropTarget(key: string): Promise<void> {
    const engine = this.engines.get(key);
    this.engines.delete(key);
    await (await engine?.catch(() => undefined))?.shutdown();
  }

  /** Stops driving every run without changing any: each stays resumable. */
  async shutdown(): Promise<void> {
    const engines = await Promise.allSettled([...this.engines.values()]);
    this.engines.clear();
    await Promise.all(engines.map((e) => (e.status === 'fulfilled' ? e.value.shutdown() : undefined)));
  }

  private async engineOf(runId: string): Promise<Engine> {
    const run = await this.options.store.get(runId);
    if (!run) throw new RunNotFoundError(runId);
    return this.engineFor(this.targetKeyOf(run), runId);
  }

  private engineFor(key: string, runId: string | undefined): Promise<Engine> {
    let engine = this.engines.get(key);
    if (!engine) {
      engine = this.createEngine(key, runId);
      this.engines.set(key, engine);
      engine.catch(() => {
        if (this.engines.get(key) === engine) this.engines.delete(key);
      });
    }
    return engine;
  }

  private async createEngine(key: string, runId: string | undefined): Promise<Engine> {
    const services = await this.options.target(key);
    if (!services) throw new TargetUnavailableError(runId ?? '', key);
    const engine = new Engine({
      store: this.options.store,
      aws: services.aws,
      account: services.account,
      sql: services.sql,
      shell: services.shell,
      // A getter: the engine reads it at every sh block, so a host's change (workspace trust) applies at once.
      get allowShell() {
        return Boolean(services.allowShell);
      },
      http: services.http,
      get allowHttp() {
        return Boolean(services.allowHttp);
      },
      timeScale: services.timeScale,
      hostKind: this.options.kind,
      requireFourEyes: this.options.requireFourEyes,
      ownerId: this.ownerId,
      leaseMs: this.options.leaseMs,
      now: this.options.now,
    });
    engine.subscribe((event: RunEvent, run: Run) => {
      for (const listener of this.listeners) {
        try {
          listener(event, run);
        } catch {
          /* a broken subscriber must not break the run or the other subscribers */
        }
      }
    });
    return engine;
  }
}
