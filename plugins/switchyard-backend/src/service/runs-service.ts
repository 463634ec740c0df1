/**
 * The backend's runs, behind the router: the core RunHost on the Backstage database (one engine
 * per AWS account and region), plus this backend's rules — sh and writing sql only where enabled,
 * params resolved against the entity's live topology — and a sweep that takes over runs whose
 * driving replica has gone. The router parses, authorizes, calls this, and responds.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  fetchTopology,
  resourceRef,
  resourceRefKey,
  RunHost,
  switchoverHistory,
  type Actor,
  type Run,
  type RunControl,
  type RunListener,
  type RunStatus,
  type RunSummary,
  type HttpGateway,
  type HttpStartPolicy,
  type ShellGateway,
  type SqlGateway,
  type SwitchoverHistory,
  unguardedSqlWrites,
} from '@switchyard/core';
import type { AwsAccess } from '../aws/aws-access';
import type { SwitchyardSettings } from '../config';
import { allBlocks, type RunbookLibrary } from '../runbooks/runbook-library';
import type { KnexRunStore } from '../store/knex-run-store';
import type { DatabaseEntity } from './entities';
import { runParams } from './run-params';

export interface RunsServiceOptions {
  store: KnexRunStore;
  access: AwsAccess;
  runbooks: RunbookLibrary;
  settings: SwitchyardSettings;
  logger: LoggerService;
  shell?: ShellGateway;
  sql?: SqlGateway;
  /**
   * Outbound HTTP for `http` blocks, limited to `switchyard.http.allowedHosts`: the engine's start
   * refuses a run whose http block names another host (a 400), and the gateway refuses it again at send.
   */
  http?: HttpGateway;
}

export interface StartRequest {
  entity: DatabaseEntity;
  runbook: string;
  params: Record<string, unknown>;
  dryRun?: boolean;
  /** The user's entity ref. */
  startedBy: string;
}

/** Runs listed per entity and read for the history chart. */
const LIST_LIMIT = 200;
const HISTORY_LIMIT = 2000;

/** `<account>:<region>`: the target a run's engine drives it on, recorded with the run. */
export function targetKey(account: string, region: string): string {
  return `${account}:${region}`;
}

/** The entity's cluster as run resources are indexed: `id@account/region`. */
function clusterRef(entity: DatabaseEntity): string {
  return resourceRefKey({ id: entity.clusterId.toLowerCase(), account: entity.account, region: entity.region });
}

function splitTargetKey(key: string): [string, string] | undefined {
  const i = key.lastIndexOf(':');
  return i > 0 ? [key.slice(0, i), key.slice(i + 1)] : undefined;
}

/** What anyone is told about a run they may not read, as about one that does not exist. */
export function runNotFound(runId: string): NotFoundError {
  return new NotFoundError(`no run with id ${runId}`);
}

export class RunsService {
  /** The core run host on this backend's database (one engine per account and region). */
  readonly host: RunHost;
  private sweeper?: NodeJS.Timeout;
  private sweeping?: Promise<void>;
  private stopped = false;

  constructor(private readonly options: RunsServiceOptions) {
    const { settings, access } = options;
    this.host = new RunHost({
      store: options.store,
      kind: 'backstage',
      requireFourEyes: settings.requireFourEyes,
      leaseMs: settings.leaseMs,
      target: async (key) => {
        const place = splitTargetKey(key);
        if (!place) return undefined;
        return {
          aws: await access.gateway(...place),
          account: place[0],
          sql: options.sql,
          shell: settings.allowShell ? options.shell : undefined,
          allowShell: settings.allowShell,
          http: options.http,
          // Not trust but the allow-list decides here: the gateway refuses every host it does not list.
          allowHttp: Boolean(options.http),
          timeScale: access.timeScale,
        };
      },
    });
  }

  async start(request: StartRequest): Promise<Run> {
    const { entity } = request;
    const { runbook, detail } = await this.options.runbooks.get(request.runbook);
    this.refuseUntrusted(runbook, detail.id);
    const topology = await fetchTopology(await this.options.access.gateway(entity.account, entity.region), entity.arn);
    const run = await this.host.start({
      file: detail.id,
      source: detail.source,
      params: runParams(runbook, request.params, topology, entity.ref),
      startedBy: request.startedBy,
      dryRun: request.dryRun,
      target: targetKey(entity.account, entity.region),
      entityRef: entity.ref,
    });
    this.options.logger.info('Switchyard run started', {
      runId: run.id,
      actor: request.startedBy,
      runbook: detail.id,
      entityRef: entity.ref,
      dryRun: run.dryRun,
    });
    return run;
  }

