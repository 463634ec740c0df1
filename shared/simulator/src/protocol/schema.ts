import { NormalizedSchema } from '@smithy/core/schema';

/** A service's generated SDK module: `<Op>$` operation schemas and `<Error>$` error schemas. */
export type SdkSchemaModule = Record<string, unknown>;

export interface OperationSchemas {
  name: string;
  input: NormalizedSchema;
  output: NormalizedSchema;
}

type StaticOperation = [number, string, string, unknown, unknown, unknown];

/** The input/output schemas the SDK client ships for one operation, or undefined if it has none. */
export function operationSchemas(module: SdkSchemaModule, operation: string): OperationSchemas | undefined {
  const op = module[`${operation}$`] as StaticOperation | undefined;
  if (!Array.isArray(op) || op[0] !== 9) return undefined;
  return {
    name: operation,
    input: NormalizedSchema.of(op[4] as Parameters<typeof NormalizedSchema.of>[0]),
    output: NormalizedSchema.of(op[5] as Parameters<typeof NormalizedSchema.of>[0]),
  };
}

/** Every operation name the SDK module declares. */
export function operationNames(module: SdkSchemaModule): string[] {
  return Object.keys(module)
    .filter((k) => k.endsWith('$') && Array.isArray(module[k]) && (module[k] as unknown[])[0] === 9)
    .map((k) => k.slice(0, -1));
}

/** Names of the members a structure requires (static struct schemas list them first, then a count). */
export function requiredMembers(schema: NormalizedSchema): string[] {
  if (!schema.isStructSchema()) return [];
  const raw = schema.getSchema() as unknown as unknown[];
  const count = typeof raw[6] === 'number' ? raw[6] : 0;
  const names = Array.isArray(raw[4]) ? (raw[4] as string[]) : [];
  return names.slice(0, count);
}

export interface ErrorShapeInfo {
  /** The shape name, e.g. DBInstanceNotFoundFault. */
  shape: string;
  /** The awsQuery `<Code>`, e.g. DBInstanceNotFound (the shape name when there is no awsQueryError trait). */
  queryCode: string;
  status: number;
  fault: 'client' | 'server';
}

/**
 * Looks up an error's wire code and HTTP status from its schema traits, by shape name
 * (DBInstanceNotFoundFault) or by awsQuery code (InvalidParameterValue → InvalidParameterValueException).
 */
export function errorShapeInfo(module: SdkSchemaModule, shapeOrCode: string): ErrorShapeInfo | undefined {
  const byShape = errorShapeByName(module, shapeOrCode);
  if (byShape) return byShape;
  for (const key of Object.keys(module)) {
    if (!key.endsWith('$')) continue;
    const info = errorShapeByName(module, key.slice(0, -1));
    if (info && info.queryCode === shapeOrCode && info.shape !== shapeOrCode) return info;
  }
  return undefined;
}

function errorShapeByName(module: SdkSchemaModule, shape: string): ErrorShapeInfo | undefined {
  const raw = module[`${shape}$`] as unknown[] | undefined;
  if (!Array.isArray(raw) || raw[0] !== -3) return undefined;
  const traits = NormalizedSchema.of(raw as Parameters<typeof NormalizedSchema.of>[0]).getMergedTraits() as {
    awsQueryError?: [string, number];
    httpError?: number;
    error?: 'client' | 'server';
  };
  const fault = traits.error === 'server' ? 'server' : 'client';
  const [queryCode, queryStatus] = traits.awsQueryError ?? [shape, undefined];
  return { shape, queryCode, status: queryStatus ?? traits.httpError ?? (fault === 'server' ? 500 : 400), fault };
}

/** Element / key name of a member: its xmlName trait, else the member name. */
export function memberXmlName(name: string, member: NormalizedSchema): string {
  const traits = member.getMergedTraits() as { xmlName?: string };
  return traits.xmlName ?? name;
}

/** Element name of a list's items: the member's xmlName trait, else `member`. */
export function listItemName(list: NormalizedSchema): string {
  const traits = list.getValueSchema().getMergedTraits() as { xmlName?: string };
  return traits.xmlName ?? 'member';
}

export function isFlattened(schema: NormalizedSchema): boolean {
  return Boolean((schema.getMergedTraits() as { xmlFlattened?: unknown }).xmlFlattened);
}
