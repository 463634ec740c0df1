/**
 * The live objects data guards hand to CEL (plain JSON). Every one has `ok` and a `message`
 * that names the table, query, slot, replica or parameter at fault — or says what was compared.
 */

export interface GuardVerdict {
  ok: boolean;
  message: string;
}

/** A key range where two tables differ, and the first differing key in it when it could be found. */
export interface RangeDifference {
  table: string;
  /** `id in (10000, 20000]` — exclusive lower, inclusive upper key, each `null` when open. */
  range: string;
  from: string | null;
  to: string | null;
  leftRows: number;
  rightRows: number;
  /** `id=12345`, or null when the rows converged before they could be listed. */
  key: string | null;
  change: 'changed' | 'only-left' | 'only-right' | 'columns' | null;
  text: string;
}

export interface ChecksumTable {
  table: string;
  equal: boolean;
  leftRows: number;
  rightRows: number;
  chunks: number;
  difference: RangeDifference | null;
}

export interface ChecksumView extends GuardVerdict {
  equal: boolean;
  left: string;
  right: string;
  tables: ChecksumTable[];
  differences: RangeDifference[];
  firstDifference: string | null;
  /** Rows compared on the left, all tables. */
  rows: number;
}

export interface ReplayQueryResult {
  name: string;
  sql: string;
  /** True when the query orders its result (then order matters). */
  ordered: boolean;
  equal: boolean;
  leftRows: number;
  rightRows: number;
  difference: string | null;
}

export interface ReplayView extends GuardVerdict {
  equal: boolean;
  left: string;
  right: string;
  queries: ReplayQueryResult[];
  firstDifference: string | null;
}

export interface SlotInfo {
  name: string;
  type: string;
  plugin: string | null;
  database: string | null;
  active: boolean;
  temporary: boolean;
  /** WAL the slot keeps the server from recycling (bytes); null before first use. */
  retainedBytes: number | null;
  /** `reserved`, `extended`, `unreserved`, `lost` (PostgreSQL 13+), else null. */
  walStatus: string | null;
}

export interface SlotsView extends GuardVerdict {
  connection: string;
  slots: SlotInfo[];
  inactive: string[];
  overLimit: string[];
  lost: string[];
  maxRetainedBytes: number;
  limitBytes: number;
}

export interface ReplicaLag {
  name: string;
  state: string;
  /** Seconds behind (replay lag); 0 when caught up and idle. */
  lagSeconds: number;
  /** WAL not yet confirmed by the replica. */
  lagBytes: number | null;
}

export interface LagView extends GuardVerdict {
  connection: string;
  replicas: ReplicaLag[];
  lagSeconds: number | null;
  lagBytes: number | null;
  maxSeconds: number;
  maxBytes: number | null;
}

export interface SettingDrift {
  name: string;
  left: string;
  right: string;
  unit: string | null;
}

export interface SettingsView extends GuardVerdict {
  equal: boolean;
  left: string;
  right: string;
  drift: SettingDrift[];
  /** Parameters only one side has (versions and extensions differ); not drift by themselves. */
  onlyLeft: string[];
  onlyRight: string[];
  firstDifference: string | null;
  compared: number;
}

export type DataGuardView = ChecksumView | ReplayView | SlotsView | LagView | SettingsView;
