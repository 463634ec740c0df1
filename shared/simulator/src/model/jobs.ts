import { scaled, type ModelContext } from './context';

/**
 * A transition in flight. Jobs are data (saved with the state); `advance` applies each one when
 * the clock passes its `dueAt`, through the handler table in advance.ts.
 */
export type Job = { id: number; dueAt: number } & JobBody;

export type JobBody =
  | { kind: 'cluster-failover-done'; region: string; clusterId: string; targetId: string; outcome: 'complete' | 'fail' }
  | { kind: 'writer-recreated'; region: string; clusterId: string; instanceId: string }
  | { kind: 'instance-available'; region: string; instanceId: string; event: 'created' | 'rebooted' | 'modified' | 'recovered' }
  | { kind: 'instance-deleted'; region: string; instanceId: string }
  | { kind: 'cluster-deleted'; region: string; clusterId: string }
  | { kind: 'cluster-available'; region: string; clusterId: string }
  | { kind: 'cluster-renamed'; region: string; clusterId: string; newId: string }
  | { kind: 'instance-renamed'; region: string; instanceId: string; newId: string }
  | { kind: 'global-transition-done'; globalId: string }
  | { kind: 'global-resynced'; globalId: string; region: string; clusterId: string }
  | { kind: 'global-member-removed'; globalId: string; region: string; clusterId: string }
  | { kind: 'blue-green-provisioned'; deploymentId: string }
  | { kind: 'blue-green-switchover-done'; deploymentId: string; outcome: 'complete' | 'rollback'; reason?: string }
  | { kind: 'blue-green-deleted'; deploymentId: string };

export type JobKind = JobBody['kind'];

/** Schedules a transition to finish after `simulatedMs` of AWS time (shortened by the time scale). */
export function schedule(ctx: ModelContext, body: JobBody, simulatedMs: number): Job {
  const job = { ...body, id: ctx.state.nextId++, dueAt: ctx.now + scaled(ctx, simulatedMs) } as Job;
  ctx.state.jobs.push(job);
  return job;
}

export function cancelJobs(ctx: ModelContext, predicate: (job: Job) => boolean): void {
  ctx.state.jobs = ctx.state.jobs.filter((job) => !predicate(job));
}
