import { evaluateCel, findTemplateSpans, stringifyTemplateValue, type TemplateSpan } from '../../cel';
import { HttpValueError } from './http-errors';

/**
 * Where each `{{ }}` of an http block's `url:` stands, decided from the runbook text before anything
 * is rendered, so that a value can only ever be a value:
 * - `base`: the URL starts with a template that holds the whole base URL (`{{ maintenance_url }}/drain`).
 *   Its value must be an absolute http(s) URL without credentials, query or fragment; only its
 *   origin and path are used.
 * - `path` / `query`: the value is percent-encoded (`encodeURIComponent`), so a `/`, `?`, `#`, `&`
 *   or `=` in it is data, never a new segment, parameter or fragment.
 * Templates in the scheme or host (other than a whole base URL) and a fragment are refused at validation.
 */
export type UrlPart = 'base' | 'path' | 'query';

export interface UrlTemplate {
  span: TemplateSpan;
  part: UrlPart;
}

export type UrlProblemCode = 'invalid-url' | 'http-template-in-host' | 'http-url-fragment' | 'http-url-credentials';

export interface UrlProblem {
  /** Offset in the URL text. */
  offset: number;
  code: UrlProblemCode;
  message: string;
  hint: string;
}

const BASE_HINT = 'put the whole base URL in one param and write the rest after it, e.g. `url: "{{ base_url }}/maintenance"`';

export interface AnalyzedUrl {
  templates: UrlTemplate[];
  problems: UrlProblem[];
  /** Where the scheme and host end (the base template's end when the URL starts with one). */
  authorityEnd: number;
}

