import type { SqlGateway } from '../../engine/ports';
import type { DataGuardSource, ObserveSource } from '../../runbook/model';
import { defaultSleep, type GuardRuntime } from './guard-runtime';
import { replayQueries } from './query-replay';
import { observeLag } from './replication-lag';
import { observeSlots } from './replication-slots';
import { observeSettings } from './settings-drift';
import { checksumTables } from './table-checksum';
import type { DataGuardView } from './views';

export const DATA_GUARD_KINDS = ['checksum', 'replay', 'slots', 'pg-lag', 'pg-settings'] as const satisfies ReadonlyArray<
  DataGuardSource['kind']
>;

export function isDataGuardSource(source: ObserveSource): source is DataGuardSource {
  return (DATA_GUARD_KINDS as readonly string[]).includes(source.kind);
}

/** What data guards read through: the host's SQL connections (absent where none are configured). */
export interface DataGuardPorts {
  sql?: SqlGateway;
  signal?: AbortSignal;
  sleep?: (ms: number) => Promise<void>;
}

export class NoSqlConnectionsError extends Error {
  constructor(kind: string) {
    super(
      `the ${kind} guard reads databases, but no SQL connections are configured here; pass --connections <file> ` +
        '(or SWITCHYARD_CONNECTIONS), or skip the block where they are missing: `when: "blue" in run.connections`',
    );
    this.name = 'NoSqlConnectionsError';
  }
}

/** Reads one data guard's live object. */
export async function observeDataGuard(source: DataGuardSource, ports: DataGuardPorts): Promise<DataGuardView> {
  const sql = ports.sql;
  if (!sql) throw new NoSqlConnectionsError(source.kind);
  const runtime: GuardRuntime = { signal: ports.signal, sleep: ports.sleep ?? defaultSleep(ports.signal) };
  switch (source.kind) {
    case 'checksum':
      return checksumTables(sql, source, runtime);
    case 'replay':
      return replayQueries(sql, source, runtime);
    case 'slots':
      return observeSlots(sql, source, runtime);
    case 'pg-lag':
      return observeLag(sql, source, runtime);
    case 'pg-settings':
      return observeSettings(sql, source, runtime);
  }
}
