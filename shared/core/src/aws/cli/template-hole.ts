import type { NormalizedSchema } from '@smithy/core/schema';
import { findTemplateSpans } from '../../cel/templates';
import { shapeKind, shapeLabel, type ShapeKind } from './shape';

/**
 * A value of an aws line that holds `{{ }}` templates. The line is parsed with its templates
 * unrendered, so the runbook text alone decides the command's structure: the flags, the global
 * options, which words belong to which flag, the keys and nesting of JSON and shorthand. Each
 * template only leaves a hole at one value's place, typed by the SDK schema there; at run time the
 * hole is filled with the rendered value (see render-hole.ts), which can never become a flag, a
 * key or structure.
 */

export type ScalarKind = Extract<ShapeKind, 'string' | 'number' | 'boolean' | 'timestamp' | 'blob'>;

export type HoleTarget =
  /** One value of an SDK scalar type: a rendered string is converted to it. */
  | { type: 'scalar'; kind: ScalarKind }
  /** The whole value of a list of scalars: a CEL list gives its items, any other value one item. */
  | { type: 'list'; item: ScalarKind }
  /** The value of a global option such as `--region`: checked like a value written in the runbook. */
  | { type: 'global'; option: string };

export class TemplateHole {
  constructor(
    /** The value as the runbook writes it, templates included: `{{ cluster }}-old`. */
    readonly text: string,
    readonly target: HoleTarget,
    /** Where the value goes, for messages: `--tags[0].Value`. */
    readonly path: string,
    /** Offset in the aws line of the value's first template. */
    readonly offset: number,
  ) {}
}

/** A template where the runbook text must say what the value is: a flag, a key, a structure. */
export interface TemplateRefusal {
  code: 'template-not-a-value' | 'invalid-value';
  message: string;
  hint?: string;
}

export const STRUCTURE_HINT =
  'write the structure in the runbook and template only its values, e.g. `Key=owner,Value={{ owner }}` or `\'{"Key":"owner","Value":"{{ owner }}"}\'`';

function isScalarKind(kind: ShapeKind): kind is ScalarKind {
  return kind === 'string' || kind === 'number' || kind === 'boolean' || kind === 'timestamp' || kind === 'blob';
}

/** The expression when `text` is one template and nothing else (its value keeps its CEL type: a number, a list). */
export function wholeTemplateExpr(text: string): string | undefined {
  const spans = findTemplateSpans(text);
  return spans.length === 1 && spans[0].start === 0 && spans[0].end === text.length ? spans[0].expr : undefined;
}

export type HoleAt = { ok: true; value: TemplateHole | TemplateHole[] } | ({ ok: false } & TemplateRefusal);

/**
 * What a templated value at a place of type `schema` becomes: a hole for one scalar; for a list of
 * scalars, a hole for the whole list (only a whole template) or, where the CLI wraps a single value
 * in a list (`Values=x`, `--ids x`), a one-item list; anything else is refused.
 */
export function holeAt(text: string, schema: NormalizedSchema, path: string, offset: number, wrapSingle: boolean): HoleAt {
  const kind = shapeKind(schema);
  if (isScalarKind(kind)) return { ok: true, value: new TemplateHole(text, { type: 'scalar', kind }, path, offset) };
  const item = kind === 'list' ? shapeKind(schema.getValueSchema()) : undefined;
  if (item && isScalarKind(item)) {
    if (wholeTemplateExpr(text) !== undefined) return { ok: true, value: new TemplateHole(text, { type: 'list', item }, path, offset) };
    if (wrapSingle) return { ok: true, value: [new TemplateHole(text, { type: 'scalar', kind: item }, `${path}[0]`, offset)] };
    return { ok: false, code: 'invalid-value', message: `${path} must be ${shapeLabel(schema)}, got the string \`${text}\`` };
  }
  return {
    ok: false,
    code: 'template-not-a-value',
    message: `${path} is ${shapeLabel(schema)}, but \`${text}\` stands for its structure: a template can only be one value`,
    hint: STRUCTURE_HINT,
  };
}

/** Replaces every hole of a parsed value (plain objects and arrays) by `f(hole)`. */
export function mapHoles<T>(value: T, f: (hole: TemplateHole) => unknown): T {
  if (value instanceof TemplateHole) return f(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => mapHoles(v, f)) as T;
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapHoles(v, f);
    return out as T;
  }
  return value;
}

/** Validation time: each hole shows its template text where its value will go. */
export function withTemplateText<T>(value: T): T {
  return mapHoles(value, (hole) => (hole.target.type === 'list' ? [hole.text] : hole.text));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
