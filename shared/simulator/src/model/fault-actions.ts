import { commonErrors } from '../protocol/aws-error';
import { automaticFailover } from './cluster-failover';
import type { ModelContext } from './context';
import { emptyFaults } from './faults';
import { crashInstance } from './instance-lifecycle';
import { instanceEvent } from './events';
import { schedule } from './jobs';
import { getCluster, getInstance } from './lookup';
import { availabilityZones } from './regions';

/** A fault to inject, as the control API and `control.injectFault` accept it. Durations are simulated seconds. */
export type FaultRequest =
  | { type: 'throttle'; service?: string; operation?: string; rate?: number; requestsPerSecond?: number; burst?: number }
  | { type: 'failover'; mode: 'hang' | 'fail'; region?: string; clusterId?: string; count?: number; hangSeconds?: number }
  | { type: 'replica-lag'; region?: string; instanceId?: string; clusterId?: string; valueMs: number; durationSeconds: number }
  | { type: 'blue-green-timeout'; deploymentId?: string; count?: number }
  | { type: 'instance-crash'; region: string; instanceId: string; permanent?: boolean }
  | { type: 'az-outage'; region: string; availabilityZone: string; end?: boolean }
  | { type: 'region-outage'; region: string; end?: boolean }
  | { type: 'client-connections'; region?: string; clusterId: string; connections: number; durationSeconds: number };

export type FaultType = FaultRequest['type'];

/** Applies a fault to the state: records it, and for outages and crashes changes the fleet now. */
export function applyFault(ctx: ModelContext, fault: FaultRequest): void {
  const faults = ctx.state.faults;
  switch (fault.type) {
    case 'throttle':
      if (fault.rate === undefined && fault.requestsPerSecond === undefined) {
        throw commonErrors.invalidParameterValue('A throttle fault needs rate (0..1) or requestsPerSecond.');
      }
      faults.throttles.push({
        service: fault.service,
        operation: fault.operation,
        rate: fault.rate,
        requestsPerSecond: fault.requestsPerSecond,
        burst: fault.burst,
      });
      return;
    case 'failover':
      faults.failovers.push({
        mode: fault.mode,
        region: fault.region,
        clusterId: fault.clusterId,
        remaining: fault.count,
        hangMs: fault.hangSeconds !== undefined ? fault.hangSeconds * 1000 : undefined,
      });
      return;
    case 'replica-lag':
      faults.lagSpikes.push({
        region: fault.region,
        instanceId: fault.instanceId,
        clusterId: fault.clusterId,
        valueMs: fault.valueMs,
        from: ctx.now,
        until: ctx.now + (fault.durationSeconds * 1000) / ctx.timeScale,
      });
      return;
    case 'blue-green-timeout':
      faults.blueGreenTimeouts.push({ deploymentId: fault.deploymentId, remaining: fault.count });
      return;
    case 'instance-crash':
      crashInstance(ctx, getInstance(ctx.state, fault.region, fault.instanceId), fault.permanent ?? false);
      return;
    case 'az-outage':
      if (fault.end) endAzOutage(ctx, fault.region, fault.availabilityZone);
      else startAzOutage(ctx, fault.region, fault.availabilityZone);
      return;
    case 'client-connections':
      faults.clientConnections.push({
        region: fault.region,
        clusterId: fault.clusterId,
        connections: fault.connections,
        from: ctx.now,
        until: ctx.now + (fault.durationSeconds * 1000) / ctx.timeScale,
      });
      return;
    case 'region-outage':
      if (fault.end) faults.regionOutages = faults.regionOutages.filter((o) => o.region !== fault.region);
      else if (!faults.regionOutages.some((o) => o.region === fault.region))
        faults.regionOutages.push({ region: fault.region, since: ctx.now });
      return;
  }
}

/** Every instance in the AZ fails; clusters whose writer was there fail over to a reader elsewhere. */
function startAzOutage(ctx: ModelContext, region: string, az: string): void {
  if (!availabilityZones(region).includes(az)) throw commonErrors.invalidParameterValue(`Unknown Availability Zone ${az} in ${region}.`);
  const faults = ctx.state.faults;
  if (faults.azOutages.some((o) => o.region === region && o.availabilityZone === az)) return;
  faults.azOutages.push({ region, availabilityZone: az, since: ctx.now });
  const hit = ctx.state.instances.filter((i) => i.region === region && i.availabilityZone === az && i.status !== 'deleting');
  for (const instance of hit) {
    instance.status = 'failed';
    instanceEvent(ctx, region, instance.id, 'DB instance shutdown', ['availability']);
  }
  const clusters = new Set(hit.flatMap((i) => (i.clusterId ? [i.clusterId] : [])));
  for (const clusterId of clusters) {
    const cluster = getCluster(ctx.state, region, clusterId);
    if (hit.some((i) => i.id === cluster.writerId)) automaticFailover(ctx, cluster);
  }
}

/** The AZ is back: its failed instances restart and rejoin as readers. */
function endAzOutage(ctx: ModelContext, region: string, az: string): void {
  const faults = ctx.state.faults;
  faults.azOutages = faults.azOutages.filter((o) => !(o.region === region && o.availabilityZone === az));
  for (const instance of ctx.state.instances.filter((i) => i.region === region && i.availabilityZone === az && i.status === 'failed')) {
    instance.status = 'rebooting';
    schedule(ctx, { kind: 'instance-available', region, instanceId: instance.id, event: 'recovered' }, ctx.state.timings.reboot);
  }
}

/** Clears every injected fault; ongoing outages end (failed instances recover). */
export function clearFaults(ctx: ModelContext): void {
  for (const outage of [...ctx.state.faults.azOutages]) endAzOutage(ctx, outage.region, outage.availabilityZone);
  ctx.state.faults = emptyFaults();
}
