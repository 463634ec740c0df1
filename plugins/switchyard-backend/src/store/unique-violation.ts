/** True when a database error is a unique / primary key violation (PostgreSQL, SQLite, MySQL). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; errno?: unknown; message?: unknown } | undefined;
  if (!e) return false;
  const code = String(e.code ?? '');
  return (
    code === '23505' || // PostgreSQL unique_violation
    code.startsWith('SQLITE_CONSTRAINT_PRIMARYKEY') ||
    code.startsWith('SQLITE_CONSTRAINT_UNIQUE') ||
    code === 'ER_DUP_ENTRY' ||
    /UNIQUE constraint failed|duplicate key value/i.test(String(e.message ?? ''))
  );
}
