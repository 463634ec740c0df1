import { useEffect, useRef, useState } from 'react';
import type { RunControl } from '@switchyard/core/model';
import { CostSummary, LintFindings, RunView, RunbookParamsForm, TopologyDiagram } from '@switchyard/ui';
import type { PanelState, ToWebview } from './protocol';
import { host } from './vscode-api';

/** The cluster panel: the shared components fed with the state the extension sends. */
export function PanelApp() {
  const [state, setState] = useState<PanelState>();
  const [highlight, setHighlight] = useState<string[]>([]);
  const pending = useRef(new Map<number, { resolve: () => void; reject: (e: Error) => void }>());
  const nextId = useRef(1);

  useEffect(() => {
    const onMessage = (event: MessageEvent<ToWebview>) => {
      const message = event.data;
      if (message.type === 'state') {
        setState(message.state);
        const { target, clusterId, run } = message.state;
        host.setState({ targetId: target.id, clusterId, runId: run?.id });
      }
      if (message.type === 'actionResult') {
        const waiter = pending.current.get(message.requestId);
        pending.current.delete(message.requestId);
        if (message.error) waiter?.reject(new Error(message.error));
        else waiter?.resolve();
      }
    };
    window.addEventListener('message', onMessage);
    host.postMessage({ type: 'ready' });
    return () => window.removeEventListener('message', onMessage);
  }, []);

  if (!state) return <p className="sy sy-muted">Loading…</p>;

  const act = (runId: string) => (control: RunControl) =>
    new Promise<void>((resolve, reject) => {
      const requestId = nextId.current++;
      pending.current.set(requestId, { resolve, reject });
      host.postMessage({ type: 'action', requestId, runId, control });
    });
  const selected = state.runbooks.find((r) => r.id === state.selectedRunbook);
  const topology = state.topology.status === 'ready' ? state.topology.value : null;

  return (
    <main className="sy sy-panel">
      <header className="sy-panel__header">
        <h2>{state.clusterId ?? 'Run'}</h2>
        <span className="sy-muted">
          {state.target.label} · {state.target.region} · you are {state.user}
        </span>
        <button type="button" className="sy-button" onClick={() => host.postMessage({ type: 'refresh' })}>
          Refresh
        </button>
      </header>

      {state.clusterId && (
        <section aria-label="Topology" data-testid="panel-topology">
          {state.topology.status === 'loading' && <p className="sy-muted">Reading the topology…</p>}
          {state.topology.status === 'error' && (
            <p className="sy-error" role="alert">
              Could not read the topology: {state.topology.message}
            </p>
          )}
          {topology && <TopologyDiagram topology={topology} highlight={highlight} />}
          {topology && <LintFindings findings={topology.findings} onHighlight={setHighlight} />}
        </section>
      )}

      {state.clusterId && (
        <section aria-label="Cost" data-testid="panel-cost">
          <h3>Cost of parallel environments</h3>
          {state.cost.status === 'loading' && <p className="sy-muted">Estimating…</p>}
          {state.cost.status === 'error' && <p className="sy-error">Could not estimate the cost: {state.cost.message}</p>}
          {state.cost.status === 'ready' &&
            (state.cost.value.environments.length ? (
              <CostSummary {...state.cost.value} />
            ) : (
              <p className="sy-muted">No parallel environment (Blue/Green green or old blue) for this cluster.</p>
            ))}
        </section>
      )}

      <section aria-label="Run" data-testid="panel-run">
        {state.run && !selected && (
          <>
            <RunView run={state.run} permissions={{ approve: true, control: true, user: state.user }} onAction={act(state.run.id)} />
            <button type="button" className="sy-button" onClick={() => host.postMessage({ type: 'newRun' })}>
              New run…
            </button>
          </>
        )}
        {(!state.run || selected) && (
          <>
            <h3>Start a run</h3>
            <label className="sy-field">
              Runbook{' '}
              <select
                className="sy-select"
                value={state.selectedRunbook ?? ''}
                onChange={(e) => host.postMessage({ type: 'selectRunbook', runbookId: e.target.value })}
              >
                <option value="">Choose a runbook…</option>
                {state.runbooks.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.title}
                  </option>
                ))}
              </select>
            </label>
            {selected && state.startFrom && (
              <p className="sy-muted" data-testid="start-from">
                Starts at “{state.startFrom}”: the steps above are recorded as skipped, not run.
              </p>
            )}
            {selected && (
              <RunbookParamsForm
                key={`${selected.id}|${JSON.stringify(state.prefill)}`}
                runbook={{
                  ...selected,
                  params: selected.params.map((p) => (state.prefill[p.name] ? { ...p, default: state.prefill[p.name] } : p)),
                }}
                topology={topology}
                clusters={state.clusters}
                allowDryRun
                submitting={state.starting}
                error={state.startError}
                onSubmit={(params, options) => host.postMessage({ type: 'start', runbookId: selected.id, params, dryRun: options.dryRun })}
              />
            )}
          </>
        )}
      </section>
    </main>
  );
}
