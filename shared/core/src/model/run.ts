/**
 * The durable record of one run of a runbook. Plain JSON so every RunStore can keep it, and free of
 * Node imports: browsers read it through `@switchyard/core/model`.
 */

export const RUN_STATUSES = ['pending', 'running', 'waiting', 'waiting-approval', 'succeeded', 'failed', 'aborted', 'rolled-back'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

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

/**
 * An approval gate a step's blocks hold, recorded when the step is planned: passing the step
 * (approving it, or skipping it in any state) needs someone the gate admits.
 */
export interface ApprovalGate {
  fourEyes: boolean;
  /** Users or groups allowed; empty = anyone (but the starter, under four eyes). */
  approvers: string[];
}

export interface ApprovalRequest {
  kind: 'approve' | 'confirm';
  message: string;
  fourEyes: boolean;
  approvers: string[];
  requestedAt: string;
}

/**
 * Written before a block's CEL expressions and templates are evaluated, removed once they have
 * been: found `open` by a resume, it means the process stopped in the middle of evaluating them.
 */
export interface EvaluationMarker {
  /** The step attempt and block it is about. */
  attempt: number;
  blockIndex: number;
  since: string;
  open: boolean;
  /** How many processes in a row stopped during this evaluation. */
  stops: number;
  /** Which of the block's evaluations this is (a block may evaluate several times: templates, then guards). */
  seq?: number;
  /** The evaluation the last process stopped in: the count of stops holds until that one completes. */
  stoppedSeq?: number;
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
  /** What the current `wait` block waits for and what it saw last: front ends show it instead of a bare spinner. */
  waitProgress?: WaitProgress;
  /** CEL evaluation of a block under way, or stopped by a process that died in it (engine/evaluation-marker.ts). */
  evaluating?: EvaluationMarker;
  skipReason?: string;
  /** Blocks a retry kept as done (completed changes, passed gates: engine/retry-plan.ts); passed over, not run again. */
  keptBlocks?: number[];
  /** Blocks not run because their `when:` was false; all of them → the step ends `skipped`. */
  blocksSkipped?: number;
  /** The approval gates of the step's blocks (runs recorded before gates were planned have none). */
  gates?: ApprovalGate[];
  mutating: boolean;
}

/** The latest poll of a `wait` block, recorded with the step after each poll. */
export interface WaitProgress {
  /** The condition in words: its message, else the expression with `==`, `&&`… read out and params/step outputs filled in. */
  condition: string;
  /** The latest observed values the condition reads (`cluster.writer = "prod-app-1"`), or why they could not be read. */
  observed: string[];
  /** When that poll ran. */
  checkedAt: string;
  /** When the wait gives up and fails the step (its timeout, counted from `waitStartedAt`). */
  deadline: string;
  /** Since when the condition has held, while a `for:` makes it hold for a while before the wait ends. */
  holdingSince?: string;
  polls: number;
  /** Set while AWS throttles the wait's reads (or answers 5xx) and the wait polls less often than its interval. */
  backoff?: { reason: string; nextPollAt: string };
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
  /** Where the run's AWS calls go. */
  target: RunTarget;
  /**
   * The catalog entity the run was started from (Backstage, e.g. `resource:default/prod-app`):
   * recorded with the run in the same write, so a run never exists without it.
   */
  entityRef?: string;
  /** The rollout this run is one cluster's part of (rollout/rollout.ts), recorded in the run's first write. */
  rollout?: RunRolloutLink;
  audit: AuditEntry[];
  error?: string;
}

/** A run's place in a rollout: the rollout's id and the cluster it runs on. */
export interface RunRolloutLink {
  id: string;
  cluster: string;
}

/** Where a run's AWS calls go; `key` names it to the host that drives the run. */
export interface RunTarget {
  /**
   * The host's name for this AWS account/region or sandbox, by which it finds the run's engine again
   * (Backstage `<account>:<region>`, VS Code `sandbox` or `aws:<profile>@<region>`, CLI `<endpoint>@<region>`).
   * Missing only on runs recorded before hosts named their targets.
   */
  key?: string;
  /** `aws`, or a custom endpoint URL (the simulator). */
  endpoint: string;
  /** The AWS account (from the host, or STS GetCallerIdentity): lock keys and resource refs carry it. */
  account?: string;
  /** The default region of the run's AWS calls. */
  region: string;
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
  target: RunTarget;
  entityRef?: string;
  rollout?: RunRolloutLink;
}

export function summarize(run: Run): RunSummary {
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
    currentStep: currentStep(run)?.name,
    params: run.params,
    target: run.target,
    entityRef: run.entityRef,
    ...(run.rollout ? { rollout: run.rollout } : {}),
  };
}

/** The steps of the phase the run is in: forward, or its rollback. */
export function activeSteps(run: Run): StepRun[] {
  return run.phase === 'forward' ? run.steps : run.rollbackSteps;
}

/** The step the run is on (in the phase it is in); undefined once it has passed its last step. */
export function currentStep(run: Run): StepRun | undefined {
  return activeSteps(run)[run.current];
}
