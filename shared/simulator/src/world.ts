import { advance } from './model/advance';
import type { ModelContext } from './model/context';
import type { SimState } from './model/types';

/** Where "now" comes from: the wall clock, or a manual clock in tests. */
export interface SimClock {
  now(): number;
}

export const wallClock: SimClock = { now: () => Date.now() };

/**
 * The simulated AWS account: state plus clock. State advances lazily: every read or write first
 * applies the transitions that are due, so nothing runs between requests and no timers exist.
 */
export class SimulatorWorld {
  constructor(
    public state: SimState,
    readonly clock: SimClock,
    readonly timeScale: number,
  ) {
    if (!(timeScale > 0)) throw new Error(`timeScale must be positive, got ${timeScale}`);
  }

  /** The model context at the current time, after applying every due transition. */
  context(): ModelContext {
    const ctx: ModelContext = { state: this.state, now: this.clock.now(), timeScale: this.timeScale };
    advance(ctx);
    return ctx;
  }
}
