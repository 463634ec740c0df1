import type { SourcePos, TemplateRef } from '../runbook/model';
import { evaluateCel } from './evaluate';

/** One `{{ expr }}` in a text: offsets of `{{`, just past `}}`, and of the trimmed expression. */
export interface TemplateSpan {
  expr: string;
  start: number;
  end: number;
  exprStart: number;
}

/**
 * Finds `{{ expr }}` templates. The expression is CEL and runs to the first `}}`, so a map
 * literal inside a template needs a space between its closing braces (`} }`).
 */
export function findTemplateSpans(text: string): TemplateSpan[] {
  const spans: TemplateSpan[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf('{{', from);
    if (start < 0) return spans;
    const close = text.indexOf('}}', start + 2);
    if (close < 0) return spans;
    const inner = text.slice(start + 2, close);
    const lead = inner.length - inner.trimStart().length;
    spans.push({ expr: inner.trim(), start, end: close + 2, exprStart: start + 2 + lead });
    from = close + 2;
  }
}

/** Offset of a `{{` that is never closed, if any. */
export function findUnclosedTemplate(text: string): number | undefined {
  const last = text.lastIndexOf('{{');
  if (last < 0) return undefined;
  return text.indexOf('}}', last + 2) < 0 ? last : undefined;
}

/** Templates of a text that starts at `startPos`; positions are those of each `{{`. */
export function findTemplates(text: string, startPos: SourcePos): TemplateRef[] {
  return findTemplateSpans(text).map((span) => ({ expr: span.expr, pos: advance(text, startPos, span.start) }));
}

/** The position `offset` characters into a text that starts at `start`. */
export function advance(text: string, start: SourcePos, offset: number): SourcePos {
  let { line, column } = start;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      column = 1;
    } else {
      column++;
    }
  }
  return { line, column };
}

/** Replaces every template by its value (throws `CelEvaluationError` when one cannot be evaluated). */
export function renderTemplate(text: string, context: Record<string, unknown>): string {
  const spans = findTemplateSpans(text);
  if (spans.length === 0) return text;
  let out = '';
  let from = 0;
  for (const span of spans) {
    out += text.slice(from, span.start) + stringifyTemplateValue(evaluateCel(span.expr, context));
    from = span.end;
  }
  return out + text.slice(from);
}

/** Strings as they are, numbers and booleans plainly, anything else (lists, maps, null) as JSON. */
export function stringifyTemplateValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value) ?? '';
}
