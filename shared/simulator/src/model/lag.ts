import type { ModelContext } from './context';
import type { LagSpike } from './faults';

/** Injected lag (ms) on an instance or cluster at a time: the largest active spike that covers it. */
export function injectedLagMs(ctx: ModelContext, target: { region: string; clusterId: string; instanceId?: string }, at: number): number {
  let lag = 0;
  for (const spike of ctx.state.faults.lagSpikes) {
    if (at < spike.from || at >= spike.until) continue;
    if (spike.region && spike.region !== target.region) continue;
    if (!covers(spike, target)) continue;
    lag = Math.max(lag, spike.valueMs);
  }
  return lag;
}

function covers(spike: LagSpike, target: { clusterId: string; instanceId?: string }): boolean {
  if (spike.instanceId) return spike.instanceId === target.instanceId;
  if (spike.clusterId) return spike.clusterId === target.clusterId;
  return true;
}
