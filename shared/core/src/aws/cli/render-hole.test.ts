import { renderHole } from './render-hole';
import { TemplateHole, type HoleTarget } from './template-hole';

const scalar = (kind: Extract<HoleTarget, { type: 'scalar' }>['kind']): HoleTarget => ({ type: 'scalar', kind });

function render(text: string, target: HoleTarget, scope: Record<string, unknown>) {
  return renderHole(new TemplateHole(text, target, '--flag', 0), scope);
}

function value(text: string, target: HoleTarget, scope: Record<string, unknown>): unknown {
  const rendered = render(text, target, scope);
  if (!rendered.ok) throw new Error(rendered.message);
  return rendered.value;
}

function problem(text: string, target: HoleTarget, scope: Record<string, unknown>) {
  const rendered = render(text, target, scope);
  if (rendered.ok) throw new Error(`expected a problem, got ${JSON.stringify(rendered.value)}`);
  return rendered;
}

describe('renderHole: a template gives exactly one value, typed for its place', () => {
  it('strings stay exactly as rendered: no trimming, splitting, unquoting or second rendering', () => {
    for (const v of [
      '  padded  ',
      'a b',
      '"quoted"',
      'x"},{"Key":"injected","Value":"1',
      'a,Key=b',
      'l1\nl2',
      '',
      '--region=eu-west-1',
      '🚀',
    ]) {
      expect(value('{{ v }}', scalar('string'), { v })).toBe(v);
    }
    expect(value('{{ v }}', scalar('string'), { v: '{{ secret }}', secret: 'leaked' })).toBe('{{ secret }}');
  });

  it('a template within text joins as text, with the template rules (lists as JSON)', () => {
    expect(value('{{ id }}-final-{{ n }}', scalar('string'), { id: 'db', n: 3 })).toBe('db-final-3');
    expect(value('x-{{ v }}', scalar('string'), { v: ['a'] })).toBe('x-["a"]');
  });

  it('numbers, booleans and timestamps are converted as the CLI converts a word', () => {
    expect(value('{{ n }}', scalar('number'), { n: '20' })).toBe(20);
    expect(value('{{ n }}', scalar('number'), { n: 0.5 })).toBe(0.5);
    expect(value('{{ b }}', scalar('boolean'), { b: 'TRUE' })).toBe(true);
    expect(value('{{ b }}', scalar('boolean'), { b: false })).toBe(false);
    expect(value('{{ t }}', scalar('timestamp'), { t: '2024-05-01T00:00:00Z' })).toEqual(new Date('2024-05-01T00:00:00Z'));
    expect(value('{{ t }}', scalar('timestamp'), { t: 1714521600 })).toEqual(new Date('2024-05-01T00:00:00Z'));
    expect(value('{{ n }}', scalar('string'), { n: 7 })).toBe('7');
  });

  it('a value that does not fit is refused, showing what the template gave', () => {
    expect(problem('{{ n }}', scalar('number'), { n: '20 --no-paginate' })).toMatchObject({
      code: 'invalid-value',
      message: '--flag: `{{ n }}` gave "20 --no-paginate", which is not a number',
    });
    expect(problem('{{ b }}', scalar('boolean'), { b: 'yes' }).message).toBe('--flag: `{{ b }}` gave "yes", which is not true or false');
    expect(problem('{{ b }}', scalar('number'), { b: true }).message).toBe('--flag: `{{ b }}` gave true, which is not a number');
    expect(problem('{{ t }}', scalar('timestamp'), { t: 'now' }).message).toMatch(/gave "now", which is not a timestamp/);
    expect(problem('{{ v }}', scalar('string'), { v: null }).message).toBe('--flag: `{{ v }}` gave null, which is not a string');
    expect(problem('{{ v }}', scalar('string'), { v: { a: 1 } }).message).toBe(
      '--flag: `{{ v }}` gave the map {"a":1}, which is not a string',
    );
    expect(problem('{{ v }}', scalar('string'), { v: ['a', 'b'] })).toMatchObject({
      message: '--flag: `{{ v }}` gave the list ["a","b"], which is not a string',
      hint: expect.stringContaining('whole value'),
    });
    expect(problem('{{ v }}', scalar('number'), { v: 'x'.repeat(200) }).message).toMatch(/gave "x{76}…, which is not a number$/);
  });

  it('a CEL list fills a list place item by item; any other value is one item', () => {
    const list: HoleTarget = { type: 'list', item: 'string' };
    expect(value('{{ v }}', list, { v: ['sg-1', 'sg-2'] })).toEqual(['sg-1', 'sg-2']);
    expect(value('{{ v }}', list, { v: 'sg-1 sg-2' })).toEqual(['sg-1 sg-2']);
    expect(value('{{ v }}', list, { v: '["sg-1","sg-2"]' })).toEqual(['["sg-1","sg-2"]']);
    expect(value('{{ v }}', list, { v: [] })).toEqual([]);
    expect(value('{{ v }}', { type: 'list', item: 'number' }, { v: [1, '2'] })).toEqual([1, 2]);
    expect(problem('{{ v }}', list, { v: ['a', ['b']] }).message).toBe('--flag: `{{ v }}` gave the list ["b"], which is not a string');
  });

  it('a global option value is checked like one written in the runbook', () => {
    const region: HoleTarget = { type: 'global', option: 'region' };
    expect(value('{{ r }}', region, { r: 'eu-west-1' })).toBe('eu-west-1');
    for (const r of ['eu-west-1 --endpoint-url http://evil', '--region=eu-west-1', '', 'eu-west-1\n']) {
      expect(problem('{{ r }}', region, { r }).message).toMatch(
        /^--flag: `\{\{ r \}\}` gave .*, which is not an AWS region such as eu-west-1$/,
      );
    }
    expect(problem('{{ r }}', region, { r: ['eu-west-1'] }).message).toMatch(/gave the list \["eu-west-1"\], which is not a string/);
    expect(value('{{ u }}', { type: 'global', option: 'endpoint-url' }, { u: 'http://127.0.0.1:4566' })).toBe('http://127.0.0.1:4566');
    expect(problem('{{ u }}', { type: 'global', option: 'endpoint-url' }, { u: 'http://a b' }).message).toMatch(/not an http\(s\) URL/);
  });

  it('a template that cannot be evaluated is a template error', () => {
    expect(problem('{{ nope.x }}', scalar('string'), {})).toMatchObject({
      code: 'template-error',
      message: expect.stringMatching(/^--flag: cannot render `\{\{ nope\.x \}\}`: /),
    });
  });
});
