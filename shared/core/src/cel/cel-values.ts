/**
 * Turns a CEL result back into plain JSON-like data: CEL ints (bigint) become numbers, maps
 * become objects, timestamps ISO strings, durations seconds. Step outputs are stored as JSON, so
 * what a later step sees is what the store keeps.
 */
export function fromCelValue(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(fromCelValue);
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return value;
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), fromCelValue(v)]));
  const name = value.constructor?.name;
  if (name === 'Duration' && 'seconds' in value && 'nanos' in value) {
    return Number(value.seconds) + Number(value.nanos) / 1e9;
  }
  if (name === 'Optional' && 'hasValue' in value && typeof value.hasValue === 'function') {
    const optional = value as { hasValue(): boolean; value(): unknown };
    return optional.hasValue() ? fromCelValue(optional.value()) : null;
  }
  if (name === 'Type') return String(value);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromCelValue(v)]));
}

export function describeCelValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'bigint') return `int ${value}`;
  if (typeof value === 'number') return `double ${value}`;
  if (typeof value === 'string') return `string ${JSON.stringify(value)}`;
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return `${typeof value} ${String(value)}`;
}
