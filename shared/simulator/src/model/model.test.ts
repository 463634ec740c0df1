/** The state model without HTTP: transitions on a manual clock. */
import { demoFleet } from '../fleets/demo-fleet';
import { advance } from './advance';
import { bestFailoverTarget, requestClusterFailover } from './cluster-failover';
import type { ModelContext } from './context';
import { applyFault } from './fault-actions';
import { getCluster, getInstance } from './lookup';
import { validateState } from './state-file';

const T0 = Date.UTC(2026, 10, 24, 12);

function contextAt(now: number, state = demoFleet({ now: T0 }), timeScale = 1): ModelContext {
  return { state, now, timeScale };
}

it('a failover completes exactly when its simulated 30 s (divided by the time scale) have passed', () => {
  const ctx = contextAt(T0, demoFleet({ now: T0 }), 10);
  requestClusterFailover(ctx, getCluster(ctx.state, 'us-east-1', 'prod-app'), 'prod-app-1');
  const at = (ms: number) => {
    const later = { ...ctx, now: T0 + ms };
    advance(later);
    return getCluster(ctx.state, 'us-east-1', 'prod-app');
  };
  expect(at(2_999).status).toBe('failing-over');
  expect(at(3_000)).toMatchObject({ status: 'available', writerId: 'prod-app-1' });
  expect(ctx.state.events.slice(-2).map((e) => [e.message, e.date - T0])).toEqual([
    ['Started cross AZ failover to DB instance: prod-app-1', 0],
    ['Completed failover to DB instance: prod-app-1', 3_000],
  ]);
});

it('chooses the failover target by tier, then class size', () => {
  const ctx = contextAt(T0);
  const cluster = getCluster(ctx.state, 'us-east-1', 'prod-app');
  getInstance(ctx.state, 'us-east-1', 'prod-app-2').instanceClass = 'db.r6g.4xlarge';
  expect(bestFailoverTarget(ctx, cluster)?.id).toBe('prod-app-2');
  getInstance(ctx.state, 'us-east-1', 'prod-app-analytics').promotionTier = 0;
  expect(bestFailoverTarget(ctx, cluster)?.id).toBe('prod-app-analytics');
});

it('demo fleet: seed-deterministic identifiers and a valid, loadable state', () => {
  const a = demoFleet({ now: T0 });
  const b = demoFleet({ now: T0 });
  expect(a).toEqual(b);
  expect(validateState(JSON.parse(JSON.stringify(a)))).toEqual(a);
  expect(() => validateState({ formatVersion: 2 })).toThrow(/formatVersion/);
});

it('lag spikes are bounded in simulated time', () => {
  const ctx = contextAt(T0, demoFleet({ now: T0 }), 100);
  applyFault(ctx, { type: 'replica-lag', instanceId: 'prod-app-1', valueMs: 2_000, durationSeconds: 60 });
  expect(ctx.state.faults.lagSpikes[0]).toMatchObject({ from: T0, until: T0 + 600 });
});