export function analyzeUrl(text: string): AnalyzedUrl {
  const spans = findTemplateSpans(text);
  const problems: UrlProblem[] = [];
  // The text with every template masked, so a `/` or `?` inside an expression is not taken for structure.
  let masked = text;
  for (const s of spans) masked = masked.slice(0, s.start) + 'x'.repeat(s.end - s.start) + masked.slice(s.end);
  const baseSpan = spans[0]?.start === 0 ? spans[0] : undefined;
  let authorityEnd: number;
  if (baseSpan) {
    authorityEnd = baseSpan.end;
    const next = text[baseSpan.end];
    if (next !== undefined && next !== '/' && next !== '?')
      problems.push({
        offset: baseSpan.end,
        code: 'http-template-in-host',
        message: 'a URL that starts with a template takes the whole base URL from it: only `/…` or `?…` may follow it directly',
        hint: BASE_HINT,
      });
  } else {
    const scheme = /^https?:\/\//i.exec(masked);
    if (!scheme) {
      problems.push({
        offset: 0,
        code: 'invalid-url',
        message: 'the url must start with `http://`, `https://` or a template holding the whole base URL',
        hint: BASE_HINT,
      });
      return { templates: [], problems, authorityEnd: 0 };
    }
    const rest = masked.slice(scheme[0].length).search(/[/?#]/);
    authorityEnd = rest < 0 ? masked.length : scheme[0].length + rest;
    const at = masked.slice(0, authorityEnd).indexOf('@');
    if (at >= 0)
      problems.push({
        offset: at,
        code: 'http-url-credentials',
        message: 'credentials in a URL are part of the runbook for anyone to read, and of every log line with the URL',
        hint: 'send them as a header from a host secret: `headers: { Authorization: { secret: <name>, prefix: "Bearer " } }`',
      });
  }
  const hash = masked.indexOf('#');
  if (hash >= 0)
    problems.push({
      offset: hash,
      code: 'http-url-fragment',
      message: 'a URL fragment (`#…`) is never sent to the server',
      hint: 'leave it out; to send a `#` as data, put it in a template value, which is percent-encoded',
    });
  const queryStart = masked.indexOf('?', authorityEnd);
  const templates: UrlTemplate[] = [];
  for (const span of spans) {
    if (span === baseSpan) templates.push({ span, part: 'base' });
    else if (span.start < authorityEnd)
      problems.push({
        offset: span.start,
        code: 'http-template-in-host',
        message: `\`{{ ${span.expr} }}\` stands in the URL's scheme or host, where a value would decide where the request goes`,
        hint: BASE_HINT,
      });
    else templates.push({ span, part: queryStart >= 0 && span.start > queryStart ? 'query' : 'path' });
  }
  if (!problems.length) {
    try {
      new URL(baseSpan ? `http://base.invalid${masked.slice(baseSpan.end)}` : masked);
    } catch {
      problems.push({ offset: 0, code: 'invalid-url', message: `\`${text}\` is not a valid URL`, hint: BASE_HINT });
    }
  }
  return { templates, problems, authorityEnd };
}

/**
 * The URL an http block sends to: each template rendered and placed as a value (see `analyzeUrl`).
 * Throws `HttpValueError` when a value cannot stand where it is (a base that is not a plain
 * http(s) URL, a value that would make a `.`/`..` path segment), `CelEvaluationError` when a
 * template cannot be evaluated.
 */
export function renderUrl(text: string, scope: Record<string, unknown>): URL {
  const { templates, problems, authorityEnd } = analyzeUrl(text);
  if (problems.length) throw new HttpValueError('url', problems[0].message);
  let out = '';
  let from = 0;
  let origin: string | undefined;
  let pathStart = authorityEnd;
  for (const t of templates) {
    const value = stringifyTemplateValue(evaluateCel(t.span.expr, scope));
    out += text.slice(from, t.span.start);
    if (t.part === 'base') {
      const base = baseUrl(t.span.expr, value);
      origin = base.origin;
      pathStart = base.origin.length;
      out += base.origin + base.pathname.replace(/\/+$/, '');
    } else {
      out += encodeURIComponent(value);
    }
    from = t.span.end;
  }
  out += text.slice(from);
  const url = new URL(out);
  origin ??= new URL(text.slice(0, authorityEnd)).origin;
  const path = out.slice(pathStart).split(/[?#]/)[0];
  const dot = path.split('/').find((segment) => /^(\.|%2e){1,2}$/i.test(segment));
  if (dot !== undefined)
    throw new HttpValueError(
      'url',
      `its path has a \`${dot}\` segment, which the URL resolves away to another path; the request was not sent`,
    );
  if (url.origin !== origin) throw new HttpValueError('url', `it resolves to ${url.origin}, not ${origin}; the request was not sent`);
  return url;
}

/**
 * Where an http block's request goes (scheme, host, port), when that is known before the run
 * starts: the URL's own scheme and host, or its base template's value when `known(expr)` says the
 * template can be evaluated now (it reads params, not step outputs). Undefined when the base
 * template reads something only the run will know: its host is checked when the request is sent.
 * Rendered exactly as `renderUrl` renders it, so the host checked here is the host sent to.
 * Throws `HttpValueError` for a base value that cannot be a base URL, `CelEvaluationError` when the
 * template cannot be evaluated.
 */
export function urlOrigin(text: string, scope: Record<string, unknown>, known: (expr: string) => boolean): URL | undefined {
  const { templates, problems, authorityEnd } = analyzeUrl(text);
  if (problems.length) throw new HttpValueError('url', problems[0].message);
  const base = templates.find((t) => t.part === 'base');
  if (!base) return new URL(new URL(text.slice(0, authorityEnd)).origin);
  if (!known(base.span.expr)) return undefined;
  return new URL(baseUrl(base.span.expr, stringifyTemplateValue(evaluateCel(base.span.expr, scope))).origin);
}

function baseUrl(expr: string, value: string): URL {
  const refuse = (why: string): never => {
    throw new HttpValueError(
      `{{ ${expr} }}`,
      `is the base URL, so it must be an absolute http:// or https:// URL ${why}, but its value is ${JSON.stringify(value)}; the request was not sent`,
    );
  };
  if (/[\s\\]/.test(value) || hasControlCharacter(value)) refuse('without spaces, control characters or backslashes');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return refuse('');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') refuse('(http or https)');
  if (url.username || url.password) refuse('without credentials (give them as a `secret:` header)');
  if (url.search || value.includes('?') || url.hash || value.includes('#')) refuse('without a query or fragment');
  const rawPath = value.replace(/^[a-z]+:\/\/[^/]*/i, '');
  if (rawPath.split('/').some((segment) => /^(\.|%2e){1,2}$/i.test(segment))) refuse('without `.` or `..` path segments');
  return url;
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
