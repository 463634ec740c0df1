/**
 * A SQL string literal, as node-postgres' `escapeLiteral` writes it: quotes doubled, and with
 * backslashes the `E'…'` form with them doubled — correct whatever `standard_conforming_strings`
 * is. Written here, not imported from `pg`, because the CEL runtime (browser-safe: Backstage and
 * the VS Code webviews evaluate conditions) offers it as `literal()`; the tests compare the two.
 */
export function quoteLiteral(value: string): string {
  if (value.includes('\0')) throw new Error('an SQL string literal cannot contain a NUL character');
  const hasBackslash = value.includes('\\');
  const body = value.replace(/'/g, "''").replace(/\\/g, '\\\\');
  return hasBackslash ? ` E'${body}'` : `'${body}'`;
}
