/**
 * Why a step none of whose blocks applied was skipped, as every front end shows it after
 * "skipped: " (the CLI, shared/ui, VS Code, the Markdown export). It names the `when:` conditions
 * and says they were false — never a bare expression, which reads as if it held — or, for a data
 * guard that needs connections this host lacks, "not checked: no blue/green connections configured".
 * A condition written with its reason (`when: maintenance_url != "" # no maintenance endpoint
 * configured`) is named by that reason when every condition has one.
 */
export function conditionSkipReason(
  conditions: Array<string | { expr: string; reason?: string } | undefined>,
  host: { connections?: string[] } = {},
): string {
  const written = conditions.filter((c): c is string | { expr: string; reason?: string } => c !== undefined);
  const reasons = written.map((c) => (typeof c === 'string' ? undefined : c.reason));
  if (reasons.length && reasons.every((r): r is string => Boolean(r))) return [...new Set(reasons)].join('; ');
  const exprs = written.map((c) => (typeof c === 'string' ? c : c.expr));
  const distinct = [...new Set(exprs.map((c) => c.trim()).filter((c): c is string => Boolean(c)))];
  if (distinct.length === 0) return 'no block of this step applied';
  const missing = missingConnections(distinct, host.connections ?? []);
  if (missing.length) return `not checked: no ${missing.join('/')} connection${missing.length > 1 ? 's' : ''} configured`;
  const quoted = distinct.map(quoteCode);
  if (quoted.length === 1) return `condition ${quoted[0]} is false`;
  return `conditions ${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)} are all false`;
}

/**
 * The connections the conditions ask for (`"blue" in run.connections`) that this host has not
 * configured, when every condition asks for one: then that is why the step did not run, said in
 * words (a data guard "not checked"), not as the expression. Otherwise (a condition that also
 * tests a param, or one without connections) the expression is named as before.
 */
function missingConnections(conditions: string[], configured: string[]): string[] {
  const missing = new Set<string>();
  for (const condition of conditions) {
    const asked = [...condition.matchAll(/["']([\w.-]+)["']\s+in\s+run\.connections\b/g)].map((m) => m[1]);
    const absent = asked.filter((name) => !configured.includes(name));
    if (!absent.length) return [];
    absent.forEach((name) => missing.add(name));
  }
  return [...missing];
}

/** Markdown inline code that survives a backtick inside the expression (CommonMark: a longer fence). */
function quoteCode(expr: string): string {
  const flat = expr.replace(/\s*\n\s*/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
