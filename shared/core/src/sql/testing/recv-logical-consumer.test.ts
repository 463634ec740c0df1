import { eventIdsOf, streamVerdict } from './recv-logical-consumer';

describe('the exactly-once verdict over a change stream', () => {
  it('passes only a stream holding every committed id once', () => {
    expect(streamVerdict([1, 2, 3, 4], [1, 2, 3, 4])).toMatchObject({ missing: [], duplicated: [], unexpected: [], seen: 4 });
    const exact = streamVerdict([1, 2, 3], [3, 1, 2]);
    expect(exact.streamChecksum).toBe(exact.committedChecksum);
  });

  it('names what is missing, repeated or never committed, and the checksums differ', () => {
    const verdict = streamVerdict([1, 2, 3, 4], [1, 2, 2, 4, 9]);
    expect(verdict).toMatchObject({ missing: [3], duplicated: [2], unexpected: [9], committed: 4, seen: 5 });
    expect(verdict.streamChecksum).not.toBe(verdict.committedChecksum);
    // Same set, one repeated: the count and the checksum both tell.
    const repeated = streamVerdict([1, 2], [1, 2, 2]);
    expect(repeated.duplicated).toEqual([2]);
    expect(repeated.streamChecksum).not.toBe(repeated.committedChecksum);
  });

  it('reads the ids of events inserts from test_decoding output, and nothing else', () => {
    expect(
      eventIdsOf([
        'BEGIN 730',
        `table public.events: INSERT: id[bigint]:1 kind[text]:'tick' payload[jsonb]:'{"n": 1}'`,
        `table public.orders: INSERT: id[bigint]:5 customer_id[integer]:1`,
        `table public.events: UPDATE: id[bigint]:1 kind[text]:'tock'`,
        `table public.events: INSERT: id[bigint]:22 kind[text]:'table public.events: INSERT: id[bigint]:99 '`,
        'COMMIT 730',
      ]),
    ).toEqual([1, 22]);
  });
});
