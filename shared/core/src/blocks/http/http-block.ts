import { isMap, isScalar, isSeq, type ParsedNode } from 'yaml';
import { findTemplateSpans } from '../../cel';
import { suggestion } from '../../runbook/closest-match';
import type { BlockBase, Expectation } from '../../runbook/model';
import type { YamlBody, YamlField } from '../../runbook/yaml-body';
import type { BlockParseContext, BlockSpec } from '../common/block-spec';
import { readExpectations, readOutputs } from '../common/expectations';
import { analyzeUrl } from './http-url';
import type { HttpHeaderValue } from './http-values';

/**
 * Methods an http block may use. GET and HEAD are safe (RFC 9110 §9.2.1: they request no change on
 * the server) and run like reads, also in a dry run; every other method is mutating — it needs a
 * lock, is only previewed in a dry run, and is recorded in flight before it is sent, so a crash
 * hands it to the operator instead of sending it again.
 */
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
export const SAFE_HTTP_METHODS: readonly HttpMethod[] = ['GET', 'HEAD'];

export type HttpBody = { json: unknown } | { text: string };

export interface HttpBlock extends BlockBase {
  kind: 'http';
  method: HttpMethod;
  url: string;
  /** In the runbook's order; names as written. */
  headers: Array<[string, HttpHeaderValue]>;
  body?: HttpBody;
  /** Statuses that count as success; none given: any 2xx. */
  status?: number[];
  expect: Expectation[];
  output: Record<string, string>;
  timeoutSeconds: number;
  /** Attempts after the first, for failures `http-retry.ts` deems safe to repeat. */
  retries: number;
}

/**
 * ```http — one HTTP request (Node's fetch), e.g. telling services to pause writes:
 *   method: POST
 *   url: "{{ maintenance_url }}/maintenance"
 *   headers:
 *     Authorization: { secret: maintenance_token, prefix: "Bearer " }
 *   body: { mode: drain, reason: "switchover of {{ deployment }}" }
 *   status: [200, 202]
 *   expect: [ 'json.state == "draining"' ]
 *   timeout: 10s
 *   retries: 2
 * Expectations and outputs see `status`, `headers` (lower-case names), `body` (text) and `json`.
 */
export const HTTP_KEYS = ['method', 'url', 'headers', 'body', 'status', 'expect', 'output', 'timeout', 'retries'] as const;
export const HTTP_VARIABLES = ['status', 'headers', 'body', 'json'] as const;
export const DEFAULT_HTTP_TIMEOUT_SECONDS = 30;
export const MAX_HTTP_RETRIES = 10;

/** RFC 9110 §5.6.2 token: what a header name may be. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Headers the HTTP client sets from the request itself (RFC 9110 §7.2, §6.4, §7.6.1; RFC 9112 §6). */
const CLIENT_HEADERS = ['host', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'te', 'trailer', 'expect'];
const SECRET_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

export const httpBlock: BlockSpec<HttpBlock> = {
  kind: 'http',
  options: [],
  parse(fence, ctx, base) {
    // ```http used to be a display language: an HTTP message written as an example is not this block.
    if (/^\s*[A-Z]+ \S+ HTTP\/\d(\.\d)?\s*$/m.test(fence.body.text.split('\n', 1)[0])) {
      ctx.report(
        fence.pos,
        'http-example-fence',
        'this ```http fence holds an HTTP message, but ```http fences run (an http block is YAML: method, url, …)',
        'to show the message as an example, make it a ```text fence',
      );
      return undefined;
    }
    const parsed = ctx.yaml('the http block');
    if (!parsed) return undefined;
    const { body, root } = parsed;
    const fields = body.fields(root, HTTP_KEYS, 'http block', fence.pos);
    if (!fields) return undefined;
    const method = readMethod(fields.get('method'), body, ctx);
    const urlField = fields.get('url');
    if (!urlField)
      ctx.report(
        fence.pos,
        'missing-key',
        'an http block needs `url:`',
        'e.g. `url: "{{ maintenance_url }}/maintenance"` (see docs/runbook-format.md)',
      );
    const url = urlField && body.string(urlField, 'http `url`');
    if (url) {
      ctx.templates(url);
      for (const problem of analyzeUrl(url.value).problems)
        ctx.report(url.span.posAt(problem.offset), problem.code, problem.message, problem.hint);
    }
    const headers = readHeaders(fields.get('headers'), body, ctx);
    const requestBody = readBody(fields.get('body'), body, ctx, method, headers);
    const status = readStatus(fields.get('status'), body, ctx);
    const expectField = fields.get('expect');
    const expect = expectField ? readExpectations(expectField, body, ctx, HTTP_VARIABLES, 'http `expect`') : [];
    const output = readOutputs(fields.get('output'), body, ctx, HTTP_VARIABLES);
    const timeoutField = fields.get('timeout');
    const timeoutSeconds = timeoutField ? body.duration(timeoutField, 'http `timeout`') : DEFAULT_HTTP_TIMEOUT_SECONDS;
    if (timeoutSeconds === 0 && timeoutField) ctx.report(timeoutField.pos, 'invalid-duration', 'http `timeout` must be longer than 0');
    const retries = readRetries(fields.get('retries'), ctx);
    if (!method || !url || !headers || requestBody === null || status === null || !timeoutSeconds || retries === undefined)
      return undefined;
    return {
      ...base,
      kind: 'http',
      method,
      url: url.value,
      headers,
      ...(requestBody ? { body: requestBody } : {}),
      ...(status ? { status } : {}),
      expect,
      output,
      timeoutSeconds,
      retries,
    };
  },
  mutates: (block) => !SAFE_HTTP_METHODS.includes(block.method),
};

