/**
 * PostgreSQL identifier quoting (what `quote_ident` and node-postgres' `escapeIdentifier` do,
 * always quoted): the name is one identifier whatever it holds — quotes, dots, upper case, spaces.
 */
export function quoteIdent(name: string): string {
  if (name.includes('\0')) throw new Error('an SQL identifier cannot contain a NUL character');
  return `"${name.replace(/"/g, '""')}"`;
}
