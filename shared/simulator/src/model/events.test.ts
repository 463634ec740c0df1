/** Event retention and the by-source index, on a manual clock. */
import { demoFleet } from '../fleets/demo-fleet';
import type { ModelContext } from './context';
import { EVENT_RETENTION_MS, clusterEvent, eventsOf, instanceEvent } from './events';

const T0 = Date.UTC(2026, 10, 24, 12);
const HOUR = 3_600_000;

function context(): ModelContext {
  const state = demoFleet({ now: T0 });
  state.events = [];
  return { state, now: T0, timeScale: 1 };
}

it('keeps every event younger than 14 days, however many (RDS keeps events by age)', () => {
  const ctx = context();
  for (let i = 0; i < 20_000; i++) clusterEvent(ctx, 'us-east-1', `orders-${i % 1000}`, `event ${i}`, ['notification']);
  expect(ctx.state.events).toHaveLength(20_000);
  expect(eventsOf(ctx.state, 'us-east-1', 'db-cluster', 'orders-0').map((e) => e.message)).toEqual(
    Array.from({ length: 20 }, (_, k) => `event ${k * 1000}`),
  );
});

it('drops events past 14 days as new ones come, at most an hour late; the index follows', () => {
  const ctx = context();
  clusterEvent(ctx, 'us-east-1', 'prod-app', 'day 0', ['notification']);
  instanceEvent(ctx, 'us-east-1', 'prod-app-0', 'day 0, instance', ['notification']);
  expect(eventsOf(ctx.state, 'us-east-1', 'db-cluster', 'prod-app')).toHaveLength(1);
  // Exactly 14 days and an hour later: still within the slack, kept (DescribeEvents hides it).
  ctx.now = T0 + EVENT_RETENTION_MS + HOUR;
  clusterEvent(ctx, 'us-east-1', 'prod-app', 'day 14', ['notification']);
  expect(ctx.state.events.map((e) => e.message)).toEqual(['day 0', 'day 0, instance', 'day 14']);
  ctx.now += 1;
  clusterEvent(ctx, 'us-east-1', 'prod-app', 'day 14, later', ['notification']);
  expect(ctx.state.events.map((e) => e.message)).toEqual(['day 14', 'day 14, later']);
  expect(eventsOf(ctx.state, 'us-east-1', 'db-cluster', 'prod-app').map((e) => e.message)).toEqual(['day 14', 'day 14, later']);
  expect(eventsOf(ctx.state, 'us-east-1', 'db-instance', 'prod-app-0')).toEqual([]);
});

it('stays bounded over a long simulation: about 14 days of events at any time', () => {
  const ctx = context();
  for (let hour = 0; hour < 60 * 24; hour++) {
    ctx.now = T0 + hour * HOUR;
    clusterEvent(ctx, 'us-east-1', 'prod-app', `hour ${hour}`, ['notification']);
    expect(ctx.state.events.length).toBeLessThanOrEqual(14 * 24 + 2);
  }
  expect(ctx.state.events[0].date).toBeGreaterThanOrEqual(ctx.now - EVENT_RETENTION_MS - HOUR);
});

it('the index answers by region, type and identifier in any case, and notices events it was not told of', () => {
  const ctx = context();
  clusterEvent(ctx, 'us-east-1', 'prod-app', 'cluster', ['notification']);
  instanceEvent(ctx, 'us-east-1', 'prod-app', 'instance of the same name', ['notification']);
  clusterEvent(ctx, 'eu-west-1', 'prod-app', 'other region', ['notification']);
  const of = (region: string, type: 'db-cluster' | 'db-instance', id: string) =>
    eventsOf(ctx.state, region, type, id).map((e) => e.message);
  expect(of('us-east-1', 'db-cluster', 'PROD-APP')).toEqual(['cluster']);
  expect(of('us-east-1', 'db-instance', 'prod-app')).toEqual(['instance of the same name']);
  expect(of('eu-west-1', 'db-cluster', 'prod-app')).toEqual(['other region']);
  // A state replaced as a whole (loaded, reset): its own index.
  ctx.state = { ...ctx.state, events: ctx.state.events.slice(0, 1) };
  expect(of('us-east-1', 'db-instance', 'prod-app')).toEqual([]);
  // An event pushed past recordEvent (a state edited by hand): the index is rebuilt.
  ctx.state.events.push({ ...ctx.state.events[0], seq: 999, message: 'pushed' });
  expect(of('us-east-1', 'db-cluster', 'prod-app')).toEqual(['cluster', 'pushed']);
  expect(eventsOf(ctx.state, 'us-east-1')).toHaveLength(2);
});
