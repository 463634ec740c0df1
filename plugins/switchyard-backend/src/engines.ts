/**
 * One core Engine per AWS account and region (its gateway's default region is where the runbook's
 * calls go), all on the same KnexRunStore tables. Resumes unfinished runs on startup and, every
 * few seconds, takes over runs whose driving replica has gone (its lease expired).
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import { ACTIVE_RUN_STATUSES, Engine, type RunListener, type ShellGateway, type SqlGateway } from '@switchyard/core';
import type { AwsAccess } from './aws/aws-access';
import type { KnexRunStore } from './store/knex-run-store';

export interface EngineRegistryOptions {
  store: KnexRunStore;
  access: AwsAccess;
  logger: LoggerService;
  allowShell: boolean;
  shell?: ShellGateway;
  sql?: SqlGateway;
  leaseMs: number;
}

/** `<account>:<region>`: the engine a run belongs to, recorded with the run. */
export function scopeKey(account: string, region: string): string {
  return `${account}:${region}`;
}

export class EngineRegistry {
  private readonly engines = new Map<string, Promise<Engine>>();
  private readonly listeners = new Set<RunListener>();
  private sweeper?: NodeJS.Timeout;
  private sweeping?: Promise<void>;
  private stopped = false;

  constructor(private readonly options: EngineRegistryOptions) {}

  forScope(scope: string): Promise<Engine> {
    let engine = this.engines.get(scope);
    if (!engine) {
      engine = this.create(scope);
      engine.catch(() => this.engines.delete(scope));
      this.engines.set(scope, engine);
    }
    return engine;
  }

  /** The engine of an existing run (by the scope it was created in). */
  async forRun(runId: string): Promise<Engine | undefined> {
    const scope = await this.options.store.scopeOf(runId);
    return scope === undefined ? undefined : this.forScope(scope);
  }

  /** Every change of every run driven or controlled in this process. */
  subscribe(listener: RunListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Kicks every unfinished run; a run another live replica drives is left to it (its lease
   * holds), a run whose driver died is picked up (the in-flight AWS call is reconciled first).
   */
  async resumeUnfinished(): Promise<number> {
    const runs = await this.options.store.scopes(ACTIVE_RUN_STATUSES);
    for (const { id, scope } of runs) {
      if (this.stopped) break;
      try {
        await (await this.forScope(scope)).resume(id);
      } catch (error) {
        this.options.logger.warn(`Switchyard: could not resume run ${id}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return runs.length;
  }

  startSweeper(intervalMs: number): void {
    this.sweeper = setInterval(() => {
      if (this.sweeping) return;
      this.sweeping = this.resumeUnfinished()
        .then(() => undefined)
        .catch((error) => this.options.logger.warn(`Switchyard: looking for abandoned runs failed: ${error}`))
        .finally(() => (this.sweeping = undefined));
    }, intervalMs);
    this.sweeper.unref();
  }

  /** Stops driving; every run stays resumable (by this backend's next start or another replica). */
  async shutdown(): Promise<void> {
    this.stopped = true;
    if (this.sweeper) clearInterval(this.sweeper);
    await this.sweeping;
    const engines = await Promise.allSettled([...this.engines.values()]);
    await Promise.all(engines.map((e) => (e.status === 'fulfilled' ? e.value.shutdown() : undefined)));
    this.options.access.destroy();
  }

  private async create(scope: string): Promise<Engine> {
    const [account, region] = splitScope(scope);
    const engine = new Engine({
      store: this.options.store.withScope(scope),
      aws: await this.options.access.gateway(account, region),
      allowShell: this.options.allowShell,
      shell: this.options.allowShell ? this.options.shell : undefined,
      sql: this.options.sql,
      timeScale: this.options.access.timeScale,
      leaseMs: this.options.leaseMs,
    });
    engine.subscribe((event, run) => {
      for (const listener of this.listeners) listener(event, run);
    });
    return engine;
  }
}

function splitScope(scope: string): [string, string] {
  const i = scope.lastIndexOf(':');
  if (i <= 0) throw new Error(`run scope "${scope}" is not <account>:<region>`);
  return [scope.slice(0, i), scope.slice(i + 1)];
}
