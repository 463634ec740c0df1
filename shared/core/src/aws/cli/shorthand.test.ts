import { parseShorthand, ShorthandSyntaxError } from './shorthand';

// Expected values are what awscli's ShorthandParser returns for the same input.
describe('parseShorthand (port of awscli/shorthand.py)', () => {
  it.each([
    ['Name=engine,Values=aurora-postgresql,aurora-mysql', { Name: 'engine', Values: ['aurora-postgresql', 'aurora-mysql'] }],
    ['a=b,c', { a: ['b', 'c'] }],
    ['foo=a,b,c=d,e=f', { foo: ['a', 'b'], c: 'd', e: 'f' }],
    ['Name=x,Values=[a,b]', { Name: 'x', Values: ['a', 'b'] }],
    ['Key=k,Value="a,b"', { Key: 'k', Value: 'a,b' }],
    ["Key='x y'", { Key: 'x y' }],
    ['a={b=c,d=[e,f]}', { a: { b: 'c', d: ['e', 'f'] } }],
    ['a=b\\,c', { a: 'b,c' }],
    ['a=', { a: '' }],
    ['a=b ,c=d', { a: 'b', c: 'd' }],
    ['Values=a,b,Name=x', { Values: ['a', 'b'], Name: 'x' }],
  ])('%s', (input, expected) => {
    expect(parseShorthand(input).value).toEqual(expected);
  });

  it('records where each key starts', () => {
    const { value, keyOffsets } = parseShorthand('Name=x,Values=y');
    expect(keyOffsets.get(value)?.get('Values')).toBe(7);
  });

  it('rejects a key given twice, like the CLI', () => {
    expect(() => parseShorthand('Name=x,Name=y')).toThrow(ShorthandSyntaxError);
  });

  it('rejects a missing =', () => {
    expect(() => parseShorthand('Name')).toThrow(/expected '='/);
  });
});
