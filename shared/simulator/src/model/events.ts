import { arnOf, type ArnKind } from './arn';
import type { ModelContext } from './context';
import type { EventSourceType, RdsEvent } from './types';

/** RDS keeps events for 14 days; the simulator also caps their number. */
const MAX_EVENTS = 5000;

const ARN_KIND: Record<EventSourceType, ArnKind> = {
  'db-cluster': 'cluster',
  'db-instance': 'db',
  'blue-green-deployment': 'deployment',
};

/** Records an RDS event as DescribeEvents shows it (messages as in the RDS event catalogue). */
export function recordEvent(
  ctx: ModelContext,
  event: { region: string; sourceType: EventSourceType; sourceId: string; message: string; categories: string[] },
  at: number = ctx.now,
): void {
  const record: RdsEvent = {
    ...event,
    seq: ctx.state.nextId++,
    sourceArn: arnOf(ctx.state, ARN_KIND[event.sourceType], event.region, event.sourceId),
    date: at,
  };
  ctx.state.events.push(record);
  if (ctx.state.events.length > MAX_EVENTS) ctx.state.events.splice(0, ctx.state.events.length - MAX_EVENTS);
}

export const clusterEvent = (ctx: ModelContext, region: string, clusterId: string, message: string, categories: string[], at?: number) =>
  recordEvent(ctx, { region, sourceType: 'db-cluster', sourceId: clusterId, message, categories }, at);

export const instanceEvent = (ctx: ModelContext, region: string, instanceId: string, message: string, categories: string[], at?: number) =>
  recordEvent(ctx, { region, sourceType: 'db-instance', sourceId: instanceId, message, categories }, at);
