import { asPriceBook, snapshotPriceBook } from './price-book';
import { AURORA_POSTGRESQL_PRICES } from './price-snapshot';

const book = snapshotPriceBook();

it('prices storage and I/O from the snapshot, by storage configuration and region', () => {
  expect(book.storage('us-east-1')).toMatchObject({ usd: 0.1, unit: 'GB-month', basis: 'listed', storage: 'standard', date: '2026-08' });
  expect(book.storage('us-east-1', 'io-optimized').usd).toBeCloseTo(0.225, 10);
  expect(book.storage('eu-west-1').usd).toBeCloseTo(0.11, 10);
  expect(book.storage('eu-west-1').basis).toBe('region-factor');
  expect(book.io('us-west-2')).toMatchObject({ usd: 0.2, unit: 'million I/O requests', basis: 'listed' });
  expect(book.io('us-west-2').source).toMatch(/^bundled snapshot: /);
});

it('prices instances by engine and storage configuration, and accepts a bare snapshot', () => {
  expect(book.instance('db.r6g.large', 'us-east-1', 'aurora-postgresql')).toMatchObject({ usdPerHour: 0.26, basis: 'listed' });
  expect(book.instance('db.r6g.large', 'us-east-1', 'aurora-mysql').basis).toBe('other-engine');
  expect(book.instance('db.serverless', 'us-east-1', undefined, 'io-optimized').usdPerHour).toBeCloseTo(0.156, 10);
  expect(book.instance('db.x2g.16xlarge', 'us-east-1', 'aurora-mysql')).toMatchObject({ usdPerHour: 0, basis: 'unknown-class' });
  expect(asPriceBook(AURORA_POSTGRESQL_PRICES).instance('db.r7g.xlarge', 'us-east-1').usdPerHour).toBe(0.553);
});
