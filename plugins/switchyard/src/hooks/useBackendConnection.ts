import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { switchyardApiRef } from '../api/SwitchyardApi';
import { useInterval } from './useInterval';

/** How often the page asks whether the backend is still there. */
export const HEALTH_POLL_MS = 5000;

export interface BackendConnection {
  /** False once a health check failed, until one succeeds again. */
  connected: boolean;
  /** When the backend stopped answering (ISO), and why. */
  since?: string;
  cause?: string;
}

/**
 * Whether the Switchyard backend still answers. A page whose backend has gone shows data that no
 * longer moves: the page says so and disables what would be sent to it.
 */
export function useBackendConnection(pollMs: number = HEALTH_POLL_MS): BackendConnection {
  const api = useApi(switchyardApiRef);
  const [state, setState] = useState<BackendConnection>({ connected: true });
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );
  const check = useCallback(() => {
    api.health().then(
      () => mounted.current && setState({ connected: true }),
      (e: Error) =>
        mounted.current &&
        setState((prev) =>
          prev.connected ? { connected: false, since: new Date().toISOString(), cause: e.message } : { ...prev, cause: e.message },
        ),
    );
  }, [api]);
  useEffect(check, [check]);
  useInterval(check, pollMs);
  return state;
}
