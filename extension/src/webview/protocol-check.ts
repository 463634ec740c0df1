/**
 * The extension's check of what the webview posts. Anything that runs in the webview can post
 * anything, so a message is acted on only when it is exactly one of the protocol's (FromWebview):
 * a known type, every field of the right type, no other field. The field table is typed against
 * the protocol, so a message type or field added there does not compile until it is checked here.
 */
import { isRunAction, RUN_ACTIONS } from '@switchyard/core/model';
import type { FromWebview, PostedControl } from './protocol';

export type CheckedMessage = { ok: true; message: FromWebview } | { ok: false; problem: string };

type Guard<T> = (value: unknown) => value is T;
/** A field's check; `optional` fields may be left out. */
type Field<T> = { check: Guard<T>; what: string; optional?: boolean };
type Fields<M> = { [K in Exclude<keyof M, 'type'>]-?: Field<Exclude<M[K], undefined>> };
type Shapes = { [T in FromWebview['type']]: Fields<Extract<FromWebview, { type: T }>> };

type Plain = Record<string, unknown>;
const isPlain = (value: unknown): value is Plain =>
  typeof value === 'object' && value !== null && [Object.prototype, null].includes(Object.getPrototypeOf(value));

const text: Field<string> = { check: (v): v is string => typeof v === 'string', what: 'a string' };
const flag: Field<boolean> = { check: (v): v is boolean => typeof v === 'boolean', what: 'true or false' };
const requestId: Field<number> = { check: (v): v is number => Number.isSafeInteger(v) && (v as number) >= 0, what: 'a whole number' };
const paramValue = (v: unknown): v is string | number | boolean =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
const params: Field<Record<string, string | number | boolean>> = {
  check: (v): v is Record<string, string | number | boolean> => isPlain(v) && Object.values(v).every(paramValue),
  what: 'an object of strings, numbers and booleans',
};
const control: Field<PostedControl> = {
  check: (v): v is PostedControl =>
    isPlain(v) &&
    Object.keys(v).every((k) => k === 'action' || k === 'reason') &&
    isRunAction(v.action) &&
    (v.reason === undefined || typeof v.reason === 'string'),
  what: `{ action: ${RUN_ACTIONS.join(' | ')}, reason?: string }`,
};

const SHAPES: Shapes = {
  ready: {},
  refresh: {},
  newRun: {},
  askAgain: { id: requestId },
  selectRunbook: { runbookId: text },
  start: { runbookId: text, params, dryRun: flag },
  action: { requestId, runId: text, control },
};

export function checkFromWebview(message: unknown): CheckedMessage {
  if (!isPlain(message) || typeof message.type !== 'string') return { ok: false, problem: 'not an object with a string `type`' };
  const { type } = message;
  if (!Object.hasOwn(SHAPES, type)) return { ok: false, problem: `unknown message type "${type.slice(0, 40)}"` };
  const fields: Record<string, Field<unknown>> = SHAPES[type as FromWebview['type']];
  const extra = Object.keys(message).find((key) => key !== 'type' && !Object.hasOwn(fields, key));
  if (extra) return { ok: false, problem: `${type}: unexpected field "${extra.slice(0, 40)}"` };
  for (const [name, field] of Object.entries(fields)) {
    const value = message[name];
    if (value === undefined && field.optional) continue;
    if (!field.check(value)) return { ok: false, problem: `${type}: ${name} is not ${field.what}` };
  }
  return { ok: true, message: message as FromWebview };
}
