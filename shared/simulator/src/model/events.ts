import { arnOf, type ArnKind } from './arn';
import type { ModelContext } from './context';
import type { EventSourceType, RdsEvent, SimState } from './types';

/**
 * RDS keeps events for 14 days ("Returns events … for the past 14 days": DescribeEvents, Amazon
 * RDS API Reference; "Viewing Amazon RDS events", Amazon Aurora User Guide), however many there
 * are. The simulator keeps them by age as well, on its own clock: the time scale shortens AWS's
 * durations, not the dates events carry.
 */
export const EVENT_RETENTION_MS = 14 * 86_400_000;

/**
 * Events past retention are dropped once the oldest is this much older than 14 days, so the
 * pruning runs about once an hour of simulator time rather than on every event. DescribeEvents
 * never returns them either way (it filters on retention itself).
 */
const PRUNE_SLACK_MS = 60 * 60_000;

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
  pruneEvents(ctx.state, ctx.now);
  const events = ctx.state.events;
  events.push(record);
  const index = indexes.get(events);
  if (index && index.size === events.length - 1) addToIndex(index, record);
}

/** Drops the events past retention (see PRUNE_SLACK_MS for when). */
export function pruneEvents(state: SimState, now: number): void {
  const oldest = state.events[0];
  if (!oldest || oldest.date >= now - EVENT_RETENTION_MS - PRUNE_SLACK_MS) return;
  // A new array: an index built on the old one is dropped with it.
  state.events = state.events.filter((e) => e.date >= now - EVENT_RETENTION_MS);
}

/**
 * The events of one source (region, type, identifier in lowercase), oldest first; without a
 * source identifier, every event. Answered from an index built on first use and kept up to date
 * as events are recorded, so a fleet's DescribeEvents by source does not scan every event.
 */
export function eventsOf(state: SimState, region: string, sourceType?: EventSourceType, sourceId?: string): readonly RdsEvent[] {
  if (!sourceType || sourceId === undefined) return state.events;
  return indexOf(state.events).bySource.get(sourceKey(region, sourceType, sourceId)) ?? [];
}

interface EventIndex {
  /** How many events of the array the index holds (the array only grows by recordEvent). */
  size: number;
  bySource: Map<string, RdsEvent[]>;
}

/** Keyed by the events array itself: a state loaded, reset or pruned has a new array, and a new index. */
const indexes = new WeakMap<RdsEvent[], EventIndex>();

function indexOf(events: RdsEvent[]): EventIndex {
  let index = indexes.get(events);
  if (!index || index.size !== events.length) {
    index = { size: 0, bySource: new Map() };
    for (const e of events) addToIndex(index, e);
    indexes.set(events, index);
  }
  return index;
}

function addToIndex(index: EventIndex, e: RdsEvent): void {
  const key = sourceKey(e.region, e.sourceType, e.sourceId);
  const list = index.bySource.get(key);
  if (list) list.push(e);
  else index.bySource.set(key, [e]);
  index.size++;
}

function sourceKey(region: string, sourceType: EventSourceType, sourceId: string): string {
  return `${region}\u0000${sourceType}\u0000${sourceId.toLowerCase()}`;
}

export const clusterEvent = (ctx: ModelContext, region: string, clusterId: string, message: string, categories: string[], at?: number) =>
  recordEvent(ctx, { region, sourceType: 'db-cluster', sourceId: clusterId, message, categories }, at);

export const instanceEvent = (ctx: ModelContext, region: string, instanceId: string, message: string, categories: string[], at?: number) =>
  recordEvent(ctx, { region, sourceType: 'db-instance', sourceId: instanceId, message, categories }, at);
