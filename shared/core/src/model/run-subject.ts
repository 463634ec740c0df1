/**
 * What a run is about, for people: its database, and where it moves it. Lists of runs show this
 * beside the runbook's title (`prod-app → prod-app-2`), so two failovers of two clusters differ.
 */
import type { Run } from './run';

/**
 * The database the run works on, for people: the catalog entity it was started from, else the RDS
 * resource of its first lock (`rds-cluster:prod-app@123456789012/us-east-1`), else its `cluster` param.
 */
export function runDatabase(run: RunAbout): string | undefined {
  const fromEntity = run.entityRef?.split('/').pop();
  if (fromEntity) return fromEntity;
  for (const lock of run.locks) {
    const match = /^(?:rds-cluster|rds-instance|global-cluster):([^@]+)/.exec(lock);
    if (match) return match[1];
  }
  for (const key of ['cluster', 'db_cluster', 'global_cluster', 'instance']) {
    const value = run.params[key];
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  return undefined;
}

type RunAbout = Pick<Run, 'entityRef' | 'locks' | 'params'>;

/** Params that name where a run moves its database: a failover's target reader, a promotion's region. */
const DESTINATION_PARAMS = ['target', 'target_instance', 'target_region', 'region', 'blue_green', 'deployment'];

/** `prod-app → prod-app-2`, `prod-app`, or undefined when the run names no database. */
export function runSubject(run: RunAbout): string | undefined {
  const db = runDatabase(run);
  if (!db) return undefined;
  const destination = DESTINATION_PARAMS.map((k) => run.params[k]).find((v): v is string => typeof v === 'string' && v.trim() !== '');
  return destination ? `${db} → ${destination.trim()}` : db;
}
