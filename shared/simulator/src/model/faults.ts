/**
 * Faults injected through the control API. They live in the state (saved and loaded with it) and
 * the model consults them when it starts or finishes a transition.
 */
export interface FaultSet {
  /** Throttling rules; the HTTP layer enforces them. */
  throttles: ThrottleRule[];
  /** How the next failovers of matching clusters behave. */
  failovers: FailoverFault[];
  /** Replica lag raised to `valueMs` for a while (metrics, blue/green guardrails, alarms). */
  lagSpikes: LagSpike[];
  /** Blue/green switchovers that overrun their timeout and roll back. */
  blueGreenTimeouts: BlueGreenTimeoutFault[];
  /** Availability Zones whose instances are down. */
  azOutages: { region: string; availabilityZone: string; since: number }[];
  /** Regions whose endpoints answer ServiceUnavailable and whose databases are unreachable. */
  regionOutages: { region: string; since: number }[];
  /** Clients that keep connections open to a cluster by name (e.g. a forgotten job on an old blue). */
  clientConnections: ClientConnections[];
}

export interface ThrottleRule {
  /** Signing name (rds, monitoring, ce, sts); all services when absent. */
  service?: string;
  /** Only this operation; all when absent. */
  operation?: string;
  /** Fraction of matching requests that are throttled (0..1). */
  rate?: number;
  /** Token bucket: sustained requests per second (per service and region); excess is throttled. */
  requestsPerSecond?: number;
  /** Token bucket size; defaults to requestsPerSecond. */
  burst?: number;
}

export interface FailoverFault {
  /** `hang`: stays failing-over (for `hangMs` of simulated time, else until reset); `fail`: RDS-EVENT-0069, writer unchanged. */
  mode: 'hang' | 'fail';
  region?: string;
  clusterId?: string;
  /** How many failovers it affects; unlimited when absent. */
  remaining?: number;
  hangMs?: number;
}

export interface LagSpike {
  region?: string;
  /** Affects this instance's AuroraReplicaLag, or all readers (and global lag) of this cluster. */
  instanceId?: string;
  clusterId?: string;
  valueMs: number;
  from: number;
  until: number;
}

export interface ClientConnections {
  region?: string;
  clusterId: string;
  connections: number;
  from: number;
  until: number;
}

export interface BlueGreenTimeoutFault {
  deploymentId?: string;
  remaining?: number;
}

export function emptyFaults(): FaultSet {
  return {
    throttles: [],
    failovers: [],
    lagSpikes: [],
    blueGreenTimeouts: [],
    azOutages: [],
    regionOutages: [],
    clientConnections: [],
  };
}

/** Consumes one use of the first matching fault (counted faults disappear when used up). */
export function takeFault<F extends { remaining?: number }>(list: F[], matches: (fault: F) => boolean): F | undefined {
  const index = list.findIndex(matches);
  if (index < 0) return undefined;
  const fault = list[index];
  if (fault.remaining !== undefined) {
    fault.remaining -= 1;
    if (fault.remaining <= 0) list.splice(index, 1);
  }
  return fault;
}

export function isAzDown(faults: FaultSet, region: string, availabilityZone: string): boolean {
  return faults.azOutages.some((o) => o.region === region && o.availabilityZone === availabilityZone);
}

export function isRegionDown(faults: FaultSet, region: string): boolean {
  return faults.regionOutages.some((o) => o.region === region);
}
