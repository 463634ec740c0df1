import { parseRunbook } from '../../runbook/parse-runbook';
import { HEAD, oneBlock } from '../common/testing/one-block';
import type { HttpBlock } from './http-block';

const codes = (body: string) => oneBlock('http', body).codes;
const hints = (body: string) =>
  parseRunbook('rb.md', `${HEAD}\`\`\`http\n${body}\n\`\`\`\n`).diagnostics.map(
    (d) => `${d.line}:${d.column} ${d.code}: ${d.message} — ${d.hint ?? ''}`,
  );

describe('http blocks: parsing and validation', () => {
  it('reads method, url, headers, body, status, expect, output, timeout and retries', () => {
    const { block, codes: found } = oneBlock(
      'http',
      [
        'method: POST',
        'url: "{{ cluster }}/maintenance?reason={{ cluster }}"',
        'headers:',
        '  Authorization: { secret: maintenance_token, prefix: "Bearer " }',
        '  X-Run: "{{ run.id }}"',
        'body: { mode: drain, cluster: "{{ cluster }}", items: [1, "{{ cluster }}"] }',
        'status: [200, 202]',
        'expect:',
        '  - json.state == "draining"',
        'output:',
        '  state: json.state',
        'timeout: 10s',
        'retries: 2',
      ].join('\n'),
    );
    expect(found).toEqual([]);
    expect(block as HttpBlock).toMatchObject({
      kind: 'http',
      method: 'POST',
      url: '{{ cluster }}/maintenance?reason={{ cluster }}',
      headers: [
        ['Authorization', { secret: 'maintenance_token', prefix: 'Bearer ' }],
        ['X-Run', { text: '{{ run.id }}' }],
      ],
      body: { json: { mode: 'drain', cluster: '{{ cluster }}', items: [1, '{{ cluster }}'] } },
      status: [200, 202],
      expect: [{ that: 'json.state == "draining"' }],
      output: { state: 'json.state' },
      timeoutSeconds: 10,
      retries: 2,
      templates: [
        { expr: 'cluster', pos: { line: 9, column: 7 } },
        { expr: 'cluster', pos: { line: 9, column: 40 } },
        { expr: 'run.id' },
        { expr: 'cluster' },
        { expr: 'cluster' },
      ],
    });
  });

  it('GET by default, 30 s, no retries; GET and HEAD read, every other method mutates (needs a lock)', () => {
    expect(oneBlock('http', 'url: https://status.internal/health').block).toMatchObject({ method: 'GET', timeoutSeconds: 30, retries: 0 });
    const mutating = (method: string) =>
      parseRunbook('rb.md', `## A\n\`\`\`http\nmethod: ${method}\nurl: https://svc.internal/x\n\`\`\`\n`).diagnostics.map((d) => d.code);
    expect(mutating('GET')).toEqual([]);
    expect(mutating('HEAD')).toEqual([]);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) expect(mutating(method)).toEqual(['mutating-without-lock']);
  });

  it('refuses a bad method, naming the fix', () => {
    expect(hints('method: post\nurl: https://a.internal/')).toEqual([
      '8:9 invalid-http-method: `post` is not an HTTP method an http block sends — methods are case-sensitive (RFC 9110 §9.1): write `POST`',
    ]);
    expect(hints('method: PSOT\nurl: https://a.internal/')[0]).toMatch(/^8:9 invalid-http-method: .* — did you mean `POST`/);
    expect(codes('method: CONNECT\nurl: https://a.internal/')).toEqual(['8:9 invalid-http-method']);
  });

  it('needs a url, at the fence, with an example', () => {
    expect(hints('method: GET')).toEqual([
      '7:1 missing-key: an http block needs `url:` — e.g. `url: "{{ maintenance_url }}/maintenance"` (see docs/runbook-format.md)',
    ]);
  });

  it('compiles `expect` and `output` with the response variables, at their line and column', () => {
    expect(codes('url: https://a.internal/\nexpect: [ "json.state ==" ]')).toEqual(['9:25 cel-syntax']);
    expect(codes('url: https://a.internal/\nexpect: [ "reply.state == 1" ]')).toEqual(['9:12 cel-unknown-variable']);
    expect(codes('url: https://a.internal/\nexpect: [ "status == 200 && headers[\\"x\\"] == body && json != null" ]')).toEqual([]);
    expect(codes('url: https://a.internal/\nstatus: 700')).toEqual(['9:9 invalid-value']);
    expect(codes('url: https://a.internal/\nretries: 11')).toEqual(['9:10 invalid-value']);
    expect(codes('url: https://a.internal/\ntimeout: soon')).toEqual(['9:10 invalid-duration']);
  });

  it('refuses templates in the scheme or host, a fragment, and a URL that is not http(s)', () => {
    expect(codes('url: "https://{{ cluster }}.internal/x"')).toEqual(['8:15 http-template-in-host']);
    expect(codes('url: "{{ cluster }}.internal/x"')).toEqual(['8:20 http-template-in-host']);
    expect(codes('url: "https://a.internal/x#top"')).toEqual(['8:27 http-url-fragment']);
    expect(codes('url: "ftp://a.internal/x"')).toEqual(['8:7 invalid-url']);
    expect(codes('url: "/relative"')).toEqual(['8:7 invalid-url']);
    expect(codes('url: "https://ops:hunter2@a.internal/x"')).toEqual(['8:26 http-url-credentials']);
    expect(codes('url: "https://a.internal/{{ cluster }}/x?y={{ cluster }}"')).toEqual([]);
  });

  it('refuses header names that are templates, not tokens, set by the client, or given twice', () => {
    expect(codes('url: https://a.internal/\nheaders: { "X-{{ cluster }}": a }')).toEqual(['9:12 http-template-in-header-name']);
    expect(codes('url: https://a.internal/\nheaders: { "Bad Name": a }')).toEqual(['9:12 invalid-header-name']);
    expect(codes('url: https://a.internal/\nheaders: { Host: evil.internal }')).toEqual(['9:12 invalid-header-name']);
    expect(codes('url: https://a.internal/\nheaders: { X-A: a, x-a: b }')).toEqual(['9:20 invalid-header-name']);
    expect(codes('url: https://a.internal/\nheaders: { A: { secret: "not a name" } }')).toEqual(['9:25 invalid-value']);
    expect(codes('url: https://a.internal/\nheaders: { A: { secret: t, prefix: "{{ cluster }}" } }')).toEqual(['9:36 invalid-value']);
    expect(codes('url: https://a.internal/\nheaders: { A: { value: x } }')).toEqual(['9:15 missing-key', '9:17 unknown-key']);
  });

  it('refuses a body on GET, a template in a body key, and templates in a JSON body written as text', () => {
    expect(codes('url: https://a.internal/\nbody: { a: 1 }')).toEqual(['9:7 http-body-not-allowed']);
    expect(codes('method: POST\nurl: https://a.internal/\nbody: { "{{ cluster }}": 1 }')).toEqual(['10:9 http-template-in-body-key']);
    expect(
      codes('method: POST\nurl: https://a.internal/\nheaders: { Content-Type: application/json }\nbody: \'{"a": "{{ cluster }}"}\''),
    ).toEqual(['11:15 http-template-in-json-text']);
    expect(codes('method: POST\nurl: https://a.internal/\nbody: "plain {{ cluster }}"')).toEqual([]);
  });

  it('checks templates like every block: unknown names are named with a suggestion', () => {
    expect(hints('url: "https://a.internal/{{ clustr }}"')[0]).toMatch(/unknown-param: .* — did you mean `cluster`/);
  });
});

it('an HTTP message in a ```http fence (once a display language) is named, with the fix', () => {
  expect(hints('GET /health HTTP/1.1\nHost: a.internal')).toEqual([
    '7:1 http-example-fence: this ```http fence holds an HTTP message, but ```http fences run (an http block is YAML: method, url, …) — to show the message as an example, make it a ```text fence',
  ]);
});
