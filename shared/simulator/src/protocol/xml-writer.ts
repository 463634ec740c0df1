import type { NormalizedSchema } from '@smithy/core/schema';
import { isFlattened, listItemName, memberXmlName } from './schema';

/**
 * Serializes a value as awsQuery XML by walking its schema: element names from xmlName traits,
 * list items `<member>` unless named, booleans `true|false`, timestamps ISO-8601.
 */
export function writeXml(schema: NormalizedSchema, value: unknown, element: string): string {
  if (value === undefined || value === null) return '';
  if (schema.isStructSchema()) {
    if (typeof value !== 'object') return '';
    const record = value as Record<string, unknown>;
    let inner = '';
    for (const [name, member] of schema.structIterator()) {
      inner += writeXml(member, record[name], memberXmlName(name, member));
    }
    return `<${element}>${inner}</${element}>`;
  }
  if (schema.isListSchema()) {
    if (!Array.isArray(value)) return '';
    const member = schema.getValueSchema();
    if (isFlattened(schema)) return value.map((item) => writeXml(member, item, element)).join('');
    const itemName = listItemName(schema);
    return `<${element}>${value.map((item) => writeXml(member, item, itemName)).join('')}</${element}>`;
  }
  if (schema.isMapSchema()) {
    if (typeof value !== 'object') return '';
    const entries = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `<entry><key>${escapeXml(k)}</key>${writeXml(schema.getValueSchema(), v, 'value')}</entry>`)
      .join('');
    return `<${element}>${entries}</${element}>`;
  }
  return `<${element}>${escapeXml(scalarText(schema, value))}</${element}>`;
}

function scalarText(schema: NormalizedSchema, value: unknown): string {
  if (schema.isTimestampSchema()) return toIsoTimestamp(value);
  if (schema.isBlobSchema()) return Buffer.from(value as Uint8Array).toString('base64');
  return String(value);
}

export function toIsoTimestamp(value: unknown): string {
  const date = value instanceof Date ? value : new Date(value as string | number);
  return date.toISOString();
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);
}
