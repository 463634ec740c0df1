import { JSON_VALUE_TYPES } from './pg-values';

const parse = (oid: number, text: string) => (JSON_VALUE_TYPES.getTypeParser(oid, 'text') as (v: string) => unknown)(text);

describe('sql block values', () => {
  it('turns counts and sums into numbers while exact, else keeps the text', () => {
    expect(parse(20, '2000')).toBe(2000);
    expect(parse(20, '9223372036854775807')).toBe('9223372036854775807');
    expect(parse(1700, '1234.50')).toBe(1234.5);
    expect(parse(1700, '-0.001')).toBe(-0.001);
    expect(parse(1700, '12345678901234567.89')).toBe('12345678901234567.89');
    expect(parse(1700, 'NaN')).toBe('NaN');
  });

  it('writes timestamps with a zone as ISO strings and keeps other dates as the server prints them', () => {
    expect(parse(1184, '2024-03-01 10:00:00.123456+02')).toBe('2024-03-01T08:00:00.123Z');
    expect(parse(1184, 'infinity')).toBe('infinity');
    expect(parse(1114, '2024-03-01 10:00:00')).toBe('2024-03-01 10:00:00');
    expect(parse(1186, '1 day 02:00:00')).toBe('1 day 02:00:00');
    expect(parse(3802, '{"a": 1}')).toEqual({ a: 1 });
    expect(parse(23, '42')).toBe(42);
  });
});
