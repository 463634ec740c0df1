import type { ParameterApplyType } from './types';

/** One engine parameter as the aurora-postgresql cluster parameter group families define it. */
export interface ParameterDefinition {
  name: string;
  /** Engine default; absent when the engine computes it. */
  defaultValue?: string;
  source: 'engine-default' | 'system';
  applyType: ParameterApplyType;
  dataType: 'string' | 'integer' | 'boolean' | 'list' | 'float';
  allowedValues?: string;
  isModifiable: boolean;
  description: string;
}

const COMMON: ParameterDefinition[] = [
  {
    name: 'autovacuum',
    defaultValue: '1',
    source: 'engine-default',
    applyType: 'dynamic',
    dataType: 'boolean',
    allowedValues: '0,1',
    isModifiable: true,
    description: 'Starts the autovacuum subprocess.',
  },
  {
    name: 'default_transaction_isolation',
    defaultValue: 'read committed',
    source: 'engine-default',
    applyType: 'dynamic',
    dataType: 'string',
    allowedValues: 'serializable,repeatable read,read committed,read uncommitted',
    isModifiable: true,
    description: 'Sets the transaction isolation level of each new transaction.',
  },
  {
    name: 'idle_in_transaction_session_timeout',
    source: 'engine-default',
    applyType: 'dynamic',
    dataType: 'integer',
    allowedValues: '0-2147483647',
    isModifiable: true,
    description: 'Sets the maximum allowed duration of any idling transaction.',
  },
  {
    name: 'log_min_duration_statement',
    source: 'engine-default',
    applyType: 'dynamic',
    dataType: 'integer',
    allowedValues: '-1-2147483647',
    isModifiable: true,
    description: 'Sets the minimum execution time above which statements will be logged.',
  },
  {
    name: 'max_connections',
    defaultValue: 'LEAST({DBInstanceClassMemory/9531392},5000)',
    source: 'system',
    applyType: 'static',
    dataType: 'integer',
    allowedValues: '6-262143',
    isModifiable: true,
    description: 'Sets the maximum number of concurrent connections.',
  },
  {
    name: 'max_logical_replication_workers',
    source: 'engine-default',
    applyType: 'static',
    dataType: 'integer',
    allowedValues: '0-262143',
    isModifiable: true,
    description: 'Maximum number of logical replication worker processes.',
  },
  {
    name: 'max_replication_slots',
    defaultValue: '20',
    source: 'engine-default',
    applyType: 'static',
    dataType: 'integer',
    allowedValues: '5-262143',
    isModifiable: true,
    description: 'Sets the maximum number of replication slots that the server can support.',
  },
  {
    name: 'max_wal_senders',
    defaultValue: '20',
    source: 'engine-default',
    applyType: 'static',
    dataType: 'integer',
    allowedValues: '5-262143',
    isModifiable: true,
    description: 'Sets the maximum number of simultaneously running WAL sender processes.',
  },
  {
    name: 'rds.force_ssl',
    defaultValue: '1',
    source: 'engine-default',
    applyType: 'dynamic',
    dataType: 'boolean',
    allowedValues: '0,1',
    isModifiable: true,
    description: 'Force SSL connections.',
  },
  {
    name: 'rds.logical_replication',
    defaultValue: '0',
    source: 'engine-default',
    applyType: 'static',
    dataType: 'boolean',
    allowedValues: '0,1',
    isModifiable: true,
    description: 'Enables logical decoding.',
  },
  {
    name: 'shared_preload_libraries',
    defaultValue: 'pg_stat_statements',
    source: 'system',
    applyType: 'static',
    dataType: 'list',
    allowedValues: 'auto_explain,orafce,pg_bigm,pg_cron,pg_hint_plan,pg_prewarm,pg_similarity,pg_stat_statements,pglogical,pg_tle',
    isModifiable: true,
    description: 'Lists shared libraries to preload into server.',
  },
  {
    name: 'statement_timeout',
    source: 'engine-default',
    applyType: 'dynamic',
    dataType: 'integer',
    allowedValues: '0-2147483647',
    isModifiable: true,
    description: 'Sets the maximum allowed duration of any statement.',
  },
  {
    name: 'synchronous_commit',
    defaultValue: 'on',
    source: 'engine-default',
    applyType: 'dynamic',
    dataType: 'string',
    allowedValues: 'local,on,off',
    isModifiable: true,
    description: "Sets the current transaction's synchronization level.",
  },
  {
    name: 'timezone',
    defaultValue: 'UTC',
    source: 'engine-default',
    applyType: 'dynamic',
    dataType: 'string',
    isModifiable: true,
    description: 'Sets the time zone for displaying and interpreting time stamps.',
  },
  {
    name: 'track_commit_timestamp',
    defaultValue: '0',
    source: 'engine-default',
    applyType: 'static',
    dataType: 'boolean',
    allowedValues: '0,1',
    isModifiable: true,
    description: 'Collects transaction commit time.',
  },
  {
    name: 'wal_sender_timeout',
    defaultValue: '30000',
    source: 'engine-default',
    applyType: 'dynamic',
    dataType: 'integer',
    allowedValues: '0-3600000',
    isModifiable: true,
    description: 'Sets the maximum time to wait for WAL replication.',
  },
  {
    name: 'work_mem',
    source: 'engine-default',
    applyType: 'dynamic',
    dataType: 'integer',
    allowedValues: '64-2147483647',
    isModifiable: true,
    description: 'Sets the maximum memory to be used for query workspaces.',
  },
];

/** The parameters of a cluster parameter group family (aurora-postgresql15, aurora-postgresql16, …). */
export function parametersOfFamily(family: string): ParameterDefinition[] {
  void family;
  return COMMON;
}

export { parameterGroupFamily as familyOf } from './engine-catalog';
