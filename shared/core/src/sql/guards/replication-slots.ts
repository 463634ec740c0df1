import type { SqlGateway } from '../../engine/ports';
import type { DataGuardSource } from '../../runbook/model';
import { formatBytes } from '../byte-size';
import type { GuardRuntime } from './guard-runtime';
import type { SlotInfo, SlotsView } from './views';

type SlotsSource = Extract<DataGuardSource, { kind: 'slots' }>;

/**
 * Every replication slot with the WAL it retains, measured from the server's current WAL
 * position (the last received one on a standby). `to_jsonb` reads `wal_status` where the
 * server has it (13+) without failing where it does not.
 */
export const SLOTS_SQL = `
  select s.slot_name, s.slot_type, s.plugin, s.database, s.active::text, s.temporary::text,
         pg_wal_lsn_diff(case when pg_is_in_recovery() then pg_last_wal_receive_lsn() else pg_current_wal_lsn() end,
                         s.restart_lsn)::bigint::text,
         to_jsonb(s) ->> 'wal_status'
    from pg_replication_slots s
   order by s.slot_name`;

export async function observeSlots(sql: SqlGateway, source: SlotsSource, runtime: GuardRuntime): Promise<SlotsView> {
  const result = await sql.snapshot(source.connection, { timeoutMs: source.timeoutSeconds * 1000, signal: runtime.signal }, (s) =>
    s.read(SLOTS_SQL),
  );
  return evaluateSlots(source, result.rows.map(slotFromRow));
}

export function slotFromRow(row: Array<string | null>): SlotInfo {
  return {
    name: row[0] ?? '',
    type: row[1] ?? '',
    plugin: row[2],
    database: row[3],
    active: row[4] === 'true',
    temporary: row[5] === 'true',
    retainedBytes: row[6] === null ? null : Number(row[6]),
    walStatus: row[7],
  };
}

/** The verdict: no slot inactive (unless allowed), retaining more than the limit, or lost. */
export function evaluateSlots(
  source: Pick<SlotsSource, 'connection' | 'maxRetainedBytes' | 'allowInactive'>,
  slots: SlotInfo[],
): SlotsView {
  const inactive = slots.filter((s) => !s.active && !source.allowInactive.includes(s.name));
  const overLimit = slots.filter((s) => (s.retainedBytes ?? 0) > source.maxRetainedBytes);
  const lost = slots.filter((s) => s.walStatus === 'lost');
  const faulty = slots.filter((s) => inactive.includes(s) || overLimit.includes(s) || lost.includes(s));
  const maxRetainedBytes = Math.max(0, ...slots.map((s) => s.retainedBytes ?? 0));
  const limit = formatBytes(source.maxRetainedBytes);
  const describe = (s: SlotInfo) => {
    const problems = [
      ...(inactive.includes(s) ? ['is inactive'] : []),
      ...(lost.includes(s) ? ['has lost WAL it needs (wal_status lost)'] : []),
    ];
    const retained = s.retainedBytes === null ? 'no WAL' : `${formatBytes(s.retainedBytes)} of WAL`;
    return `slot "${s.name}" (${s.type}${s.plugin ? `, ${s.plugin}` : ''}) on ${source.connection} ${[...problems, `retains ${retained}`].join(' and ')}${overLimit.includes(s) ? ` — over the ${limit} limit` : ''}`;
  };
  const message = faulty.length
    ? faulty.map(describe).join('; ')
    : slots.length
      ? `${slots.length} replication slot(s) on ${source.connection}, all healthy; the largest retains ${formatBytes(maxRetainedBytes)} of WAL (limit ${limit})`
      : `no replication slots on ${source.connection}`;
  return {
    ok: faulty.length === 0,
    message,
    connection: source.connection,
    slots,
    inactive: inactive.map((s) => s.name),
    overLimit: overLimit.map((s) => s.name),
    lost: lost.map((s) => s.name),
    maxRetainedBytes,
    limitBytes: source.maxRetainedBytes,
  };
}
