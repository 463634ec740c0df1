/** Thrown inside executors when an operator took the run elsewhere (abort, rollback, skip). */
export class RunInterrupted extends Error {
  constructor() {
    super('run interrupted by an operator');
    this.name = 'RunInterrupted';
  }
}

/** Sleeps, but wakes up early (rejecting) when the run is aborted. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new RunInterrupted());
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new RunInterrupted());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
