/** The current time for live durations: the host's `now` when given, else a one-second tick while `live`. */
import { useEffect, useState } from 'react';

export function useNow(given: number | undefined, live: boolean): number {
  const [tick, setTick] = useState(() => Date.now());
  useEffect(() => {
    if (given !== undefined || !live) return;
    setTick(Date.now());
    const timer = setInterval(() => setTick(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [given, live]);
  return given ?? tick;
}
