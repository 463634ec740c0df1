import { formatBytes, parseByteSize } from './byte-size';

describe('byte sizes', () => {
  it('reads sizes the way PostgreSQL writes them (powers of 1024) and plain byte counts', () => {
    expect(parseByteSize('512MB')).toBe(512 * 1024 ** 2);
    expect(parseByteSize('1 GB')).toBe(1024 ** 3);
    expect(parseByteSize('64kB')).toBe(65536);
    expect(parseByteSize('1.5GiB')).toBe(1.5 * 1024 ** 3);
    expect(parseByteSize(100)).toBe(100);
    expect(parseByteSize('100')).toBe(100);
    expect(['1 GBytes', '-1MB', 'lots', '', null].map(parseByteSize)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('prints them short', () => {
    expect([12, 10 * 1024, 512 * 1024 ** 2, 1.5 * 1024 ** 3].map(formatBytes)).toEqual(['12 B', '10 kB', '512 MB', '1.5 GB']);
  });
});
