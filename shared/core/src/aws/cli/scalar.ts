import type { ShapeKind } from './shape';

export type ScalarResult = { ok: true; value: unknown } | { ok: false; message: string };

// Python's int()/float() as the CLI applies them; the static schemas do not say which of the two.
const NUMBER = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/;
const EPOCH = /^\d+(\.\d+)?$/;

/** Converts one CLI word to the scalar type the SDK expects. */
export function convertScalar(text: string, kind: ShapeKind): ScalarResult {
  switch (kind) {
    case 'number':
      return NUMBER.test(text) ? { ok: true, value: Number(text) } : { ok: false, message: `\`${text}\` is not a number` };
    case 'boolean': {
      const lower = text.toLowerCase();
      if (lower === 'true' || lower === 'false') return { ok: true, value: lower === 'true' };
      return { ok: false, message: `\`${text}\` is not a boolean (true or false)` };
    }
    case 'timestamp':
      return convertTimestamp(text);
    case 'blob':
      // AWS CLI v1 sends a blob argument's raw text (cli_binary_format raw-in-base64-out).
      return { ok: true, value: new TextEncoder().encode(text) };
    default:
      return { ok: true, value: text };
  }
}

export function convertTimestamp(text: string | number): ScalarResult {
  if (typeof text === 'number' || EPOCH.test(text)) return { ok: true, value: new Date(Number(text) * 1000) };
  const trimmed = text.trim();
  const hasTime = /[Tt ]\d{2}:\d{2}/.test(trimmed);
  const hasZone = /([Zz]|[+-]\d{2}:?\d{2})$/.test(trimmed);
  // Without a zone the time is UTC, never the zone of whichever machine runs the runbook.
  const time = ISO_DATE.test(trimmed) ? Date.parse(hasTime && !hasZone ? `${trimmed}Z` : trimmed) : NaN;
  if (Number.isNaN(time)) {
    return { ok: false, message: `\`${text}\` is not a timestamp (ISO 8601 like 2024-05-01T12:00:00Z, or epoch seconds)` };
  }
  return { ok: true, value: new Date(time) };
}
