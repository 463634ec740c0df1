import type { AwsGateway } from '../../aws/gateway';
import type { HttpGateway, ShellGateway, SqlGateway } from '../../engine/ports';
import type { ApprovalRequest, InFlightCall, Run, StepRun, WaitProgress } from '../../model/run';
import type { BlockBase } from '../../runbook/model';
import type { Block } from '../registry';
import type { HostKind } from './how-to-allow';

/** What a block's execution came to. */
export type BlockOutcome =
  | { type: 'done'; output?: unknown }
  | { type: 'approval'; request: Omit<ApprovalRequest, 'requestedAt'> }
  | { type: 'failed'; error: string; /** AWS answered with an error: the call certainly did not take effect. */ notApplied?: boolean };

export interface BlockExecutionContext<B extends BlockBase = Block> {
  run: Run;
  step: StepRun;
  block: B;
  blockIndex: number;
  /** Variables for templates and CEL: params (top level and `params`), `steps`, `run`. */
  scope: Record<string, unknown>;
  aws: AwsGateway;
  sql?: SqlGateway;
  shell?: ShellGateway;
  allowShell: boolean;
  /** Outbound HTTP for `http` blocks: its host allow-list and secrets are the host's. */
  http?: HttpGateway;
  /** `http` blocks run only when the host trusts the runbook (as `sh`) or checks hosts against an allow-list (Backstage). */
  allowHttp: boolean;
  /** Which front end hosts the run: a refused sh or http block says how to allow it there. */
  hostKind?: HostKind;
  /** Wait durations are divided by this (the simulator runs time faster). */
  timeScale: number;
  signal: AbortSignal;
  now(): Date;
  /**
   * Waits between polls; rejects with RunInterrupted when `signal` aborts. Unset: a timer
   * (`sleep` of run-interrupted.ts). Tests set it to move a manual clock instead.
   */
  sleep?(ms: number): Promise<void>;
  log(level: 'info' | 'warn' | 'error', text: string): Promise<void>;
  /**
   * The text with the run's secret param values as `[secret]`, for what is shown outside the run
   * record (a confirmation dialog); `log`, `audit` and `recordInFlight` already scrub. Unset: as is.
   */
  redact?(text: string): string;
  /** Adds an entry to the run's audit trail about this step (e.g. who confirmed a mutating call). */
  audit(entry: { actor: string; action: string; detail?: string }): Promise<void>;
  /** Persists the intent to send a mutating call before it is sent (crash safety). */
  recordInFlight(call: Omit<InFlightCall, 'sentAt' | 'blockIndex'>): Promise<void>;
  /**
   * Runs synchronous CEL work (templates, conditions, outputs) with the step marked as evaluating,
   * so a process that dies inside it is not resumed into the same evaluation forever. Wrap the
   * evaluation only, never I/O: a process stopped during a wrapped call counts as stopped by it.
   */
  evaluating<T>(work: () => T): Promise<T>;
  /** Marks the step and run `waiting` (polling); returns when persisted. */
  beginWait(): Promise<void>;
  /** Records what a wait saw at its latest poll, for the front ends (secrets scrubbed); returns when persisted. */
  waitProgress(progress: WaitProgress): Promise<void>;
  /** Re-reads the run: a driver stops when an operator changed it (abort, rollback). */
  stillCurrent(): Promise<boolean>;
}

/** How the engine runs one block kind `B`: the execute half of a `BlockKindModule` (`../kind.ts`). */
export type BlockExecutor<B extends BlockBase = Block> = (ctx: BlockExecutionContext<B>) => Promise<BlockOutcome>;

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
