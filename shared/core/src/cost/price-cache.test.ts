import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PriceCache } from './price-cache';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'price-cache-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const HOUR = 3_600_000;

it('answers from memory until the time to live has passed', () => {
  let now = 1_000_000;
  const cache = new PriceCache({ ttlMs: 2 * HOUR, now: () => now });
  expect(cache.get('k')).toBeUndefined();
  cache.set('k', [1, 2]);
  now += 2 * HOUR;
  expect(cache.get('k')).toEqual({ value: [1, 2], fetchedAt: 1_000_000 });
  now += 1;
  expect(cache.get('k')).toBeUndefined();
});

it('keeps answers in a file for the next process, and drops expired ones when it writes', () => {
  const file = path.join(dir, 'nested', 'prices.json');
  let now = 5 * HOUR;
  const first = new PriceCache({ file, ttlMs: HOUR, now: () => now });
  first.set('old', 'a');
  now += 2 * HOUR;
  first.set('new', 'b');
  expect(first.writeError).toBeUndefined();
  const second = new PriceCache({ file, ttlMs: HOUR, now: () => now });
  expect(second.get('new')?.value).toBe('b');
  expect(Object.keys((JSON.parse(readFileSync(file, 'utf8')) as { entries: object }).entries)).toEqual(['new']);
});

it('treats a corrupt file as empty and reports a file it cannot write', () => {
  const corrupt = path.join(dir, 'corrupt.json');
  writeFileSync(corrupt, '{ not json');
  const cache = new PriceCache({ file: corrupt });
  expect(cache.get('k')).toBeUndefined();
  cache.set('k', 1);
  expect(new PriceCache({ file: corrupt }).get('k')?.value).toBe(1);

  const blocked = path.join(corrupt, 'below-a-file.json');
  const unwritable = new PriceCache({ file: blocked });
  unwritable.set('k', 1);
  expect(unwritable.get('k')?.value).toBe(1);
  expect(unwritable.writeError).toMatch(/^price cache .*below-a-file\.json not written: /);
});
