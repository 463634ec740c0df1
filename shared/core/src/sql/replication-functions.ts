/**
 * PostgreSQL functions that change replication state — create, drop, copy or advance a slot,
 * consume a slot's changes, set up or move a replication origin, write a message into the WAL.
 * PostgreSQL runs every one of them inside a READ ONLY transaction (only the role's REPLICATION
 * attribute or superuser is checked; tested on PostgreSQL 15), so the `sql` block's read-only
 * transaction does not stop them: a block calling one must say `write: true` — then it is
 * mutating (locked, previewed in a dry run, refused where the host runs SQL read-only).
 * `pg_logical_slot_peek_changes` reads without consuming and is not listed.
 * https://www.postgresql.org/docs/current/functions-admin.html#FUNCTIONS-REPLICATION
 */
export const REPLICATION_CHANGING_FUNCTIONS = [
  'pg_create_physical_replication_slot',
  'pg_create_logical_replication_slot',
  'pg_drop_replication_slot',
  'pg_copy_physical_replication_slot',
  'pg_copy_logical_replication_slot',
  'pg_replication_slot_advance',
  'pg_logical_slot_get_changes',
  'pg_logical_slot_get_binary_changes',
  'pg_replication_origin_create',
  'pg_replication_origin_drop',
  'pg_replication_origin_advance',
  'pg_replication_origin_session_setup',
  'pg_replication_origin_session_reset',
  'pg_replication_origin_xact_setup',
  'pg_replication_origin_xact_reset',
  'pg_logical_emit_message',
] as const;

const CALL = new RegExp(`(?<![A-Za-z0-9_$])(?:"?pg_catalog"?\\s*\\.\\s*)?"?(${REPLICATION_CHANGING_FUNCTIONS.join('|')})"?\\s*\\(`, 'gi');

/** The calls of such functions in a query: the function's name and the offset of the call. */
export function replicationChangingCalls(query: string): Array<{ name: string; offset: number }> {
  return [...query.matchAll(CALL)].map((m) => ({ name: m[1].toLowerCase(), offset: m.index }));
}
