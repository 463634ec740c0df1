import { escapeLiteral } from 'pg';
import { quoteLiteral } from './quote-literal';

it("quotes exactly as node-postgres' escapeLiteral, hostile values included", () => {
  for (const value of ['', 'plain', "it's", "'; drop table events; --", 'back\\slash', "\\'", 'new\nline', 'ünï', '$$', "E'x'"])
    expect(quoteLiteral(value)).toBe(escapeLiteral(value));
});

it('refuses a NUL, which no PostgreSQL text value can hold', () => {
  expect(() => quoteLiteral('a\0b')).toThrow(/NUL/);
});
