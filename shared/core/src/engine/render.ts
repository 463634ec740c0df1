import { renderTemplate } from '../cel';

/** Renders `{{ expr }}` in every string inside a value (observe sources, sql queries, messages). */
export function renderDeep<T>(value: T, scope: Record<string, unknown>): T {
  if (typeof value === 'string') return renderTemplate(value, scope) as T;
  if (Array.isArray(value)) return value.map((v) => renderDeep(v, scope)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderDeep(v, scope)])) as T;
  }
  return value;
}
