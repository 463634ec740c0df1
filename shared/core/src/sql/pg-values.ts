import { types } from 'pg';

/**
 * How `sql` block results reach CEL and the run record: plain JSON. Counts and sums (int8,
 * numeric) become numbers while they are exact, timestamps with a zone ISO strings; types with
 * no JSON form (dates without zone, intervals, bytea, …) stay as the server prints them.
 */
const INT8 = 20;
const NUMERIC = 1700;
const TIMESTAMPTZ = 1184;
const AS_TEXT = new Set([
  17, // bytea
  1082, // date
  1083, // time
  1114, // timestamp
  1186, // interval
  1266, // timetz
]);

const asText = (value: string) => value;

/** A number when a double holds the value exactly (safe integers, up to 15 significant digits), else the text. */
function exactNumber(value: string): number | string {
  const n = Number(value);
  if (/^-?\d+$/.test(value)) return Number.isSafeInteger(n) ? n : value;
  const digits = value.replace(/^-/, '').replace('.', '').replace(/^0+/, '').length;
  return Number.isFinite(n) && digits <= 15 ? n : value;
}

/** `2024-01-01T10:00:00.000Z`; `infinity` and dates a JS Date cannot hold stay as text. */
function isoTimestamp(value: string): string {
  const date = types.getTypeParser(TIMESTAMPTZ)(value) as Date;
  return date instanceof Date && !Number.isNaN(date.getTime()) ? date.toISOString() : value;
}

export const JSON_VALUE_TYPES = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 || oid === NUMERIC) return exactNumber;
    if (oid === TIMESTAMPTZ) return isoTimestamp;
    if (AS_TEXT.has(oid)) return asText;
    return types.getTypeParser(oid, format);
  },
} as { getTypeParser: typeof types.getTypeParser };

/** Every value as the server's text: what data guards compare, exactly. */
export const TEXT_VALUE_TYPES = { getTypeParser: () => asText } as unknown as { getTypeParser: typeof types.getTypeParser };
