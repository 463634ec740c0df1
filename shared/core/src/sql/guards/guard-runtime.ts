/** What a data guard needs besides SQL: the run's abort signal and a way to wait (tests make it instant). */
export interface GuardRuntime {
  signal?: AbortSignal;
  sleep(ms: number): Promise<void>;
}

export function defaultSleep(signal?: AbortSignal): (ms: number) => Promise<void> {
  return (ms) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
}
