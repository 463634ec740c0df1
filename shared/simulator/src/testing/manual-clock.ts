import type { SimClock } from '../world';

/**
 * A simulator clock that moves only when the test moves it. The simulator applies transitions
 * lazily from its clock, so with this clock a transition finishes exactly when the test says —
 * never between two requests of a slow machine — and a test can read every intermediate state.
 */
export class ManualClock implements SimClock {
  private current: number;

  constructor(start = Date.now()) {
    this.current = start;
  }

  readonly now = (): number => this.current;

  /** Moves time forward by `ms` milliseconds of clock time (AWS time divided by the time scale). */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new Error(`a clock only moves forward; got ${ms} ms`);
    this.current += ms;
  }
}
