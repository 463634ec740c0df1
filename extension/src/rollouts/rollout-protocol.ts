/**
 * The rollout panel's message protocol (the extension holds the state and sends it whole; the
 * webview renders the shared RolloutBoard and reports clicks), and the extension's check of what the
 * webview posts: a message is acted on only when it is exactly one of these.
 */
import type { Rollout, RolloutControl, RolloutControlEffect, RolloutProgress } from '@switchyard/core';

export interface RolloutViewState {
  storeDir: string;
  rollout: Rollout;
  progress: RolloutProgress;
  controls: RolloutControlEffect[];
  clusterControls: Record<string, RolloutControlEffect[]>;
  /** The terminal line that drives the rollout on (resume, retry and approve are carried out by a driver). */
  resumeCommand: string;
  /** The rollout can no longer be read (its file was moved away): shown as last read, controls off. */
  unavailable?: string;
}

/** What the board's webview keeps (vscode setState) so VS Code can restore it, on the same rollout, after a window reload. */
export interface RolloutMemento {
  storeDir: string;
  rolloutId: string;
}

export type ToRolloutWebview =
  | { type: 'state'; state: RolloutViewState }
  | { type: 'controlResult'; requestId: number; error?: string; message?: string }
  /** The board was restored (or opened) on a rollout that cannot be shown: why, in words for the person. */
  | { type: 'gone'; message: string };

export type FromRolloutWebview = { type: 'ready' } | { type: 'control'; requestId: number; control: RolloutControl };

export type CheckedRolloutMessage = { ok: true; message: FromRolloutWebview } | { ok: false; problem: string };

type Plain = Record<string, unknown>;
const isPlain = (value: unknown): value is Plain =>
  typeof value === 'object' && value !== null && [Object.prototype, null].includes(Object.getPrototypeOf(value));
const onlyKeys = (v: Plain, keys: string[]) => Object.keys(v).every((k) => keys.includes(k));
const optionalText = (v: unknown) => v === undefined || typeof v === 'string';
const clusterName = (v: unknown) => typeof v === 'string' && v.length > 0 && v.length <= 255;

/** A RolloutControl exactly, or why not. */
function checkControl(v: unknown): RolloutControl | string {
  if (!isPlain(v)) return 'control is not an object';
  switch (v.action) {
    case 'pause':
    case 'resume':
    case 'approve':
      return onlyKeys(v, ['action', 'reason']) && optionalText(v.reason)
        ? (v as RolloutControl)
        : `${v.action}: only a reason may go with it`;
    case 'abort':
      return onlyKeys(v, ['action', 'abortRuns', 'reason']) && typeof v.abortRuns === 'boolean' && optionalText(v.reason)
        ? (v as RolloutControl)
        : 'abort: abortRuns must be true or false';
    case 'retry':
      return onlyKeys(v, ['action', 'clusters', 'reason']) &&
        optionalText(v.reason) &&
        (v.clusters === undefined || (Array.isArray(v.clusters) && v.clusters.length > 0 && v.clusters.every(clusterName)))
        ? (v as RolloutControl)
        : 'retry: clusters must be a list of cluster ids';
    case 'skip':
      return onlyKeys(v, ['action', 'cluster', 'reason']) && clusterName(v.cluster) && typeof v.reason === 'string'
        ? (v as RolloutControl)
        : 'skip: a cluster and a reason are required';
    default:
      return `unknown rollout control "${String(v.action).slice(0, 40)}"`;
  }
}

export function checkFromRolloutWebview(message: unknown): CheckedRolloutMessage {
  if (!isPlain(message) || typeof message.type !== 'string') return { ok: false, problem: 'not an object with a string `type`' };
  if (message.type === 'ready')
    return onlyKeys(message, ['type']) ? { ok: true, message: { type: 'ready' } } : { ok: false, problem: 'ready: unexpected field' };
  if (message.type !== 'control') return { ok: false, problem: `unknown message type "${message.type.slice(0, 40)}"` };
  if (!onlyKeys(message, ['type', 'requestId', 'control'])) return { ok: false, problem: 'control: unexpected field' };
  if (!Number.isSafeInteger(message.requestId) || (message.requestId as number) < 0)
    return { ok: false, problem: 'control: requestId is not a whole number' };
  const control = checkControl(message.control);
  if (typeof control === 'string') return { ok: false, problem: `control: ${control}` };
  return { ok: true, message: { type: 'control', requestId: message.requestId as number, control } };
}
