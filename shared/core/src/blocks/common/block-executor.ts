import type { AwsGateway } from '../../aws/gateway';
import type { Block, BlockKind } from '../../runbook/model';
import type { ShellGateway, SqlGateway } from '../ports';
import type { ApprovalRequest, InFlightCall, Run, StepRun } from '../run-model';

/** What a block's execution came to. */
export type BlockOutcome =
  | { type: 'done'; output?: unknown }
  | { type: 'approval'; request: Omit<ApprovalRequest, 'requestedAt'> }
  | { type: 'failed'; error: string; /** AWS answered with an error: the call certainly did not take effect. */ notApplied?: boolean };

export interface BlockExecutionContext<B extends Block = Block> {
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
  /** Wait durations are divided by this (the simulator runs time faster). */
  timeScale: number;
  signal: AbortSignal;
  now(): Date;
  log(level: 'info' | 'warn' | 'error', text: string): Promise<void>;
  /** Persists the intent to send a mutating call before it is sent (crash safety). */
  recordInFlight(call: Omit<InFlightCall, 'sentAt' | 'blockIndex'>): Promise<void>;
  /** Marks the step and run `waiting` (polling); returns when persisted. */
  beginWait(): Promise<void>;
  /** Re-reads the run: a driver stops when an operator changed it (abort, rollback). */
  stillCurrent(): Promise<boolean>;
}

export type BlockExecutor<B extends Block = Block> = (ctx: BlockExecutionContext<B>) => Promise<BlockOutcome>;

export type BlockExecutorTable = { [K in BlockKind]: BlockExecutor<Extract<Block, { kind: K }>> };

/** Sleeps, but wakes up early (rejecting) when the run is aborted. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new RunInterrupted());
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new RunInterrupted());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Thrown inside executors when an operator took the run elsewhere (abort, rollback, skip). */
export class RunInterrupted extends Error {
  constructor() {
    super('run interrupted by an operator');
    this.name = 'RunInterrupted';
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
