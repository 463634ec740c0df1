import type { NormalizedSchema } from '@smithy/core/schema';
import { requiredMembers } from './schema';
import { commonErrors } from './aws-error';
import { parseTimestamp } from './query-decoder';

/** How a document protocol writes timestamps: JSON as epoch seconds, CBOR as tag 1. */
export type TimestampWriter = (date: Date) => unknown;

/**
 * Reads a JSON/CBOR document into the typed input the schema describes: timestamps (epoch seconds,
 * ISO strings or CBOR tag 1) become Dates, blobs become bytes, required members are checked.
 */
export function readDocument(schema: NormalizedSchema, value: unknown, path = ''): unknown {
  if (value === null || value === undefined) return undefined;
  if (schema.isStructSchema()) {
    if (typeof value !== 'object') return undefined;
    const record = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [name, member] of schema.structIterator()) {
      const v = readDocument(member, record[name], path ? `${path}.${name}` : name);
      if (v !== undefined) out[name] = v;
    }
    for (const name of requiredMembers(schema)) {
      if (out[name] === undefined) throw commonErrors.missingParameter(path ? `${path}.${name}` : name);
    }
    return out;
  }
  if (schema.isListSchema()) {
    if (!Array.isArray(value)) return undefined;
    return value.map((item, i) => readDocument(schema.getValueSchema(), item, `${path}[${i}]`));
  }
  if (schema.isMapSchema()) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      out[k] = readDocument(schema.getValueSchema(), v, `${path}.${k}`);
    return out;
  }
  if (schema.isTimestampSchema()) {
    if (value instanceof Date) return value;
    if (typeof value === 'object' && value !== null && 'value' in value)
      return new Date(Number((value as { value: unknown }).value) * 1000);
    if (typeof value === 'number') return new Date(value * 1000);
    return parseTimestamp(path, String(value));
  }
  if (schema.isBlobSchema()) return typeof value === 'string' ? Buffer.from(value, 'base64') : value;
  return value;
}

/** Writes a typed output as a JSON/CBOR document, omitting absent members. */
export function writeDocument(schema: NormalizedSchema, value: unknown, timestamp: TimestampWriter, blobAsBase64: boolean): unknown {
  if (value === null || value === undefined) return undefined;
  if (schema.isStructSchema()) {
    const record = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [name, member] of schema.structIterator()) {
      const v = writeDocument(member, record[name], timestamp, blobAsBase64);
      if (v !== undefined) out[name] = v;
    }
    return out;
  }
  if (schema.isListSchema()) {
    return (value as unknown[]).map((item) => writeDocument(schema.getValueSchema(), item, timestamp, blobAsBase64));
  }
  if (schema.isMapSchema()) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      out[k] = writeDocument(schema.getValueSchema(), v, timestamp, blobAsBase64);
    return out;
  }
  if (schema.isTimestampSchema()) return timestamp(value instanceof Date ? value : new Date(value as string | number));
  if (schema.isBlobSchema()) return blobAsBase64 ? Buffer.from(value as Uint8Array).toString('base64') : value;
  return value;
}
