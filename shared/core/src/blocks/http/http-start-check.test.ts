/**
 * The start check of http blocks against the host's allow-list, attacked: one host spelled another
 * way, a param that smuggles another host in (userinfo, a fragment, a newline, a backslash), a
 * template whose value changes the host. The start must refuse exactly what the gateway refuses
 * when the request is sent (the same `checkAllowedHost`), and never allow what it would refuse.
 */
import { parseRunbook } from '../../runbook/parse-runbook';
import type { Runbook } from '../../runbook/model';
import { NodeHttpGateway } from '../../engine/node-http';
import { hostAllowList } from './http-hosts';
import { httpStartRefusals, type HttpStartPolicy } from './http-start-check';
import type { HostKind } from '../common/how-to-allow';
import { renderUrl } from './http-url';

const gateway = new NodeHttpGateway({
  secrets: { get: () => undefined, howToSet: () => '' },
  allowList: hostAllowList(['allowed.example', 'api.example:8443', '[::1]:8080', 'xn--bcher-kva.example'], 'switchyard.http.allowedHosts'),
});
const policy: HttpStartPolicy = { allowed: true, refusal: (url) => gateway.refusal(url) };

function runbook(body: string): Runbook {
  const source = `---
title: Drain
params:
  base: { type: string, required: false, default: "https://allowed.example" }
  path: { type: string, required: false, default: "x" }
  drain: { type: boolean, required: false, default: true }
locks: ["host:drain"]
---
${body}`;
  const { runbook: parsed, diagnostics } = parseRunbook('drain.md', source);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!parsed || errors.length) throw new Error(errors.map((d) => `${d.line}: ${d.message}`).join('\n'));
  return parsed;
}

const BASE_POST = '## Drain {#drain}\n\n```http\nmethod: POST\nurl: "{{ base }}/maintenance"\n```\n';

function refusals(rb: Runbook, params: Record<string, unknown>, options: { policy?: HttpStartPolicy; fromStep?: number } = {}) {
  const given = { base: 'https://allowed.example', path: 'x', drain: true, ...params };
  return httpStartRefusals({
    file: 'drain.md',
    runbook: rb,
    fromStep: options.fromStep ?? 0,
    scope: { ...given, params: given, steps: {}, run: { id: 'r1', startedBy: 'alice', dryRun: false, phase: 'forward' } },
    policy: options.policy ?? policy,
  });
}

