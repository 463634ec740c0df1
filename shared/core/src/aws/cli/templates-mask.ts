/**
 * An aws line is parsed with its `{{ expr }}` templates unrendered, at validation and at run time
 * alike, so what validates is exactly what runs and a template's value never reaches a parser. To
 * parse shorthand and JSON values around them, each template is swapped for an inert placeholder
 * (private-use characters that are word characters for the shorthand grammar), parsed, and
 * swapped back afterwards. Inside JSON a template outside a string is masked as a string: it
 * stands for one value, whatever it renders to.
 */
import { TemplateHole } from './template-hole';

const OPEN = '\uE000';
const CLOSE = '\uE001';
const PLACEHOLDER = /\uE000(\d+)\uE001/g;

export interface MaskedText {
  masked: string;
  /** Index in `masked` → index in the original text. */
  originalIndex(index: number): number;
  /** Puts the templates back into every string of a parsed value. */
  restore<T>(value: T): T;
  /** The template whose placeholder covers `index` of `masked`, if one does. */
  templateAt(index: number): string | undefined;
  /** Index in the original text of the first template in a parsed string, if it holds one. */
  templateStart(maskedValue: string): number | undefined;
}

export function containsPlaceholder(text: string): boolean {
  return text.includes(OPEN);
}

export function maskTemplates(text: string, json: boolean): MaskedText {
  const templates: string[] = [];
  /** Per template: its index in the original text and its span in `masked`. */
  const spans: Array<{ original: number; from: number; to: number }> = [];
  const parts: string[] = [];
  const map: number[] = [];
  let inString = false;
  let i = 0;
  const emit = (s: string, original: number): void => {
    parts.push(s);
    for (let k = 0; k < s.length; k++) map.push(original);
  };
  while (i < text.length) {
    if (text.startsWith('{{', i)) {
      const close = text.indexOf('}}', i + 2);
      if (close >= 0) {
        const placeholder = `${OPEN}${templates.length}${CLOSE}`;
        templates.push(text.slice(i, close + 2));
        const from = map.length + (json && !inString ? 1 : 0);
        spans.push({ original: i, from, to: from + placeholder.length });
        emit(json && !inString ? `"${placeholder}"` : placeholder, i);
        i = close + 2;
        continue;
      }
    }
    const c = text[i];
    if (json && c === '"') inString = !inString;
    if (json && inString && c === '\\' && i + 1 < text.length) {
      emit(text.slice(i, i + 2), i);
      map[map.length - 1] = i + 1;
      i += 2;
      continue;
    }
    emit(c, i);
    i++;
  }
  const masked = parts.join('');
  const restoreString = (s: string): string => s.replace(PLACEHOLDER, (_, n: string) => templates[Number(n)]);
  const restore = <T>(value: T): T => deepMapStrings(value, restoreString);
  const templateAt = (index: number): string | undefined => {
    const n = spans.findIndex((span) => index >= span.from && index < span.to);
    return n < 0 ? undefined : templates[n];
  };
  const templateStart = (maskedValue: string): number | undefined => {
    const n = /\uE000(\d+)\uE001/.exec(maskedValue)?.[1];
    return n === undefined ? undefined : spans[Number(n)]?.original;
  };
  return { masked, originalIndex: (index) => map[Math.min(index, map.length - 1)] ?? 0, restore, templateAt, templateStart };
}

function deepMapStrings<T>(value: T, f: (s: string) => string): T {
  if (typeof value === 'string') return f(value) as T;
  if (value instanceof TemplateHole) return value;
  if (Array.isArray(value)) return value.map((v: unknown) => deepMapStrings(v, f)) as T;
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && !(value instanceof Uint8Array)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[f(k)] = deepMapStrings(v, f);
    return out as T;
  }
  return value;
}
