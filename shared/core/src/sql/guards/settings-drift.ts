import type { SqlGateway } from '../../engine/ports';
import type { DataGuardSource } from '../../runbook/model';
import type { GuardRuntime } from './guard-runtime';
import type { SettingDrift, SettingsView } from './views';

type SettingsSource = Extract<DataGuardSource, { kind: 'pg-settings' }>;

/**
 * Parameters that differ between any two servers by design (paths, ports, names, the version a
 * blue/green upgrade changes, the session's own transaction state). `ignore:` adds to these.
 */
export const DEFAULT_IGNORED_SETTINGS = [
  'application_name',
  'cluster_name',
  'config_file',
  'data_directory',
  'external_pid_file',
  'hba_file',
  'ident_file',
  'in_hot_standby',
  'is_superuser',
  'listen_addresses',
  'port',
  'primary_conninfo',
  'primary_slot_name',
  'server_version',
  'server_version_num',
  'session_authorization',
  'transaction_deferrable',
  'transaction_isolation',
  'transaction_read_only',
  'unix_socket_directories',
];

/** Each parameter's value as a new session starts with it (`reset_val`: unaffected by our own session settings). */
export const SETTINGS_SQL = `select name, coalesce(reset_val, setting), unit from pg_settings order by name`;

export async function observeSettings(sql: SqlGateway, source: SettingsSource, runtime: GuardRuntime): Promise<SettingsView> {
  const options = { timeoutMs: source.timeoutSeconds * 1000, signal: runtime.signal };
  const read = (side: 'left' | 'right') => sql.snapshot(source[side], options, (s) => s.read(SETTINGS_SQL));
  const [left, right] = await Promise.all([read('left'), read('right')]);
  return compareSettings(source, left.rows, right.rows);
}

type SettingRow = Array<string | null>;

/** Drift between two `pg_settings` listings (name, value, unit), with the first difference named. */
export function compareSettings(
  source: Pick<SettingsSource, 'left' | 'right' | 'only' | 'ignore'>,
  leftRows: SettingRow[],
  rightRows: SettingRow[],
): SettingsView {
  const ignored = new Set([...DEFAULT_IGNORED_SETTINGS, ...source.ignore]);
  const wanted = (name: string) => (source.only ? source.only.includes(name) : !ignored.has(name));
  const toMap = (rows: SettingRow[]) =>
    new Map(rows.filter((r) => r[0] && wanted(r[0])).map((r) => [r[0]!, { value: r[1] ?? '', unit: r[2] }]));
  const left = toMap(leftRows);
  const right = toMap(rightRows);
  const drift: SettingDrift[] = [];
  for (const [name, l] of left) {
    const r = right.get(name);
    if (r && r.value !== l.value) drift.push({ name, left: l.value, right: r.value, unit: l.unit });
  }
  const onlyLeft = [...left.keys()].filter((n) => !right.has(n));
  const onlyRight = [...right.keys()].filter((n) => !left.has(n));
  const missing = source.only ? source.only.filter((n) => !left.has(n) && !right.has(n)) : [];
  const withUnit = (value: string, unit: string | null) => (unit ? `${value} ${unit}` : JSON.stringify(value));
  const texts = drift.map(
    (d) => `${d.name} differs: ${source.left} ${withUnit(d.left, d.unit)}, ${source.right} ${withUnit(d.right, d.unit)}`,
  );
  if (missing.length) texts.push(`no such parameter on either side: ${missing.join(', ')}`);
  const compared = [...left.keys()].filter((n) => right.has(n)).length;
  return {
    ok: texts.length === 0,
    equal: texts.length === 0,
    message: texts.length ? texts.join('; ') : `${compared} server parameters are the same on ${source.left} and ${source.right}`,
    left: source.left,
    right: source.right,
    drift,
    onlyLeft,
    onlyRight,
    firstDifference: texts[0] ?? null,
    compared,
  };
}
