import type { NormalizedSchema } from '@smithy/core/schema';
import { closestMatch } from '../../runbook/closest-match';
import { convertScalar, convertTimestamp } from './scalar';
import { requiredMembers, shapeKind, shapeLabel, structMembers } from './shape';
import type { KeyOffsets } from './shorthand';

/**
 * Types a parsed shorthand or JSON value against the operation's schema, as the AWS CLI does
 * (its `BackCompatVisitor` for shorthand, then botocore's parameter validation): shorthand
 * strings are converted to numbers/booleans/timestamps, single shorthand values become one-item
 * lists, unknown keys and missing required members are reported.
 */

export interface ConformIssue {
  /** Index into the parsed text, when known. */
  at?: number;
  /** Offset in the aws line, when known more precisely than `at` (a template). */
  offset?: number;
  code: 'invalid-value' | 'unknown-key' | 'missing-required' | 'template-not-a-value';
  message: string;
  hint?: string;
}

export interface ConformContext {
  mode: 'shorthand' | 'json';
  /** True for a parsed string that holds a template. */
  isTemplated(value: string): boolean;
  /** What a templated string at a place of type `schema` becomes (a hole for its value), or a reported refusal. */
  template(value: string, schema: NormalizedSchema, path: string): Json;
  /** Offset in the aws line of the first template in a parsed string. */
  templateOffset(value: string): number | undefined;
  keyOffsets?: KeyOffsets;
  issues: ConformIssue[];
}

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function conform(value: Json, schema: NormalizedSchema, path: string, ctx: ConformContext, at?: number): Json {
  if (typeof value === 'string' && ctx.isTemplated(value)) return ctx.template(value, schema, path);
  switch (shapeKind(schema)) {
    case 'structure':
      return conformStructure(value, schema, path, ctx, at);
    case 'map': {
      if (!isObject(value)) return wrongType(value, schema, path, ctx, at);
      const out: Record<string, Json> = {};
      for (const [k, v] of Object.entries(value)) {
        if (!templatedKey(k, path, ctx, keyAt(ctx, value, k, at)))
          out[k] = conform(v, schema.getValueSchema(), `${path}.${k}`, ctx, keyAt(ctx, value, k, at));
      }
      return out;
    }
    case 'list': {
      // A single shorthand value where the model wants a list: `Values=x` means `Values=[x]`.
      const items = Array.isArray(value) ? value : ctx.mode === 'shorthand' ? [value] : undefined;
      if (!items) return wrongType(value, schema, path, ctx, at);
      return items.map((item, i) => conform(item, schema.getValueSchema(), `${path}[${i}]`, ctx, at));
    }
    case 'document':
      if (ctx.mode === 'shorthand') {
        ctx.issues.push({
          at,
          code: 'invalid-value',
          message: `${path} is a document: shorthand syntax cannot express it`,
          hint: 'give the whole flag value as JSON',
        });
      } else if (ctx.isTemplated(JSON.stringify(value) ?? '')) {
        ctx.issues.push({
          at,
          code: 'template-not-a-value',
          message: `${path} is a document: templates cannot be used inside it`,
          hint: 'write the document out in the runbook',
        });
      }
      return value;
    default:
      return conformScalar(value, schema, path, ctx, at);
  }
}

function conformStructure(value: Json, schema: NormalizedSchema, path: string, ctx: ConformContext, at?: number): Json {
  if (!isObject(value)) return wrongType(value, schema, path, ctx, at);
  const members = new Map(structMembers(schema));
  const out: Record<string, Json> = {};
  for (const [key, v] of Object.entries(value)) {
    const member = members.get(key);
    const keyOffset = keyAt(ctx, value, key, at);
    if (templatedKey(key, path, ctx, keyOffset)) continue;
    if (!member) {
      const near = closestMatch(key, members.keys());
      ctx.issues.push({
        at: keyOffset,
        code: 'unknown-key',
        message: `unknown key \`${key}\` in ${path}`,
        hint: near ? `did you mean \`${near}\`?` : `valid keys: ${[...members.keys()].join(', ')}`,
      });
      continue;
    }
    out[key] = conform(v, member, `${path}.${key}`, ctx, keyOffset);
  }
  for (const required of requiredMembers(schema)) {
    if (!(required in value)) {
      ctx.issues.push({ at, code: 'missing-required', message: `${path} is missing its required key \`${required}\`` });
    }
  }
  return out;
}

function conformScalar(value: Json, schema: NormalizedSchema, path: string, ctx: ConformContext, at?: number): Json {
  const kind = shapeKind(schema);
  if (ctx.mode === 'shorthand') {
    if (typeof value !== 'string') return wrongType(value, schema, path, ctx, at);
    const converted = convertScalar(value, kind);
    if (converted.ok) return converted.value;
    ctx.issues.push({ at, code: 'invalid-value', message: `${path}: ${converted.message}` });
    return value;
  }
  // JSON carries its own types; like botocore we check them rather than coerce them.
  const expected = kind === 'number' ? 'number' : kind === 'boolean' ? 'boolean' : 'string';
  if (kind === 'timestamp' && (typeof value === 'string' || typeof value === 'number')) {
    const converted = convertTimestamp(value);
    if (converted.ok) return converted.value;
    ctx.issues.push({ at, code: 'invalid-value', message: `${path}: ${converted.message}` });
    return value;
  }
  if (typeof value !== expected) return wrongType(value, schema, path, ctx, at);
  return kind === 'blob' && typeof value === 'string' ? new TextEncoder().encode(value) : value;
}

function wrongType(value: Json, schema: NormalizedSchema, path: string, ctx: ConformContext, at?: number): Json {
  const got = Array.isArray(value) ? 'a list' : isObject(value) ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
  ctx.issues.push({ at, code: 'invalid-value', message: `${path} must be ${shapeLabel(schema)}, got ${got}` });
  return value;
}

/** A template where a key must be is refused: keys, like all structure, come from the runbook text. */
function templatedKey(key: string, path: string, ctx: ConformContext, at?: number): boolean {
  if (!ctx.isTemplated(key)) return false;
  ctx.issues.push({
    at,
    offset: ctx.templateOffset(key),
    code: 'template-not-a-value',
    message: `\`${key}\` is a template where ${path} needs a key: a template can only be a value`,
    hint: 'write the key in the runbook and template only its value, e.g. `Key=owner,Value={{ owner }}`',
  });
  return true;
}

function keyAt(ctx: ConformContext, object: object, key: string, fallback?: number): number | undefined {
  return ctx.keyOffsets?.get(object)?.get(key) ?? fallback;
}
