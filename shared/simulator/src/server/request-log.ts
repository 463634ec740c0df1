/** One request the simulator received, as a differential test compares them. */
export interface RequestLogEntry {
  /** ISO-8601 time it arrived. */
  time: string;
  /** SigV4 signing name: rds, sts, monitoring, ce. */
  service: string;
  operation: string;
  region: string;
  protocol: 'query' | 'json' | 'cbor';
  /** The decoded input (timestamps as ISO strings). */
  params: Record<string, unknown>;
  /** awsQuery only: the form parameters as sent, without Action and Version. */
  wireParams?: Record<string, string>;
  status: number;
  errorCode?: string;
}

/** A bounded in-memory log of received AWS requests. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];

  constructor(private readonly limit = 10_000) {}

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
  }

  list(): RequestLogEntry[] {
    return this.entries.map((e) => ({ ...e }));
  }

  clear(): void {
    this.entries = [];
  }
}

/** JSON-safe copy of a decoded input: Dates become ISO strings, bytes base64. */
export function jsonSafe(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, jsonSafe(v)]));
  }
  return value;
}
