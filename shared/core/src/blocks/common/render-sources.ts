import { renderTemplate } from '../../cel';
import { renderDeep } from '../../engine/render';
import type { ObserveSource } from '../../runbook/model';
import { bindSql } from '../../sql/bind-sql';

/**
 * Fills in the templates of a block's observe sources. Replay queries are SQL: their templates
 * become bound parameters (`sql/bind-sql.ts`), never text. Checksum table names are rendered as
 * text, which the guard only ever binds (`to_regclass($1)`), so a name cannot be SQL either.
 */
export function renderSources(sources: Record<string, ObserveSource>, scope: Record<string, unknown>): Record<string, ObserveSource> {
  return Object.fromEntries(Object.entries(sources).map(([name, source]) => [name, renderSource(source, scope)]));
}

function renderSource(source: ObserveSource, scope: Record<string, unknown>): ObserveSource {
  if (source.kind !== 'replay') return renderDeep(source, scope);
  const { queries, ...rest } = source;
  return {
    ...renderDeep(rest, scope),
    queries: queries.map((q) => {
      const bound = bindSql(q.sql, scope);
      return { name: renderTemplate(q.name, scope), sql: bound.text, params: bound.values };
    }),
  };
}
