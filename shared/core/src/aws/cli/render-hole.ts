import { evaluateCel } from '../../cel/evaluate';
import { renderTemplate } from '../../cel/templates';
import { unfitGlobalValue } from './global-values';
import type { Report } from './report';
import { convertScalar, convertTimestamp, type ScalarResult } from './scalar';
import { mapHoles, wholeTemplateExpr, type ScalarKind, type TemplateHole } from './template-hole';

/**
 * Run time: fills the holes a parsed aws line left for its templates. Each template is evaluated
 * once; its value is never read again as syntax (no flags, keys, JSON or shorthand, no `{{ }}`)
 * and becomes the one value at its place, converted to the SDK type there.
 */

const WHAT: Record<ScalarKind, string> = {
  string: 'a string',
  blob: 'a string',
  number: 'a number',
  boolean: 'true or false',
  timestamp: 'a timestamp (ISO 8601 like 2024-05-01T12:00:00Z, or epoch seconds)',
};

type Rendered = { ok: true; value: unknown } | { ok: false; code: 'template-error' | 'invalid-value'; message: string; hint?: string };

/** Replaces every hole of `value` by its rendered value; a hole that cannot be filled is reported at its template. */
export function fillTemplates<T>(value: T, scope: Record<string, unknown>, report: Report): T {
  return mapHoles(value, (hole) => {
    const rendered = renderHole(hole, scope);
    if (rendered.ok) return rendered.value;
    report(hole.offset, rendered.code, rendered.message, rendered.hint);
    return hole.text;
  });
}

export function renderHole(hole: TemplateHole, scope: Record<string, unknown>): Rendered {
  const whole = wholeTemplateExpr(hole.text);
  let value: unknown;
  try {
    // A whole template keeps its CEL type (a number, a list); templates within text join as text.
    value = whole === undefined ? renderTemplate(hole.text, scope) : evaluateCel(whole, scope);
  } catch (error) {
    return { ok: false, code: 'template-error', message: `${hole.path}: cannot render \`${hole.text}\`: ${errorText(error)}` };
  }
  const { target } = hole;
  if (target.type === 'global') {
    const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
    const what = text === undefined ? 'a string' : unfitGlobalValue(target.option, text);
    return what ? unfit(hole, value, what) : { ok: true, value: text };
  }
  if (target.type === 'scalar') return typed(hole, value, target.kind);
  const items: unknown[] = [];
  for (const item of Array.isArray(value) ? value : [value]) {
    const rendered = typed(hole, item, target.item);
    if (!rendered.ok) return rendered;
    items.push(rendered.value);
  }
  return { ok: true, value: items };
}

/** Converts a rendered value to the scalar type of its place, as the CLI converts a word. */
function typed(hole: TemplateHole, value: unknown, kind: ScalarKind): Rendered {
  const scalar = typeof value === 'bigint' ? Number(value) : value;
  let converted: ScalarResult | undefined;
  if (typeof scalar === 'string') converted = convertScalar(scalar, kind);
  else if (typeof scalar === 'number' && kind === 'number') converted = { ok: true, value: scalar };
  else if (typeof scalar === 'number' && kind === 'timestamp') converted = convertTimestamp(scalar);
  else if (typeof scalar === 'boolean' && kind === 'boolean') converted = { ok: true, value: scalar };
  else if ((typeof scalar === 'number' || typeof scalar === 'boolean') && (kind === 'string' || kind === 'blob')) {
    converted = convertScalar(String(scalar), kind);
  }
  return converted?.ok ? converted : unfit(hole, value, WHAT[kind]);
}

function unfit(hole: TemplateHole, value: unknown, what: string): Rendered {
  const list = Array.isArray(value);
  return {
    ok: false,
    code: 'invalid-value',
    message: `${hole.path}: \`${hole.text}\` gave ${describe(value)}, which is not ${what}`,
    ...(list ? { hint: 'a list fills a list flag only as its whole value, as in `--vpc-security-group-ids {{ ids }}`' } : {}),
  };
}

/** The rendered value as an on-call engineer needs to see it: quoted, escapes visible, cut short. */
function describe(value: unknown): string {
  if (Array.isArray(value)) return `the list ${shorten(JSON.stringify(value))}`;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'object') return `the map ${shorten(JSON.stringify(value))}`;
  return typeof value === 'string' ? shorten(JSON.stringify(value)) : String(value);
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
