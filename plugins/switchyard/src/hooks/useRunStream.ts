import { useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import type { Run } from '@switchyard/core';
import { switchyardApiRef } from '../api/SwitchyardApi';

export interface RunStream {
  run: Run | undefined;
  /** Set while the stream is down and being re-opened. */
  reconnecting: string | undefined;
  /** A failure reconnecting will not fix (the run is gone, or the user may not see it). */
  error: Error | undefined;
  /** Replace the shown snapshot (e.g. with the answer to an action) until the stream sends a newer one. */
  accept(run: Run): void;
}

/** The live state of one run over server-sent events; newer versions always win. */
export function useRunStream(runId: string | undefined): RunStream {
  const api = useApi(switchyardApiRef);
  const [run, setRun] = useState<Run>();
  const [reconnecting, setReconnecting] = useState<string>();
  const [error, setError] = useState<Error>();

  useEffect(() => {
    setRun(undefined);
    setError(undefined);
    setReconnecting(undefined);
    if (!runId) return undefined;
    return api.watchRun(runId, {
      onRun: (next) => {
        setReconnecting(undefined);
        setRun((prev) => (prev && prev.id === next.id && prev.version > next.version ? prev : next));
      },
      onReconnecting: (attempt, cause) => setReconnecting(`Live updates interrupted (${cause.message}); reconnecting, attempt ${attempt}…`),
      onError: setError,
    });
  }, [api, runId]);

  const accept = (next: Run) => setRun((prev) => (prev && prev.id === next.id && prev.version > next.version ? prev : next));
  return { run, reconnecting, error, accept };
}
