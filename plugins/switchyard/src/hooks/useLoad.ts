import { useCallback, useEffect, useRef, useState } from 'react';

export interface Loaded<T> {
  value: T | undefined;
  error: Error | undefined;
  loading: boolean;
  /** Loads again, keeping the current value on screen until the new one arrives (no flicker). */
  reload(): void;
}

/** Runs `load` when `key` changes and on `reload()`; drops answers that arrive after a newer request. */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [state, setState] = useState<{ value?: T; error?: Error; loading: boolean }>({ loading: true });
  const latest = useRef(0);
  const loader = useRef(load);
  loader.current = load;

  const run = useCallback(() => {
    const ticket = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    loader.current().then(
      (value) => ticket === latest.current && setState({ value, loading: false }),
      (error: Error) => ticket === latest.current && setState((s) => ({ value: s.value, error, loading: false })),
    );
  }, []);

  useEffect(() => {
    setState({ loading: true });
    run();
  }, [key, run]);

  return { value: state.value, error: state.error, loading: state.loading, reload: run };
}
