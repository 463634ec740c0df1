import { NormalizedSchema } from '@smithy/core/schema';

/** What a CLI value must be converted to, as far as the SDK's static schema tells. */
export type ShapeKind = 'string' | 'number' | 'boolean' | 'timestamp' | 'blob' | 'document' | 'list' | 'map' | 'structure';

export type SchemaRef = Parameters<typeof NormalizedSchema.of>[0];

export function shapeKind(schema: NormalizedSchema): ShapeKind {
  if (schema.isListSchema()) return 'list';
  if (schema.isMapSchema()) return 'map';
  // Unions (e.g. none in rds) take the same `Key=Value` / JSON object syntax as structures.
  if (schema.isStructSchema() || schema.isUnionSchema()) return 'structure';
  if (schema.isBooleanSchema()) return 'boolean';
  // The static schemas do not distinguish integer from double: both are "numeric".
  if (schema.isNumericSchema() || schema.isBigIntegerSchema() || schema.isBigDecimalSchema()) return 'number';
  if (schema.isTimestampSchema()) return 'timestamp';
  if (schema.isBlobSchema()) return 'blob';
  if (schema.isDocumentSchema()) return 'document';
  return 'string';
}

/** Human label for hovers and messages: `string`, `list<string>`, `list<Filter>`, `map<string>`. */
export function shapeLabel(schema: NormalizedSchema): string {
  const kind = shapeKind(schema);
  if (kind === 'list') return `list<${shapeLabel(schema.getValueSchema())}>`;
  if (kind === 'map') return `map<${shapeLabel(schema.getValueSchema())}>`;
  if (kind === 'structure') return schema.getName() ?? 'structure';
  return kind;
}

/** True for lists of structures, maps or lists: the CLI takes `Key=Value` shorthand or JSON per item. */
export function isComplexList(schema: NormalizedSchema): boolean {
  const kind = shapeKind(schema.getValueSchema());
  return kind === 'structure' || kind === 'map' || kind === 'list';
}

/**
 * Names of the required members of a structure. A static structure schema is
 * `[3, namespace, name, traits, memberNames, memberSchemas, requiredCount?]` and the SDK's code
 * generator lists required members first, so the first `requiredCount` names are the required
 * ones (checked against botocore's `required` lists for every operation of rds, cloudwatch, ce, sts).
 */
export function requiredMembers(schema: NormalizedSchema): Set<string> {
  if (!schema.isStructSchema()) return new Set();
  const raw: unknown = schema.getSchema();
  if (!Array.isArray(raw)) return new Set();
  const names = raw[4];
  const count = raw[6];
  if (!Array.isArray(names) || typeof count !== 'number') return new Set();
  return new Set(names.slice(0, count).filter((n): n is string => typeof n === 'string'));
}

export function structMembers(schema: NormalizedSchema): Array<[string, NormalizedSchema]> {
  return schema.isStructSchema() || schema.isUnionSchema() ? [...schema.structIterator()] : [];
}