function readMethod(field: YamlField | undefined, body: YamlBody, ctx: BlockParseContext): HttpMethod | undefined {
  if (!field) return 'GET';
  const text = body.string(field, 'http `method`');
  if (!text) return undefined;
  if ((HTTP_METHODS as readonly string[]).includes(text.value)) return text.value as HttpMethod;
  const upper = text.value.toUpperCase();
  ctx.report(
    field.pos,
    'invalid-http-method',
    `\`${text.value}\` is not an HTTP method an http block sends`,
    (HTTP_METHODS as readonly string[]).includes(upper)
      ? `methods are case-sensitive (RFC 9110 §9.1): write \`${upper}\``
      : (suggestion(text.value, HTTP_METHODS, 'one of') ?? `one of ${HTTP_METHODS.join(', ')}`),
  );
  return undefined;
}

function readHeaders(field: YamlField | undefined, body: YamlBody, ctx: BlockParseContext): Array<[string, HttpHeaderValue]> | undefined {
  if (!field) return [];
  if (!isMap(field.node)) {
    ctx.report(
      field.pos,
      'invalid-value',
      'http `headers` must map header names to values',
      'e.g. `headers: { Accept: application/json }`',
    );
    return undefined;
  }
  const headers: Array<[string, HttpHeaderValue]> = [];
  let ok = true;
  for (const pair of field.node.items) {
    const keyNode = pair.key as ParsedNode | null;
    const name = isScalar(keyNode) ? String(keyNode.value) : '';
    const keyPos = body.posOf(keyNode, field.pos);
    const valueNode = pair.value as ParsedNode | null;
    const valueField: YamlField = { key: name, keyPos, node: valueNode, pos: body.posOf(valueNode, keyPos) };
    if (findTemplateSpans(name).length) {
      ctx.report(
        keyPos,
        'http-template-in-header-name',
        `the header name \`${name}\` has a template: names are structure`,
        'write the name; templates go in values',
      );
      ok = false;
      continue;
    }
    if (!TOKEN.test(name)) {
      ctx.report(
        keyPos,
        'invalid-header-name',
        `\`${name}\` is not a header name`,
        "letters, digits and !#$%&'*+-.^_`|~ (RFC 9110 §5.6.2)",
      );
      ok = false;
      continue;
    }
    if (CLIENT_HEADERS.includes(name.toLowerCase())) {
      ctx.report(keyPos, 'invalid-header-name', `the ${name} header is set by the HTTP client from the request itself`, 'leave it out');
      ok = false;
      continue;
    }
    if (headers.some(([n]) => n.toLowerCase() === name.toLowerCase())) {
      ctx.report(keyPos, 'invalid-header-name', `the header ${name} is given twice (header names are case-insensitive)`, 'keep one');
      ok = false;
      continue;
    }
    if (isMap(valueNode)) {
      const secret = readSecretHeader(valueField, body, ctx, name);
      if (secret) headers.push([name, secret]);
      else ok = false;
      continue;
    }
    const text = body.string(valueField, `header \`${name}\``);
    if (!text) {
      ok = false;
      continue;
    }
    ctx.templates(text);
    headers.push([name, { text: text.value }]);
  }
  return ok ? headers : undefined;
}

