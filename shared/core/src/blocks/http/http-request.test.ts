import { CelEvaluationError } from '../../cel';
import { oneBlock } from '../common/testing/one-block';
import type { HttpBlock } from './http-block';
import { HttpValueError } from './http-errors';
import { prepareHttpRequest } from './http-request';

/** Templates render as values, never as structure: each hostile value below must arrive as exactly itself. */
const secrets = {
  get: (name: string) => ({ token: 'tok-3f9a1c77' })[name],
  howToSet: (name: string) => `set SWITCHYARD_SECRET_${name.toUpperCase()}`,
};

function block(body: string): HttpBlock {
  const { block: b, codes } = oneBlock('http', body);
  expect(codes).toEqual([]);
  return b as HttpBlock;
}

const prepare = (body: string, value: unknown, extra: Record<string, unknown> = {}) =>
  prepareHttpRequest(block(body), { cluster: value, params: { cluster: value }, ...extra }, secrets);

const HOSTILE = [
  'it\'s "quoted"',
  'line\nbreak',
  'a }} b {{ c',
  '{"admin": true}',
  '", "admin": true, "x": "',
  'a&b=c#frag',
  '../../admin',
  '/etc/passwd?x=1',
  '%2e%2e',
  'ünï cødé 🚀',
];

describe('http requests: templates are values', () => {
  it.each(HOSTILE)('%j is one path segment and one query value, percent-encoded', (value) => {
    const url = prepare('url: "https://svc.internal/api/{{ cluster }}/state?name={{ cluster }}&v=1"', value).url;
    expect(url.origin).toBe('https://svc.internal');
    expect(url.pathname.split('/').length).toBe(4);
    expect(decodeURIComponent(url.pathname.split('/')[2])).toBe(value);
    expect([...url.searchParams.entries()]).toEqual([
      ['name', value],
      ['v', '1'],
    ]);
    expect(url.hash).toBe('');
  });

  it.each(HOSTILE)('%j is one JSON string value in a YAML body, and a typed whole-template value keeps its type', (value) => {
    const request = prepare(
      'method: POST\nurl: https://svc.internal/m\nbody: { reason: "switch {{ cluster }}", who: "{{ cluster }}", n: "{{ size(cluster) }}", list: ["{{ [cluster] }}"] }',
      value,
    );
    expect(JSON.parse(request.body!)).toEqual({ reason: `switch ${value}`, who: value, n: [...value].length, list: [[value]] });
    expect(request.headers['Content-Type']).toBe('application/json');
  });

  it('a `}}` in a value is never rendered again', () => {
    const request = prepare('method: POST\nurl: https://svc.internal/m\nbody: { a: "{{ cluster }}" }', '{{ run.id }}', {
      run: { id: 'r-1' },
    });
    expect(JSON.parse(request.body!)).toEqual({ a: '{{ run.id }}' });
  });

  it('refuses a value that is a whole `.` or `..` segment (the URL parser would resolve it away)', () => {
    for (const value of ['..', '.'])
      expect(() => prepare('url: "https://svc.internal/api/{{ cluster }}/x"', value)).toThrow(
        /`\.{1,2}` segment, which the URL resolves away/,
      );
    expect(prepare('url: "https://svc.internal/api/v{{ cluster }}/x"', '..').url.pathname).toBe('/api/v../x');
  });

  it('a base URL template gives only an origin and a path; anything else is refused', () => {
    const url = (base: string) =>
      prepare('method: POST\nurl: "{{ cluster }}/maintenance?on={{ run.id }}"', base, { run: { id: 'a&b' } }).url.href;
    expect(url('https://svc.internal:8443/admin/')).toBe('https://svc.internal:8443/admin/maintenance?on=a%26b');
    for (const [base, why] of [
      ['', /must be an absolute http:\/\/ or https:\/\/ URL/],
      ['svc.internal', /absolute/],
      ['javascript:alert(1)', /\(http or https\)/],
      ['file:///etc/passwd', /\(http or https\)/],
      ['https://user:pw@svc.internal', /without credentials/],
      ['https://svc.internal/?q=1', /without a query or fragment/],
      ['https://svc.internal/#x', /without a query or fragment/],
      ['https://svc.internal/a/../b', /without `\.` or `\.\.` path segments/],
      ['https://svc.internal\n/x', /without spaces, control characters/],
      ['https://evil.internal\\@svc.internal', /backslashes/],
    ] as const) {
      expect(() => url(base)).toThrow(HttpValueError);
      expect(() => url(base)).toThrow(why);
    }
  });

  it('refuses a header value that would end the header (CR, LF, NUL), naming it; nothing is sent', () => {
    const body = 'url: https://svc.internal/\nheaders: { X-Reason: "{{ cluster }}" }';
    for (const value of ['ok\r\nX-Admin: 1', 'ok\nX-Admin: 1', 'ok\rX', 'ok\u0000'])
      expect(() => prepare(body, value)).toThrow(
        /^header X-Reason: its value .* contains a line break or NUL, which would end the header and start another; the request was not sent$/,
      );
    expect(prepare(body, 'a "quoted" }} value').headers['X-Reason']).toBe('a "quoted" }} value');
  });

  it('takes secret headers from the host, shows them as [secret], and says how to configure a missing one', () => {
    const request = prepare('url: https://svc.internal/\nheaders: { Authorization: { secret: token, prefix: "Bearer " } }', 'x');
    expect(request.headers.Authorization).toBe('Bearer tok-3f9a1c77');
    expect(request.shownHeaders.Authorization).toBe('Bearer [secret]');
    expect(request.secrets).toEqual(['tok-3f9a1c77']);
    expect(() => prepare('url: https://svc.internal/\nheaders: { Authorization: { secret: other } }', 'x')).toThrow(
      'secret other: header Authorization needs it, and it is not configured here: set SWITCHYARD_SECRET_OTHER; the request was not sent',
    );
  });

  it('sends a secret header over https, or plain http to this machine only', () => {
    const withSecret = (url: string) => () => prepare(`url: "${url}"\nheaders: { Authorization: { secret: token } }`, 'x');
    expect(withSecret('http://svc.internal/x')).toThrow(
      'url: http://svc.internal is plain http, and the request carries a secret header, which anyone on the way could read; use https (plain http is allowed to this machine only); the request was not sent',
    );
    for (const url of ['https://svc.internal/x', 'http://127.0.0.1:8080/x', 'http://localhost/x', 'http://[::1]:80/x'])
      expect(withSecret(url)).not.toThrow();
    expect(() => prepare('url: http://svc.internal/x', 'x')).not.toThrow();
  });

  it('a text body is sent as text; a template that cannot be evaluated is an error, not an empty value', () => {
    const request = prepare('method: PUT\nurl: https://svc.internal/\nbody: "drain {{ cluster }}"', 'x"y');
    expect(request).toMatchObject({ body: 'drain x"y', headers: { 'Content-Type': 'text/plain; charset=utf-8' }, mutating: true });
    expect(() => prepareHttpRequest(block('url: "https://svc.internal/{{ cluster }}"'), { params: {} }, secrets)).toThrow(
      CelEvaluationError,
    );
  });
});
