import { evaluateCel, findTemplateSpans, renderTemplate } from '../../cel';
import type { HttpSecretSource } from '../../engine/ports';
import { SECRET_MARK } from '../../engine/secrets';
import { HttpValueError } from './http-errors';

/** A header's value: text with templates, or the whole value from a secret the host holds (after an optional prefix). */
export type HttpHeaderValue = { text: string } | { secret: string; prefix: string };

export interface RenderedHeaders {
  /** What is sent. */
  headers: Record<string, string>;
  /** What is shown (logs, dry run, in-flight record): secrets as `[secret]`. */
  shown: Record<string, string>;
  /** The secret values used, for scrubbing everything the block writes. */
  secrets: string[];
}

/**
 * Renders headers: templates as text, secrets from the host. A value with a line break or NUL is
 * refused (it would end the header and start another: header injection, RFC 9110 §5.5).
 */
export function renderHeaders(
  headers: ReadonlyArray<[string, HttpHeaderValue]>,
  scope: Record<string, unknown>,
  secrets: HttpSecretSource | undefined,
): RenderedHeaders {
  const out: RenderedHeaders = { headers: {}, shown: {}, secrets: [] };
  for (const [name, spec] of headers) {
    if ('secret' in spec) {
      const value = secrets?.get(spec.secret);
      if (value === undefined || value === '')
        throw new HttpValueError(
          `secret ${spec.secret}`,
          `header ${name} needs it, and it is not configured here: ${secrets?.howToSet(spec.secret) ?? 'this host gives http blocks no secrets'}; the request was not sent`,
        );
      if (/[\r\n\0]/.test(value))
        throw new HttpValueError(
          `secret ${spec.secret}`,
          'it contains a line break or NUL, which cannot be in a header; the request was not sent',
        );
      out.headers[name] = spec.prefix + value;
      out.shown[name] = spec.prefix + SECRET_MARK;
      out.secrets.push(value);
      continue;
    }
    const value = renderTemplate(spec.text, scope);
    if (/[\r\n\0]/.test(value))
      throw new HttpValueError(
        `header ${name}`,
        `its value ${JSON.stringify(value)} contains a line break or NUL, which would end the header and start another; the request was not sent`,
      );
    out.headers[name] = value;
    out.shown[name] = value;
  }
  return out;
}

/**
 * Renders a YAML body as JSON: its structure is the runbook's; every string is a value. A string
 * that is exactly one template takes the template's typed value (number, bool, list, map); any
 * other string is rendered as text. `JSON.stringify` then encodes quotes, newlines and `}}` as data.
 */
export function renderJsonBody(value: unknown, scope: Record<string, unknown>): unknown {
  if (typeof value === 'string') {
    const spans = findTemplateSpans(value);
    if (spans.length === 1 && spans[0].start === 0 && spans[0].end === value.length) return evaluateCel(spans[0].expr, scope) ?? null;
    return renderTemplate(value, scope);
  }
  if (Array.isArray(value)) return value.map((v) => renderJsonBody(v, scope));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, renderJsonBody(v, scope)]));
  return value;
}

/** Every string in a YAML body (templates in values are checked and rendered; keys are structure). */
export function bodyStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(bodyStrings);
  if (value && typeof value === 'object') return Object.values(value as Record<string, unknown>).flatMap(bodyStrings);
  return [];
}
