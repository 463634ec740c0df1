/** The durable record of one run of a runbook. Plain JSON so every RunStore can keep it. */

export const RUN_STATUSES = ['pending', 'running', 'waiting', 'waiting-approval', 'succeeded', 'failed', 'aborted', 'rolled-back'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Runs in these states will not move again without an operator. */
export const TERMINAL_RUN_STATUSES: readonly RunStatus[] = ['succeeded', 'aborted', 'rolled-back'];
/** Runs in these states have a driver working on them (or need one after a crash). */
export const ACTIVE_RUN_STATUSES: readonly RunStatus[] = ['pending', 'running', 'waiting'];

export type StepStatus = 'pending' | 'running' | 'waiting' | 'waiting-approval' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';

export type Phase = 'forward' | 'rollback';

export interface LogLine {
  at: string;
  level: 'info' | 'warn' | 'error';
  text: string;
}

/** A mutating AWS call recorded before it is sent, so a crash can be reconciled, never blindly resent. */
export interface InFlightCall {
  blockIndex: number;
  service: string;
  operation: string;
  input: Record<string, unknown>;
  region?: string;
  sentAt: string;
}

export interface ApprovalRequest {
  kind: 'approve' | 'confirm';
  message: string;
  fourEyes: boolean;
  approvers: string[];
  requestedAt: string;
}

/** Where a step run's blocks come from in the runbook. */
export type StepOrigin = { kind: 'step'; index: number } | { kind: 'undo'; index: number } | { kind: 'rollback-section'; index: number };

export interface StepRun {
  id: string;
  name: string;
  origin: StepOrigin;
  status: StepStatus;
  attempts: number;
  startedAt?: string;
  endedAt?: string;
  /** Index of the next block to run in this step; survives crashes and retries. */
  blockIndex: number;
  blockOutputs: unknown[];
  /** The step's result: the last block's output, visible to later steps as `steps.<id>.output`. */
  output?: unknown;
  log: LogLine[];
  error?: string;
  inFlight?: InFlightCall;
  approval?: ApprovalRequest;
  /** When the current `wait` block began polling: its timeout counts from here, even across a crash. */
  waitStartedAt?: string;
  skipReason?: string;
  /** Blocks not run because their `when:` was false; all of them → the step ends `skipped`. */
  blocksSkipped?: number;
  mutating: boolean;
}

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  stepId?: string;
  detail?: string;
}

export interface Run {
  id: string;
  /** Incremented on every write; stores use it for compare-and-set. */
  version: number;
  runbook: { file: string; title: string; source: string };
  params: Record<string, unknown>;
  status: RunStatus;
  phase: Phase;
  dryRun: boolean;
  startedBy: string;
  createdAt: string;
  updatedAt: string;
  endedAt?: string;
  steps: StepRun[];
  rollbackSteps: StepRun[];
  /** Index into the active phase's step list. */
  current: number;
  /** Resource keys this run holds (released when it ends). */
  locks: string[];
  /** Where AWS calls go (`aws` or the simulator URL) and the default region. */
  target: { endpoint: string; region: string };
  audit: AuditEntry[];
  error?: string;
}

export interface RunSummary {
  id: string;
  title: string;
  file: string;
  status: RunStatus;
  phase: Phase;
  startedBy: string;
  createdAt: string;
  updatedAt: string;
  endedAt?: string;
  dryRun: boolean;
  locks: string[];
  currentStep?: string;
  params: Record<string, unknown>;
}

export function summarize(run: Run): RunSummary {
  const list = run.phase === 'forward' ? run.steps : run.rollbackSteps;
  return {
    id: run.id,
    title: run.runbook.title,
    file: run.runbook.file,
    status: run.status,
    phase: run.phase,
    startedBy: run.startedBy,
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
    endedAt: run.endedAt,
    dryRun: run.dryRun,
    locks: run.locks,
    currentStep: list[run.current]?.name,
    params: run.params,
  };
}

export function activeSteps(run: Run): StepRun[] {
  return run.phase === 'forward' ? run.steps : run.rollbackSteps;
}
