/**
 * What a runbook's blocks say about its params, for the forms that ask for them: which params
 * only feed blocks that need SQL connections (data guards: without the connections those blocks
 * are skipped, so asking for the value is pointless), and which `rds-instance` param names the
 * instance a failover promotes (the current writer is then no choice). Read from the parsed
 * runbook, so a runbook author declares nothing extra.
 */
import type { Block, Runbook } from './model';

export interface ParamFacts {
  /**
   * The connections every block using the param needs (its `when:` requires `"name" in
   * run.connections`); unset when some block uses it without needing one, or none uses it.
   */
  needsConnections?: string[];
  /** An `rds-instance` param of a runbook tagged `failover`: the reader to promote, never the writer. */
  promotes?: boolean;
}

/** `"blue" in run.connections`, as the runbooks write it (single or double quotes). */
const NEEDS_CONNECTION = /(["'])([^"']+)\1\s+in\s+run\.connections\b/g;

/**
 * The connections a `when:` condition requires: those named in a conjunction of `"x" in
 * run.connections` terms. A condition with `||` or `!` may hold without them, so it requires none.
 */
export function connectionsRequiredBy(when: string | undefined): string[] {
  if (!when || /\|\||!(?!=)/.test(when)) return [];
  return [...new Set([...when.matchAll(NEEDS_CONNECTION)].map((m) => m[2]))];
}

/**
 * Whether a `when:` condition holds only where the host allows SQL writes: `run.sqlWrites` is one
 * of its `&&` terms (and nothing else can make it hold: no `||`, no `!`). Such a writing `sql`
 * block is skipped, visibly, on a read-only host, so that host may still start the runbook.
 */
export function sqlWritesRequiredBy(when: string | undefined): boolean {
  if (!when || /\|\||!(?!=)/.test(when)) return false;
  return when.split('&&').some((term) => term.trim() === 'run.sqlWrites');
}

/** The writing `sql` blocks that would run on a host that does not allow SQL writes (their `when:` does not require it). */
export function unguardedSqlWrites(runbook: Runbook): Block[] {
  return blocksOf(runbook).filter((b) => b.kind === 'sql' && b.write && !sqlWritesRequiredBy(b.when?.expr));
}

function mentions(block: Block, name: string): boolean {
  const word = new RegExp(`(^|[^A-Za-z0-9_.])${name.replace(/[^A-Za-z0-9_]/g, '')}(?![A-Za-z0-9_])`);
  return word.test(block.source) || block.templates.some((t) => word.test(t.expr)) || (!!block.when && word.test(block.when.expr));
}

function blocksOf(runbook: Runbook): Block[] {
  return [...runbook.steps, ...runbook.rollback].flatMap((s) => [...s.blocks, ...s.rollbackBlocks]);
}

/** The facts of each param, by name (a param with none is absent). */
export function paramFacts(runbook: Runbook): Map<string, ParamFacts> {
  const blocks = blocksOf(runbook);
  const failover = runbook.meta.tags.some((t) => t.toLowerCase() === 'failover');
  const out = new Map<string, ParamFacts>();
  for (const p of runbook.params) {
    const facts: ParamFacts = {};
    const using = blocks.filter((b) => mentions(b, p.name));
    const needs = using.map((b) => connectionsRequiredBy(b.when?.expr));
    if (using.length > 0 && needs.every((n) => n.length > 0)) facts.needsConnections = [...new Set(needs.flat())].sort();
    if (failover && p.type === 'rds-instance') facts.promotes = true;
    if (Object.keys(facts).length) out.set(p.name, facts);
  }
  return out;
}
