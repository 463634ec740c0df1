import { commonErrors } from '../../protocol/aws-error';

export interface Page<T> {
  items: T[];
  marker?: string;
}

/**
 * RDS pagination: MaxRecords 20..100 (default 100); the Marker names the last key returned, so
 * pages stay consistent while items are added or removed between requests.
 */
export function paginate<T>(items: T[], keyOf: (item: T) => string, marker: string | undefined, maxRecords: number | undefined): Page<T> {
  const limit = maxRecords ?? 100;
  if (!Number.isInteger(limit) || limit < 20 || limit > 100) {
    throw commonErrors.invalidParameterValue(`Invalid value ${String(maxRecords)} for MaxRecords. Must be between 20 and 100`);
  }
  const sorted = [...items].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
  let start = 0;
  if (marker) {
    const after = decodeMarker(marker);
    start = sorted.findIndex((item) => keyOf(item).localeCompare(after) > 0);
    if (start < 0) start = sorted.length;
  }
  const page = sorted.slice(start, start + limit);
  const more = start + limit < sorted.length;
  return { items: page, marker: more ? encodeMarker(keyOf(page[page.length - 1])) : undefined };
}

function encodeMarker(key: string): string {
  return Buffer.from(`after:${key}`, 'utf8').toString('base64url');
}

function decodeMarker(marker: string): string {
  const text = Buffer.from(marker, 'base64url').toString('utf8');
  if (!text.startsWith('after:')) throw commonErrors.invalidParameterValue(`Invalid Marker: ${marker}`);
  return text.slice('after:'.length);
}
