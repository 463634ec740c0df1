import type { SimState } from './types';

/**
 * What every model function works on: the state, the simulator clock's current time, and the
 * time scale that shortens every AWS duration.
 */
export interface ModelContext {
  state: SimState;
  /** Epoch ms on the simulator clock. */
  now: number;
  /** Simulated durations are divided by this (1 = real time). */
  timeScale: number;
}

/** Wall-clock milliseconds a simulated AWS duration takes at this time scale. */
export function scaled(ctx: ModelContext, simulatedMs: number): number {
  return simulatedMs / ctx.timeScale;
}
