import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  ACTIVE_RUN_STATUSES,
  Engine,
  FileRunStore,
  NodeShellGateway,
  TERMINAL_RUN_STATUSES,
  type Run,
  type RunEvent,
  type RunSummary,
} from '@switchyard/core';
import type { Connection } from '../connections/connection';

export type RunControl = 'approve' | 'reject' | 'retry' | 'skip' | 'abort' | 'rollback';

export interface RunServiceOptions {
  /** The core FileRunStore's directory (under the extension's global storage). */
  storeDir: string;
  /** `sh` blocks run only while this says the workspace is trusted (read at each block). */
  allowShell: () => boolean;
}

export interface StartRequest {
  connection: Connection;
  file: string;
  source: string;
  params: Record<string, string>;
  startedBy: string;
  fromStep?: string;
  dryRun?: boolean;
}

type Listener = (event: RunEvent, run: Run) => void;

/**
 * The extension's runs: one core Engine per connection over one FileRunStore, so every run is on
 * disk before each side effect and survives a window reload. Which connection drives which run is
 * remembered beside the store.
 */
export class RunService {
  private readonly store: FileRunStore;
  private readonly engines = new Map<string, { engine: Engine; connection: Connection }>();
  private readonly listeners = new Set<Listener>();
  private readonly indexFile: string;
  private runConnections: Record<string, string>;

  constructor(private readonly options: RunServiceOptions) {
    mkdirSync(options.storeDir, { recursive: true });
    this.store = new FileRunStore(options.storeDir);
    this.indexFile = path.join(options.storeDir, 'run-connections.json');
    this.runConnections = existsSync(this.indexFile) ? (JSON.parse(readFileSync(this.indexFile, 'utf8')) as Record<string, string>) : {};
  }

  onEvent(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async start(request: StartRequest): Promise<Run> {
    const engine = this.engineFor(request.connection);
    const run = await engine.start({
      file: request.file,
      source: request.source,
      params: request.params,
      startedBy: request.startedBy,
      fromStep: request.fromStep,
      dryRun: request.dryRun,
    });
    this.runConnections[run.id] = request.connection.id;
    writeFileSync(this.indexFile, JSON.stringify(this.runConnections));
    return run;
  }

  async control(runId: string, control: RunControl, actor: string, reason = ''): Promise<Run> {
    const engine = this.engineOf(runId);
    switch (control) {
      case 'approve':
        return engine.approve(runId, actor, reason || undefined);
      case 'reject':
        return engine.reject(runId, actor, reason);
      case 'retry':
        return engine.retry(runId, actor);
      case 'skip':
        return engine.skip(runId, actor, reason);
      case 'abort':
        return engine.abort(runId, actor, reason || undefined);
      case 'rollback':
        return engine.rollback(runId, actor, reason || undefined);
    }
  }

  get(runId: string): Promise<Run | undefined> {
    return this.store.get(runId);
  }

  list(): Promise<RunSummary[]> {
    return this.store.list();
  }

  connectionIdOf(runId: string): string | undefined {
    return this.runConnections[runId];
  }

  /** Resolves once the run rests (ended, failed, or waiting for a person). */
  settled(runId: string): Promise<Run> {
    return this.engineOf(runId).settled(runId);
  }

  /**
   * Drives again the unfinished runs of a connection that has just become available (after a
   * window reload): an unconfirmed mutating call is reconciled against AWS first, by the engine.
   */
  async resumeRunsOf(connection: Connection): Promise<Run[]> {
    const unfinished = (await this.store.list({ status: [...ACTIVE_RUN_STATUSES] })).filter(
      (r) => this.runConnections[r.id] === connection.id,
    );
    const engine = this.engineFor(connection);
    return Promise.all(unfinished.map((r) => engine.resume(r.id)));
  }

  /** Connection ids with runs that still need driving (the extension restores those connections first). */
  async connectionsWithUnfinishedRuns(): Promise<string[]> {
    const unfinished = await this.store.list({ status: [...ACTIVE_RUN_STATUSES] });
    return [...new Set(unfinished.map((r) => this.runConnections[r.id]).filter((id): id is string => Boolean(id)))];
  }

  /**
   * The connection (re)appeared: the sandbox started, possibly on another port, or the settings
   * changed. Its runs are handed to a new engine on it and resumed where the store says they are.
   */
  async useConnection(connection: Connection): Promise<Run[]> {
    const old = this.engines.get(connection.id);
    if (old?.connection !== connection) {
      this.engines.delete(connection.id);
      await old?.engine.shutdown();
    }
    return this.resumeRunsOf(connection);
  }

  /** The connection went away (sandbox stopped): its runs stop being driven and stay resumable. */
  async dropConnection(connectionId: string): Promise<void> {
    const old = this.engines.get(connectionId);
    this.engines.delete(connectionId);
    await old?.engine.shutdown();
  }

  /** Stops driving without changing any run: each stays resumable. */
  async dispose(): Promise<void> {
    await Promise.all([...this.engines.values()].map((e) => e.engine.shutdown()));
    this.engines.clear();
  }

  isTerminal(run: Run): boolean {
    return TERMINAL_RUN_STATUSES.includes(run.status);
  }

  private engineFor(connection: Connection): Engine {
    const existing = this.engines.get(connection.id);
    if (existing && existing.connection === connection) return existing.engine;
    const allowShell = this.options.allowShell;
    const engine = new Engine({
      store: this.store,
      aws: connection.gateway,
      shell: new NodeShellGateway(),
      // A getter: the engine reads it at every sh block, so granting workspace trust applies at once.
      get allowShell() {
        return allowShell();
      },
      timeScale: connection.timeScale,
    });
    engine.subscribe((event, run) => {
      for (const listener of this.listeners) listener(event, run);
    });
    this.engines.set(connection.id, { engine, connection });
    return engine;
  }

  private engineOf(runId: string): Engine {
    const id = this.runConnections[runId];
    const entry = id ? this.engines.get(id) : undefined;
    if (!entry) {
      throw new Error(
        `run ${runId} was started on ${id ?? 'a connection this window does not know'}, which is not available now; ` +
          (id === 'sandbox' ? 'start the sandbox (Switchyard: Start sandbox) to resume it' : 'check the switchyard.aws settings'),
      );
    }
    return entry.engine;
  }
}
