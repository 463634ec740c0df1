import type { InFlightCall } from '../../model/run';
import type { BlockReconciler } from '../common/block-reconciler';

/**
 * A writing `sql` block whose process died after sending it: the engine cannot tell from AWS state
 * whether it took effect, so the step goes to the operator (never sent again on its own). What is
 * recorded before sending, and what the operator is told to check on resume, live here.
 */

/** The in-flight record of a writing query: the connection and the statement as shown (passwords masked). */
export function sqlInFlight(
  connection: string,
  shown: string,
  values: ReadonlyArray<string | null>,
): Omit<InFlightCall, 'sentAt' | 'blockIndex'> {
  return {
    service: 'sql',
    operation: `the writing query on ${connection}`,
    input: { connection, query: shown, ...(values.length ? { values: [...values] } : {}) },
  };
}

/**
 * Where PostgreSQL shows whether a statement took effect, for the statements runbooks write most
 * (replication objects); a slot function acts at once, outside the transaction.
 */
const CATALOGS: Array<{ pattern: RegExp; where: string }> = [
  { pattern: /\b(create|alter|drop)\s+subscription\b/i, where: 'look for the subscription in pg_subscription' },
  { pattern: /\b(create|alter|drop)\s+publication\b/i, where: 'look for the publication in pg_publication' },
  {
    pattern: /\bpg_(create|drop|copy)_\w*replication_slot\s*\(/i,
    where:
      'look for the slot in pg_replication_slots — a slot is created or dropped at once, even when the transaction around it did not commit',
  },
];

/** What the operator checks on `connection` before retrying or skipping the step. */
export function whatToCheck(connection: string, query: string): string {
  const where = CATALOGS.filter((c) => c.pattern.test(query)).map((c) => c.where);
  return (
    `check on ${connection} whether this took effect: ${query.trim().replace(/\s+/g, ' ')}` +
    `${where.length ? ` (${where.join('; ')})` : ''}. If it did, skip this step with a reason; if it did not, retry it`
  );
}

/** A sql block's reconciler: its answer is lost with the process, so the operator decides, told exactly what to look at. */
export const reconcileSqlBlock: BlockReconciler = async (_aws, call) => {
  const connection = typeof call.input.connection === 'string' ? call.input.connection : undefined;
  const query = typeof call.input.query === 'string' ? call.input.query : undefined;
  if (!connection || !query) {
    return {
      verdict: 'unknown',
      evidence:
        'the process stopped before the query was prepared or as it was sent, and Switchyard cannot tell from live state whether it ran',
    };
  }
  return {
    verdict: 'unknown',
    evidence: `it was sent, and the process stopped before its answer was recorded; its transaction may have committed or not`,
    check: whatToCheck(connection, query),
  };
};
