/**
 * Why a step none of whose blocks applied was skipped, as every front end shows it after
 * "skipped: " (the CLI, shared/ui, VS Code, the Markdown export). It names the `when:` conditions
 * and says they were false — never a bare expression, which reads as if it held.
 */
export function conditionSkipReason(conditions: Array<string | undefined>): string {
  const distinct = [...new Set(conditions.map((c) => c?.trim()).filter((c): c is string => Boolean(c)))];
  if (distinct.length === 0) return 'no block of this step applied';
  const quoted = distinct.map(quoteCode);
  if (quoted.length === 1) return `condition ${quoted[0]} is false`;
  return `conditions ${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)} are all false`;
}

/** Markdown inline code that survives a backtick inside the expression (CommonMark: a longer fence). */
function quoteCode(expr: string): string {
  const flat = expr.replace(/\s*\n\s*/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
