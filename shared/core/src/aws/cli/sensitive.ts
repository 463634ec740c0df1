/**
 * AWS marks some members `sensitive` in its service models (the Smithy `@sensitive` trait, e.g.
 * RDS CreateDBCluster `MasterUserPassword`, `PreSignedUrl`); the SDK's schemas carry the trait.
 * What Switchyard logs, records or shows of an AWS call goes through here first.
 */
import type { NormalizedSchema } from '@smithy/core/schema';
import type { AwsServiceName } from '../gateway';
import { operationInputSchema, operationOutputSchema } from './service-catalog';

export const SENSITIVE_MARK = '[sensitive]';

/** The value with every member the schema marks sensitive replaced by `[sensitive]` (a copy; plain JSON in, plain JSON out). */
export function redactSensitive(schema: NormalizedSchema | undefined, value: unknown): unknown {
  if (!schema || value === undefined || value === null) return value;
  if (schema.getMergedTraits().sensitive) return SENSITIVE_MARK;
  if (Array.isArray(value)) return schema.isListSchema() ? value.map((v) => redactSensitive(schema.getValueSchema(), v)) : value;
  if (typeof value !== 'object' || value instanceof Date) return value;
  const record = value as Record<string, unknown>;
  if (schema.isMapSchema()) {
    const inner = schema.getValueSchema();
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, redactSensitive(inner, v)]));
  }
  if (!schema.isStructSchema()) return value;
  const out: Record<string, unknown> = { ...record };
  for (const [member, memberSchema] of schema.structIterator()) {
    if (member in out) out[member] = redactSensitive(memberSchema, out[member]);
  }
  return out;
}

/** An operation's input as it may be logged, recorded and shown. */
export function redactInput(service: AwsServiceName, operation: string, input: Record<string, unknown>): Record<string, unknown> {
  return redactSensitive(operationInputSchema(service, operation), input) as Record<string, unknown>;
}

/** An operation's output as it may be recorded (and seen by CEL) and shown. */
export function redactOutput(service: AwsServiceName, operation: string, output: unknown): unknown {
  return redactSensitive(operationOutputSchema(service, operation), output);
}
