import { isMap, isScalar, type ParsedNode } from 'yaml';
import type { ParamSpec, SourcePos } from './model';
import { readParams } from './param-spec';
import { blockSpan } from './text-span';
import { YamlBody, type Reporter, type YamlString } from './yaml-body';

export const FRONT_MATTER_KEYS = ['title', 'description', 'tags', 'params', 'locks'] as const;

export interface FrontMatter {
  meta: { title?: string; description?: string; tags: string[] };
  params: ParamSpec[];
  locks: YamlString[];
}

export interface SplitSource {
  /** The YAML between the `---` lines, and the file line it starts on. */
  yaml?: { text: string; line: number };
  /** The markdown, with the front matter blanked out so line numbers stay the file's. */
  markdown: string;
  unclosed: boolean;
}

export function splitFrontMatter(source: string): SplitSource {
  const lines = source.split('\n');
  if (lines[0]?.trimEnd() !== '---') return { markdown: source, unclosed: false };
  const close = lines.findIndex((l, i) => i > 0 && (l.trimEnd() === '---' || l.trimEnd() === '...'));
  if (close < 0) return { markdown: source, unclosed: true };
  const yaml = lines.slice(1, close).join('\n');
  const markdown = lines.map((l, i) => (i <= close ? '' : l)).join('\n');
  return { yaml: { text: yaml, line: 2 }, markdown, unclosed: false };
}

/** Reads title, description, tags, params and locks; unknown keys are warnings (other tools add theirs). */
export function readFrontMatter(yaml: { text: string; line: number }, report: Reporter): FrontMatter {
  const result: FrontMatter = { meta: { tags: [] }, params: [], locks: [] };
  const start: SourcePos = { line: yaml.line, column: 1 };
  const body = new YamlBody(blockSpan(yaml.text, start), report);
  const parsed = body.parse('the front matter');
  if (!parsed || parsed.root === null) return result;
  const fields = body.fields(parsed.root, FRONT_MATTER_KEYS, 'the front matter', start, 'warning');
  if (!fields) return result;
  const title = fields.get('title');
  if (title) result.meta.title = body.string(title, '`title`')?.value;
  const description = fields.get('description');
  if (description) result.meta.description = body.string(description, '`description`')?.value;
  const tags = fields.get('tags');
  if (tags) result.meta.tags = (body.strings(tags, '`tags`') ?? []).map((t) => t.value);
  const params = fields.get('params');
  if (params && !(isScalar(params.node) && params.node.value === null) && params.node !== null) {
    if (isMap(params.node)) result.params = readParams(params.node as ParsedNode, body, report);
    else
      report(
        params.pos,
        'invalid-params',
        '`params` must map param names to their specs',
        'e.g. `params: { cluster: { type: rds-cluster } }`',
      );
  }
  const locks = fields.get('locks');
  if (locks) result.locks = body.strings(locks, '`locks`') ?? [];
  return result;
}