function readSecretHeader(field: YamlField, body: YamlBody, ctx: BlockParseContext, header: string): HttpHeaderValue | undefined {
  const what = `header \`${header}\``;
  const fields = body.fields(field.node, ['secret', 'prefix'], what, field.pos);
  const secretField = fields?.get('secret');
  if (!fields) return undefined;
  if (!secretField) {
    ctx.report(
      field.pos,
      'missing-key',
      `${what} as a map takes its value from a secret: \`{ secret: <name> }\``,
      'secrets come from the host (docs/runbook-format.md, "http")',
    );
    return undefined;
  }
  const name = body.string(secretField, `${what} \`secret\``);
  const prefixField = fields.get('prefix');
  const prefix = prefixField ? body.string(prefixField, `${what} \`prefix\``) : undefined;
  if (prefix && findTemplateSpans(prefix.value).length) {
    ctx.report(prefixField!.pos, 'invalid-value', `${what} \`prefix\` is written as is, without templates`, 'e.g. `prefix: "Bearer "`');
    return undefined;
  }
  if (prefix && /[\r\n\0]/.test(prefix.value)) {
    ctx.report(prefixField!.pos, 'invalid-value', `${what} \`prefix\` has a line break`);
    return undefined;
  }
  if (!name) return undefined;
  if (!SECRET_NAME.test(name.value)) {
    ctx.report(
      secretField.pos,
      'invalid-value',
      `secret name \`${name.value}\` is not a name`,
      'letters, digits and `_`, starting with a letter (it names SWITCHYARD_SECRET_<NAME> and switchyard.http.secrets.<name>)',
    );
    return undefined;
  }
  return { secret: name.value, prefix: prefix?.value ?? '' };
}

/** `null` after reporting a problem; undefined when there is no body. */
function readBody(
  field: YamlField | undefined,
  body: YamlBody,
  ctx: BlockParseContext,
  method: HttpMethod | undefined,
  headers: Array<[string, HttpHeaderValue]> | undefined,
): HttpBody | undefined | null {
  if (!field) return undefined;
  if (method && SAFE_HTTP_METHODS.includes(method)) {
    ctx.report(field.pos, 'http-body-not-allowed', `a ${method} request has no body`, 'use POST, PUT or PATCH to send one');
    return null;
  }
  if (isScalar(field.node) && typeof field.node.value === 'string') {
    const text = body.string(field, 'http `body`')!;
    const refs = ctx.templates(text);
    const type = headers?.find(([n]) => n.toLowerCase() === 'content-type')?.[1];
    if (refs.length && type && 'text' in type && /json/i.test(type.text)) {
      ctx.report(
        refs[0].pos,
        'http-template-in-json-text',
        'a JSON body written as text would take a value with a quote as JSON structure',
        'write the body as YAML (`body: { key: "{{ value }}" }`): it is sent as JSON with every value encoded',
      );
      return null;
    }
    return { text: text.value };
  }
  if (!isMap(field.node) && !isSeq(field.node)) {
    ctx.report(field.pos, 'invalid-value', 'http `body` must be a YAML map or list (sent as JSON) or a string (sent as text)');
    return null;
  }
  return checkBodyNode(field.node, body, ctx, field.pos) ? { json: body.toJS(field.node) } : null;
}

/** Registers the templates of every string value; a template in a key is refused (keys are structure). */
function checkBodyNode(node: ParsedNode | null, body: YamlBody, ctx: BlockParseContext, at: YamlField['pos']): boolean {
  if (isScalar(node)) {
    if (typeof node.value === 'string') ctx.templates({ value: node.value, span: body.scalarSpan(node) });
    return true;
  }
  if (isSeq(node)) return (node.items as Array<ParsedNode | null>).every((item) => checkBodyNode(item, body, ctx, at));
  if (isMap(node)) {
    let ok = true;
    for (const pair of node.items) {
      const key = pair.key as ParsedNode | null;
      if (isScalar(key) && typeof key.value === 'string' && findTemplateSpans(key.value).length) {
        ctx.report(
          body.posOf(key, at),
          'http-template-in-body-key',
          `the body key \`${key.value}\` has a template: keys are structure`,
          'write the key; templates go in values',
        );
        ok = false;
      }
      ok = checkBodyNode(pair.value as ParsedNode | null, body, ctx, at) && ok;
    }
    return ok;
  }
  return true;
}

/** `null` after reporting a problem. */
function readStatus(field: YamlField | undefined, body: YamlBody, ctx: BlockParseContext): number[] | undefined | null {
  if (!field) return undefined;
  const items = isSeq(field.node) ? (field.node.items as Array<ParsedNode | null>) : [field.node];
  const codes = items.map((n) => (isScalar(n) && typeof n.value === 'number' && Number.isInteger(n.value) ? n.value : NaN));
  if (!codes.length || codes.some((c) => !(c >= 100 && c <= 599))) {
    ctx.report(
      field.pos,
      'invalid-value',
      'http `status` must be a status code or a list of them (100–599)',
      'e.g. `status: [200, 202]`; leave it out to accept any 2xx',
    );
    return null;
  }
  return codes;
}

function readRetries(field: YamlField | undefined, ctx: BlockParseContext): number | undefined {
  if (!field) return 0;
  const node = field.node;
  const n = isScalar(node) && typeof node.value === 'number' ? node.value : NaN;
  if (Number.isInteger(n) && n >= 0 && n <= MAX_HTTP_RETRIES) return n;
  ctx.report(field.pos, 'invalid-value', `http \`retries\` must be a whole number from 0 to ${MAX_HTTP_RETRIES}`);
  return undefined;
}
