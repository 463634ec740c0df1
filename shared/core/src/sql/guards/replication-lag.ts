import type { SqlGateway } from '../../engine/ports';
import type { DataGuardSource } from '../../runbook/model';
import { formatBytes } from '../byte-size';
import type { GuardRuntime } from './guard-runtime';
import type { LagView, ReplicaLag } from './views';

type LagSource = Extract<DataGuardSource, { kind: 'pg-lag' }>;

/**
 * The replicas streaming from a server (`pg_stat_replication`: a subscription appears under its
 * name, a standby under its cluster_name), with replay lag in time and in unconfirmed WAL.
 * PostgreSQL shows no lag time (NULL) once a replica has caught up and nothing is written.
 */
export const LAG_SQL = `
  select application_name, state,
         coalesce(extract(epoch from greatest(write_lag, flush_lag, replay_lag)), 0)::text,
         pg_wal_lsn_diff(case when pg_is_in_recovery() then pg_last_wal_receive_lsn() else pg_current_wal_lsn() end,
                         coalesce(replay_lsn, flush_lsn))::bigint::text
    from pg_stat_replication
   where $1::text is null or application_name = $1::text
   order by application_name`;

export async function observeLag(sql: SqlGateway, source: LagSource, runtime: GuardRuntime): Promise<LagView> {
  const result = await sql.snapshot(source.connection, { timeoutMs: source.timeoutSeconds * 1000, signal: runtime.signal }, (s) =>
    s.read(LAG_SQL, [source.replica ?? null]),
  );
  const replicas = result.rows.map((r): ReplicaLag => ({
    name: r[0] ?? '',
    state: r[1] ?? '',
    lagSeconds: Number(r[2]),
    lagBytes: r[3] === null ? null : Number(r[3]),
  }));
  return evaluateLag(source, replicas);
}

/** The verdict: the replica (or every replica) is streaming, behind by less than `max` (and `max-bytes`). */
export function evaluateLag(
  source: Pick<LagSource, 'connection' | 'replica' | 'maxSeconds' | 'maxBytes'>,
  replicas: ReplicaLag[],
): LagView {
  const who = source.replica ? `replica "${source.replica}"` : 'any replica';
  const problems: string[] = [];
  if (!replicas.length) {
    problems.push(`${who} is not streaming from ${source.connection}: the subscription is disabled or failing, or the standby is down`);
  }
  for (const r of replicas) {
    const name = `replica "${r.name}" of ${source.connection}`;
    if (r.state !== 'streaming') problems.push(`${name} is ${r.state}, not streaming`);
    if (r.lagSeconds > source.maxSeconds) problems.push(`${name} is ${r.lagSeconds.toFixed(2)} s behind (limit ${source.maxSeconds} s)`);
    if (source.maxBytes !== undefined && (r.lagBytes ?? 0) > source.maxBytes) {
      problems.push(`${name} has ${formatBytes(r.lagBytes ?? 0)} of WAL to confirm (limit ${formatBytes(source.maxBytes)})`);
    }
  }
  const lagSeconds = replicas.length ? Math.max(...replicas.map((r) => r.lagSeconds)) : null;
  const byteLags = replicas.map((r) => r.lagBytes).filter((b): b is number => b !== null);
  const lagBytes = byteLags.length ? Math.max(...byteLags) : null;
  return {
    ok: problems.length === 0,
    message: problems.length
      ? problems.join('; ')
      : `${replicas.map((r) => `replica "${r.name}"`).join(', ')} of ${source.connection} ${replicas.length > 1 ? 'are' : 'is'} streaming, ${lagSeconds?.toFixed(2)} s behind (limit ${source.maxSeconds} s)${lagBytes !== null ? `, ${formatBytes(lagBytes)} of WAL unconfirmed` : ''}`,
    connection: source.connection,
    replicas,
    lagSeconds,
    lagBytes,
    maxSeconds: source.maxSeconds,
    maxBytes: source.maxBytes ?? null,
  };
}
