/**
 * What a form calls a runbook param: the first clause of its `description` as the label and the
 * rest as help, so people read "The reader to promote", not `target rds-instance`. A param
 * without a description gets its name in words.
 */
import type { RunbookParam } from './api-types';

export interface ParamLabel {
  label: string;
  help?: string;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** `allowed_connections` → `Allowed connections`. */
export function nameInWords(name: string): string {
  return capitalise(
    name
      .replace(/[_-]+/g, ' ')
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .trim()
      .toLowerCase(),
  );
}

/** Where a description's first clause ends: `; `, ` (`, ` — `, `, e.g.`, or a sentence end. */
const CLAUSE_END = /;\s|\s\(|\s—\s|,\s(?:e\.g\.|say\b)|(?<!\be\.g|\bi\.e)\.\s/;

export function paramLabel(param: Pick<RunbookParam, 'name' | 'description'>): ParamLabel {
  let text = (param.description ?? '').replace(/\s+/g, ' ').trim();
  if (!text) return { label: nameInWords(param.name) };
  // "cleanup: the most connections …": the clause before the colon says when the param applies.
  let only: string | undefined;
  const prefix = /^([a-z][\w-]*):\s+(.+)$/.exec(text);
  if (prefix) {
    only = `Only for ${prefix[1]}.`;
    text = prefix[2];
  }
  const end = CLAUSE_END.exec(text);
  const first = (end ? text.slice(0, end.index) : text).replace(/[.:,]$/, '');
  const rest = end
    ? text
        .slice(end.index)
        .replace(/^[;.,—\s]+/, '')
        .replace(/^\((.*)\)$/, '$1')
        .trim()
    : '';
  const help = [only, rest ? capitalise(rest) : ''].filter(Boolean).join(' ');
  return help ? { label: capitalise(first), help } : { label: capitalise(first) };
}
