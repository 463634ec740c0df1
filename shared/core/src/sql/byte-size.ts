/** Sizes of WAL and tables, written the way PostgreSQL writes them: `512MB`, `1GB`, `64kB` (powers of 1024). */

const UNITS: Record<string, number> = {
  b: 1,
  kb: 1024,
  kib: 1024,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
  tb: 1024 ** 4,
  tib: 1024 ** 4,
};

export const BYTE_SIZE_HINT = 'write a size like `512MB`, `1GB`, `64kB` (powers of 1024) or a number of bytes';

/** Bytes of `512MB`, `1 GB`, `100` (bytes); undefined when it is not a size. */
export function parseByteSize(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.floor(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(value);
  if (!match) return undefined;
  const unit = UNITS[(match[2] || 'b').toLowerCase()];
  return unit === undefined ? undefined : Math.floor(Number(match[1]) * unit);
}

/** `1.5 GB`, `512 MB`, `10 kB`, `12 B`: for messages. */
export function formatBytes(bytes: number): string {
  const units: Array<[string, number]> = [
    ['TB', 1024 ** 4],
    ['GB', 1024 ** 3],
    ['MB', 1024 ** 2],
    ['kB', 1024],
  ];
  for (const [name, size] of units) {
    if (Math.abs(bytes) >= size) return `${Number((bytes / size).toFixed(1))} ${name}`;
  }
  return `${bytes} B`;
}
