import type { NormalizedSchema } from '@smithy/core/schema';
import { commonErrors } from './aws-error';
import { isFlattened, listItemName, memberXmlName, requiredMembers } from './schema';

/**
 * Decodes awsQuery form parameters (`Filters.Filter.1.Values.Value.1=…`) into the typed input
 * object the operation's schema describes, the inverse of the SDK's QueryShapeSerializer.
 * Keys are named by xmlName traits; list items also accept `member` (botocore's default).
 */
export function decodeQueryInput(schema: NormalizedSchema, params: Map<string, string>): Record<string, unknown> {
  const value = readStruct(schema, '', params, true);
  return value ?? {};
}

function read(schema: NormalizedSchema, key: string, params: Map<string, string>): unknown {
  if (schema.isStructSchema()) return readStruct(schema, key, params, false);
  if (schema.isListSchema()) return readList(schema, key, params);
  if (schema.isMapSchema()) return readMap(schema, key, params);
  const raw = params.get(key);
  if (raw === undefined) return undefined;
  return readScalar(schema, key, raw);
}

function readStruct(
  schema: NormalizedSchema,
  prefix: string,
  params: Map<string, string>,
  topLevel: boolean,
): Record<string, unknown> | undefined {
  if (!topLevel && !hasPrefix(params, `${prefix}.`)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [name, member] of schema.structIterator()) {
    const key = prefix ? `${prefix}.${memberXmlName(name, member)}` : memberXmlName(name, member);
    const value = read(member, key, params);
    if (value !== undefined) out[name] = value;
  }
  for (const name of requiredMembers(schema)) {
    if (out[name] === undefined) throw commonErrors.missingParameter(prefix ? `${prefix}.${name}` : name);
  }
  return out;
}

function readList(schema: NormalizedSchema, key: string, params: Map<string, string>): unknown[] | undefined {
  if (params.get(key) === '') return [];
  const member = schema.getValueSchema();
  const prefixes = isFlattened(schema) ? [key] : [`${key}.${listItemName(schema)}`, `${key}.member`];
  for (const prefix of prefixes) {
    const items: unknown[] = [];
    for (let i = 1; ; i++) {
      const item = read(member, `${prefix}.${i}`, params);
      if (item === undefined) break;
      items.push(item);
    }
    if (items.length > 0) return items;
  }
  return undefined;
}

function readMap(schema: NormalizedSchema, key: string, params: Map<string, string>): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  const entry = isFlattened(schema) ? key : `${key}.entry`;
  let found = false;
  for (let i = 1; ; i++) {
    const k = params.get(`${entry}.${i}.key`);
    if (k === undefined) break;
    out[k] = read(schema.getValueSchema(), `${entry}.${i}.value`, params);
    found = true;
  }
  return found ? out : undefined;
}

function readScalar(schema: NormalizedSchema, key: string, raw: string): unknown {
  if (schema.isBooleanSchema()) {
    if (raw !== 'true' && raw !== 'false') {
      throw commonErrors.invalidParameterValue(`Value (${raw}) for parameter ${key} is invalid. Expected: 'true' or 'false'.`);
    }
    return raw === 'true';
  }
  if (schema.isNumericSchema()) {
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n)) {
      throw commonErrors.invalidParameterValue(`Value (${raw}) for parameter ${key} is invalid. Expected a number.`);
    }
    return n;
  }
  if (schema.isTimestampSchema()) return parseTimestamp(key, raw);
  if (schema.isBlobSchema()) return Buffer.from(raw, 'base64');
  return raw;
}

export function parseTimestamp(key: string, raw: string): Date {
  const numeric = /^\d+(\.\d+)?$/.test(raw);
  const date = numeric ? new Date(Number(raw) * 1000) : new Date(raw);
  if (Number.isNaN(date.getTime())) {
    throw commonErrors.invalidParameterValue(`Value (${raw}) for parameter ${key} is invalid. Expected an ISO-8601 timestamp.`);
  }
  return date;
}

function hasPrefix(params: Map<string, string>, prefix: string): boolean {
  for (const k of params.keys()) if (k.startsWith(prefix)) return true;
  return false;
}
