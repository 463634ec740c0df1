/**
 * The named groups of run statuses. Every front end and store asks "is this run over / moving /
 * open?" through these, so each question has one answer.
 *
 *   pending ─ running ─ waiting            DRIVEN       a driver works on it (or must, after a crash)
 *   waiting-approval                       + IN_PROGRESS a person is asked to let it go on
 *   failed                                 + OPEN       stopped; an operator retries, skips, aborts or rolls back
 *   succeeded ─ aborted ─ rolled-back      ENDED        over; its locks are released
 */
import type { RunStatus, StepStatus } from './run';

/** Over: locks released; only a rollback (of a succeeded or aborted run) moves it again. */
export const ENDED_RUN_STATUSES: readonly RunStatus[] = ['succeeded', 'aborted', 'rolled-back'];
/** A driver works on these runs, or must pick them up after a crash (`resume`). */
export const DRIVEN_RUN_STATUSES: readonly RunStatus[] = ['pending', 'running', 'waiting'];
/** Moving, or waiting for a person to let it move: what a page shows as "the run in progress". */
export const IN_PROGRESS_RUN_STATUSES: readonly RunStatus[] = [...DRIVEN_RUN_STATUSES, 'waiting-approval'];
/** Not over: in progress, or failed and waiting for an operator (it still holds its locks). */
export const OPEN_RUN_STATUSES: readonly RunStatus[] = [...IN_PROGRESS_RUN_STATUSES, 'failed'];

export const isEnded = (status: RunStatus): boolean => ENDED_RUN_STATUSES.includes(status);
export const isDriven = (status: RunStatus): boolean => DRIVEN_RUN_STATUSES.includes(status);
export const isInProgress = (status: RunStatus): boolean => IN_PROGRESS_RUN_STATUSES.includes(status);
export const isOpen = (status: RunStatus): boolean => OPEN_RUN_STATUSES.includes(status);

/** A step in one of these is working or waiting (for AWS, or for a person): its duration is still growing. */
export const LIVE_STEP_STATUSES: readonly StepStatus[] = ['running', 'waiting', 'waiting-approval'];
/** A step in one of these is done with, one way or another: its duration is final. */
export const ENDED_STEP_STATUSES: readonly StepStatus[] = ['succeeded', 'failed', 'skipped', 'cancelled'];

export const isStepLive = (status: StepStatus): boolean => LIVE_STEP_STATUSES.includes(status);
export const isStepEnded = (status: StepStatus): boolean => ENDED_STEP_STATUSES.includes(status);
