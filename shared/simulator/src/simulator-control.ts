import { applyFault, clearFaults, type FaultRequest } from './model/fault-actions';
import type { FaultSet } from './model/faults';
import { cloneState, validateState } from './model/state-file';
import type { SimState } from './model/types';
import type { RequestLog, RequestLogEntry } from './server/request-log';
import type { Throttler } from './server/throttle';
import type { SimulatorWorld } from './world';

export interface SimulatorHealth {
  ok: true;
  now: string;
  timeScale: number;
  clusters: number;
  instances: number;
}

/** Test and demo control over a running simulator: state, faults, request log. */
export interface SimulatorControl {
  readonly timeScale: number;
  health(): SimulatorHealth;
  /** A JSON snapshot of the current state (transitions due by now applied). */
  saveState(): SimState;
  /** Replaces the state (e.g. one saved earlier). */
  loadState(state: SimState): void;
  /** Back to the fleet the simulator started with; faults and the request log are cleared. */
  reset(): void;
  injectFault(fault: FaultRequest): void;
  clearFaults(): void;
  faults(): FaultSet;
  /** Requests received so far, oldest first. */
  requests(): RequestLogEntry[];
  clearRequests(): void;
}

export class WorldControl implements SimulatorControl {
  constructor(
    private readonly world: SimulatorWorld,
    private readonly initial: SimState,
    private readonly log: RequestLog,
    private readonly throttler: Throttler,
  ) {}

  get timeScale(): number {
    return this.world.timeScale;
  }

  health(): SimulatorHealth {
    const { state, now } = this.world.context();
    return {
      ok: true,
      now: new Date(now).toISOString(),
      timeScale: this.world.timeScale,
      clusters: state.clusters.length,
      instances: state.instances.length,
    };
  }

  saveState(): SimState {
    return cloneState(this.world.context().state);
  }

  loadState(state: SimState): void {
    this.world.state = validateState(state);
    this.throttler.reset();
  }

  reset(): void {
    this.world.state = cloneState(this.initial);
    this.throttler.reset();
    this.log.clear();
  }

  injectFault(fault: FaultRequest): void {
    applyFault(this.world.context(), fault);
  }

  clearFaults(): void {
    clearFaults(this.world.context());
    this.throttler.reset();
  }

  faults(): FaultSet {
    return structuredClone(this.world.context().state.faults);
  }

  requests(): RequestLogEntry[] {
    return this.log.list();
  }

  clearRequests(): void {
    this.log.clear();
  }
}