  async control(runId: string, control: RunControl, actor: Actor): Promise<Run> {
    const run = await this.host.control(runId, control, actor);
    this.options.logger.info('Switchyard run control', {
      runId,
      actor: actor.name,
      action: control.action,
      reason: control.reason ?? null,
      status: run.status,
    });
    return run;
  }

  /** The run; 404 when there is none. Not a permission check: the router reads runs through readableRun. */
  async get(runId: string): Promise<Run> {
    const run = await this.host.get(runId);
    if (!run) throw runNotFound(runId);
    return run;
  }

  /** The entity that may control a run: the one it was started from (runs started elsewhere are controlled there). */
  entityOf(run: Run): string {
    if (!run.entityRef) {
      throw new NotAllowedError(`run ${run.id} was not started from Backstage; control it where it was started (switchyard CLI)`);
    }
    return run.entityRef;
  }

  /** Newest first: the runs started from the entity, and those about its cluster (in its account and region) started elsewhere. */
  listForEntity(entity: DatabaseEntity): Promise<RunSummary[]> {
    return this.options.store.listForEntity(entity.ref, clusterRef(entity), { limit: LIST_LIMIT });
  }

  list(status: readonly RunStatus[]): Promise<RunSummary[]> {
    return this.options.store.list({ status: [...status] });
  }

  /** Switchover statistics of the runs about the entities' clusters: one entity's, or every one the caller may see (the fleet). */
  async history(entities: DatabaseEntity[], resources: string[] = []): Promise<SwitchoverHistory> {
    if (!entities.length) return switchoverHistory([]);
    // The entities' clusters, and what else stands for them in runs (their Blue/Green deployments, as ARNs).
    const refs = resources.flatMap((r) => {
      const ref = resourceRef(r, { account: '', region: '' });
      return ref ? [resourceRefKey(ref)] : [];
    });
    const keys = [...new Set([...entities.map(clusterRef), ...refs])];
    // Runs started from the entities count too: a deployment deleted at cleanup no longer names them.
    const entityRefs = entities.map((e) => e.ref);
    return switchoverHistory(await this.options.store.runs({ resources: keys, entityRefs, limit: HISTORY_LIMIT }));
  }

  subscribe(listener: RunListener): () => void {
    return this.host.subscribe(listener);
  }

  /**
   * Drives every unfinished run: a run another live replica drives is left to it (its lease holds),
   * a run whose driver died is picked up (the in-flight AWS call is reconciled first).
   */
  async resumeUnfinished(): Promise<number> {
    const { resumed, unavailable } = await this.host.resumeUnfinished(() => !this.stopped);
    for (const run of unavailable) {
      this.options.logger.warn('Switchyard could not resume a run: its AWS account and region are not configured here', {
        runId: run.id,
        target: run.target.key ?? '',
      });
    }
    return resumed.length;
  }

  /** Every `intervalMs`, takes over runs whose driving replica has gone (their lease expired). */
  startSweeper(intervalMs: number): void {
    this.sweeper = setInterval(() => {
      if (this.sweeping) return;
      this.sweeping = this.resumeUnfinished()
        .then(() => undefined)
        .catch((error) => this.options.logger.warn('Switchyard: looking for abandoned runs failed', { error: String(error) }))
        .finally(() => (this.sweeping = undefined));
    }, intervalMs);
    this.sweeper.unref();
  }

  /** Stops driving; every run stays resumable (by this backend's next start or another replica). */
  async shutdown(): Promise<void> {
    this.stopped = true;
    if (this.sweeper) clearInterval(this.sweeper);
    await this.sweeping;
    await this.host.shutdown();
    this.options.access.destroy();
  }

  /** Where http blocks may send from this backend, as a run's start checks it: the allow-list decides (`switchyard.http.allowedHosts`). */
  httpStartPolicy(): HttpStartPolicy {
    const { http } = this.options;
    return { allowed: Boolean(http), host: 'backstage', refusal: (url) => http?.refusal(url) };
  }

  /**
   * `sh` and writing `sql` blocks run only where the operator enabled them. A writing block whose
   * `when:` requires `run.sqlWrites` is skipped here, visibly, so it does not stop the runbook.
   */
  refuseUntrusted(runbook: Parameters<typeof allBlocks>[0], id: string): void {
    const { settings } = this.options;
    const blocks = allBlocks(runbook);
    if (!settings.allowShell && blocks.some((b) => b.kind === 'sh')) {
      throw new NotAllowedError(
        `${id} has sh blocks, and this Backstage backend does not run shell scripts (switchyard.allowShell is off)`,
      );
    }
    if (!settings.allowSqlWrites && unguardedSqlWrites(runbook).length > 0) {
      throw new NotAllowedError(
        `${id} has sql blocks that write, and this Backstage backend does not allow them (switchyard.allowSqlWrites is off)`,
      );
    }
  }
}