describe('http blocks checked when a run starts', () => {
  const rb = runbook(BASE_POST);

  it.each([
    ['https://allowed.example', undefined],
    ['https://ALLOWED.Example', undefined], // case: one host
    ['https://allowed.example:8443/admin', undefined], // an entry without a port allows any port
    ['https://api.example:8443', undefined],
    ['https://api.example', 'host-not-allowed'], // 443, and the entry says 8443
    ['http://[::1]:8080', undefined],
    ['http://[0:0:0:0:0:0:0:1]:8080', undefined], // IPv6 spelled long: the parser compresses it
    ['http://[::1]:8081', 'host-not-allowed'],
    ['http://[::2]:8080', 'host-not-allowed'],
    ['https://bücher.example', undefined], // IDN: punycode on the list
    ['https://xn--bcher-kva.example', undefined],
    ['https://\u0430llowed.example', 'host-not-allowed'], // a Cyrillic а: another host (xn--llowed-…)
    ['https://allowed.example.', 'host-not-allowed'], // a trailing dot is another name to a resolver's search list
    ['https://evil.example/allowed.example', 'host-not-allowed'],
    ['https://allowed.example.evil.example', 'host-not-allowed'],
    ['https://evilallowed.example', 'host-not-allowed'],
    ['https://allowed.example@evil.example', 'invalid-url'], // userinfo: the host is evil.example
    ['https://allowed.example#@evil.example', 'invalid-url'], // a fragment in a base
    ['https://evil.example#allowed.example', 'invalid-url'],
    ['https://allowed.example\n.evil.example', 'invalid-url'], // a newline
    ['https://allowed.example\\@evil.example', 'invalid-url'], // a backslash (the URL parser reads it as /)
    ['https://allowed.example?x=@evil.example', 'invalid-url'], // a query in a base
    ['ftp://allowed.example', 'invalid-url'],
    ['//evil.example', 'invalid-url'],
  ])('base %j: %s', (base, expected) => {
    const found = refusals(rb, { base });
    expect(found.map((r) => r.reason)).toEqual(expected ? [expected] : []);
    // The start refuses exactly what the gateway refuses when the request is sent.
    let sent: URL | undefined;
    try {
      sent = renderUrl('{{ base }}/maintenance', { base });
    } catch {
      expect(expected).toBe('invalid-url');
      return;
    }
    expect(gateway.refusal(sent) ? 'host-not-allowed' : undefined).toBe(expected);
  });

  it('names the file, the line, the host and the setting to change', () => {
    expect(refusals(rb, { base: 'https://EVIL.example:444/' })).toEqual([
      {
        file: 'drain.md',
        line: 11,
        method: 'POST',
        reason: 'host-not-allowed',
        host: 'evil.example:444',
        setting: 'switchyard.http.allowedHosts',
        message:
          'drain.md:11: the http block (POST {{ base }}/maintenance) would send to evil.example:444, which is not on this host\'s allow-list for http blocks (switchyard.http.allowedHosts: allowed.example, api.example:8443, [::1]:8080, xn--bcher-kva.example); nothing was started or sent. Add "evil.example:444" to switchyard.http.allowedHosts in the host\'s config, or start the run with a URL whose host is on the list',
      },
    ]);
    expect(refusals(rb, { base: 'https://allowed.example.' })[0].message).toMatch(/leave the dot out\)$/);
    expect(refusals(rb, { base: 'https://allowed.example@evil.example' })[0].message).toBe(
      'drain.md:11: the http block (POST {{ base }}/maintenance) cannot be sent: {{ base }}: is the base URL, so it must be an absolute http:// or https:// URL without credentials (give them as a `secret:` header), but its value is "https://allowed.example@evil.example"; nothing was started or sent. Fix the param',
    );
  });

  it('a value in the path or query is data: it never changes the host', () => {
    const rbPath = runbook('## Drain\n\n```http\nmethod: PUT\nurl: "https://allowed.example/svc/{{ path }}?who={{ path }}"\n```\n');
    for (const path of ['@evil.example', '/../..//evil.example', '#x', 'a\nHost: evil.example', '%2e%2e', '\\\\evil.example'])
      expect(refusals(rbPath, { path })).toEqual([]);
  });

  it('a literal host off the list is refused whatever the params', () => {
    const literal = runbook('## Drain\n\n```http\nmethod: GET\nurl: "https://evil.example/{{ path }}"\n```\n');
    expect(refusals(literal, {}).map((r) => [r.line, r.host])).toEqual([[11, 'evil.example']]);
  });

  it('skips a block whose when: is false on the params; checks one whose when: reads a step output', () => {
    const when = runbook(
      '## Drain\n\n```http when: drain\nmethod: POST\nurl: "{{ base }}/a"\n```\n\n' +
        '## Resume\n\n```http when: steps.drain.status == "succeeded"\nmethod: POST\nurl: "{{ base }}/b"\n```\n',
    );
    expect(refusals(when, { base: 'https://evil.example', drain: false }).map((r) => r.line)).toEqual([18]);
    expect(refusals(when, { base: 'https://evil.example', drain: true }).map((r) => r.line)).toEqual([11, 18]);
  });

  it('leaves a host that comes from a step output to the send (it is not known yet)', () => {
    const later = runbook(
      '## Find {#find}\n\n```check\nexpect: [ "true" ]\noutput: { url: \'"https://evil.example"\' }\n```\n\n' +
        '## Drain\n\n```http\nmethod: POST\nurl: "{{ steps.find.output.url }}/drain"\n```\n',
    );
    expect(refusals(later, {})).toEqual([]);
  });

  it('checks rollback blocks and the Rollback section; not the steps a run from a later step never runs', () => {
    const rollback = runbook(
      '## Drain\n\n```http\nmethod: POST\nurl: "https://one.example/on"\n```\n\n' +
        '```http rollback\nmethod: POST\nurl: "https://two.example/off"\n```\n\n' +
        '## Switch\n\n```http\nmethod: POST\nurl: "https://allowed.example/switch"\n```\n\n' +
        '## Rollback\n\n### Off\n\n```http\nmethod: POST\nurl: "https://three.example/off"\n```\n',
    );
    expect(refusals(rollback, {}).map((r) => r.host)).toEqual(['one.example', 'two.example', 'three.example']);
    expect(refusals(rollback, {}, { fromStep: 1 }).map((r) => r.host)).toEqual(['three.example']);
  });

  it('where http blocks are not allowed (no --trust-http), any block that may run refuses the run, saying how to allow it', () => {
    const untrusted: HttpStartPolicy = { allowed: false, refusal: () => undefined };
    expect(refusals(rb, {}, { policy: untrusted })).toEqual([
      expect.objectContaining({
        reason: 'untrusted',
        line: 11,
        message:
          'drain.md:11: the http block (POST {{ base }}/maintenance) would send, and http blocks are not allowed here; nothing was started or sent. ' +
          'Run with --trust-http in the CLI, or trust the workspace in VS Code (as for sh blocks); the Backstage backend sends them only to the hosts on switchyard.http.allowedHosts',
      }),
    ]);
    const skipped = runbook('## Drain\n\n```http when: drain # no drain asked\nmethod: POST\nurl: "{{ base }}/a"\n```\n');
    expect(refusals(skipped, { drain: false }, { policy: untrusted })).toEqual([]);
  });

  it('a host that names itself gives only its own way to allow http blocks (no CLI flag in Backstage)', () => {
    const fix = (host: HostKind) =>
      refusals(rb, {}, { policy: { allowed: false, host, refusal: () => undefined } })[0].message.replace(
        /^.*nothing was started or sent\. /,
        '',
      );
    expect(fix('cli')).toBe('Run with --trust-http (requests go to any host; secret headers from SWITCHYARD_SECRET_<NAME>)');
    expect(fix('vscode')).toBe('Trust the workspace (Manage Workspace Trust), as for sh blocks');
    expect(fix('backstage')).toBe(
      "Ask the Backstage operator to list the hosts in switchyard.http.allowedHosts in the backend's app-config.yaml",
    );
  });
});
