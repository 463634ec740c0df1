import { useEffect, useRef } from 'react';

/** Calls `callback` every `ms` while `ms` is not null (the latest callback, without restarting the timer). */
export function useInterval(callback: () => void, ms: number | null): void {
  const saved = useRef(callback);
  saved.current = callback;
  useEffect(() => {
    if (ms === null) return undefined;
    const timer = setInterval(() => saved.current(), ms);
    return () => clearInterval(timer);
  }, [ms]);
}
