import { useEffect, useRef, useState } from 'react';
import { globalRole } from '@switchyard/core/model';
import { CostSummary, LintFindings, RunView, RunbookParamsForm, TopologyDiagram } from '@switchyard/ui';
import type { PanelState, PostedControl, ToWebview } from './protocol';
import { host } from './vscode-api';

/** The cluster panel: the shared components fed with the state the extension sends. */
export function PanelApp() {
  const [state, setState] = useState<PanelState>();
  const [highlight, setHighlight] = useState<string[]>([]);
  const [showContext, setShowContext] = useState(false);
  const runSection = useRef<HTMLElement>(null);
  const shownForm = useRef<string | undefined>(undefined);
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

  // The run comes first: a newly shown start form or run is scrolled to and its first field focused.
  const focusKey = state
    ? state.selectedRunbook
      ? `form:${state.selectedRunbook}`
      : state.run
        ? `run:${state.run.id}`
        : 'choose'
    : undefined;
  useEffect(() => {
    if (!focusKey || focusKey === shownForm.current) return;
    shownForm.current = focusKey;
    const section = runSection.current;
    section?.scrollIntoView({ block: 'start' });
    if (!focusKey.startsWith('run:')) section?.querySelector<HTMLElement>('input, select')?.focus();
  }, [focusKey]);

  if (!state) return <p className="sy sy-muted">Loading…</p>;

  const act = (runId: string) => (control: PostedControl) =>
    new Promise<void>((resolve, reject) => {
      const requestId = nextId.current++;
      pending.current.set(requestId, { resolve, reject });
      host.postMessage({ type: 'action', requestId, runId, control });
    });
  const selected = state.runbooks.find((r) => r.id === state.selectedRunbook);
  const topology = state.topology.status === 'ready' ? state.topology.value : null;

  const disconnected = state.disconnected;
  // A Global Database secondary has no writer by design: it is promoted, not failed over.
  const self = state.clusters.find((c) => c.clusterId === state.clusterId);
  const secondaryOf = self && globalRole(self) === 'secondary' ? self.globalClusterId : undefined;
  const permissions = { approve: !disconnected, control: !disconnected, user: state.user };

  return (
    <main className="sy sy-panel">
      <header className="sy-panel__header">
        <h2>{state.clusterId ?? 'Run'}</h2>
        <span
          className={`sy-target-badge ${state.target.sandbox ? '' : 'sy-target-badge--aws'}`}
          data-testid="panel-target"
          title={state.target.sandbox ? 'The local simulator: nothing real changes' : 'A real AWS account: changes are real'}
        >
          {state.target.sandbox ? 'SANDBOX' : `REAL AWS · ${state.target.label}`}
        </span>
        {secondaryOf && (
          <span className="sy-target-badge" data-testid="panel-global-secondary" title="Read-only until promoted (no writer by design)">
            Global secondary of {secondaryOf}
          </span>
        )}
        <span className="sy-muted">
          {state.target.region} · you are {state.user}
        </span>
        <button type="button" className="sy-button" disabled={Boolean(disconnected)} onClick={() => host.postMessage({ type: 'refresh' })}>
          Refresh
        </button>
      </header>

      {disconnected && (
        <p className="sy-banner" role="alert" data-testid="panel-disconnected">
          {disconnected}
        </p>
      )}
      {state.confirmations.map((c) => (
        <p key={c.id} className="sy-banner" role="status" data-testid="panel-confirmation" data-phase={c.phase}>
          {c.phase === 'asking' ? (
            <>
              Awaiting your confirmation: <strong>{c.action}</strong> ({c.where}). Nothing is sent until you answer the dialog.
            </>
          ) : (
            <>
              Paused: you declined <strong>{c.action}</strong> ({c.where}); nothing was sent. The step waits — ask again, or abort the run.
              <button type="button" className="sy-button" onClick={() => host.postMessage({ type: 'askAgain', id: c.id })}>
                Ask again
              </button>
            </>
          )}
        </p>
      ))}

      <section aria-label="Run" data-testid="panel-run" ref={runSection}>
        {state.run && !selected && (
          <>
            <RunView
              run={state.run}
              permissions={permissions}
              onAction={act(state.run.id)}
              // Abort, Roll back, Skip and Reject are asked in VS Code's own modal (the extension asks, then sends): once.
              confirmInHost={(action) => act(state.run!.id)({ action })}
            />
            {!disconnected && (
              <button type="button" className="sy-button" onClick={() => host.postMessage({ type: 'newRun' })}>
                New run…
              </button>
            )}
          </>
        )}
        {(!state.run || selected) && !disconnected && (
          <>
            <h3>Start a run</h3>
            <label className="sy-field">
              Runbook{' '}
              <select
                className="sy-select"
                data-testid="runbook-select"
                value={state.selectedRunbook ?? ''}
                onChange={(e) => host.postMessage({ type: 'selectRunbook', runbookId: e.target.value })}
              >
                <option value="" disabled>
                  Choose a runbook…
                </option>
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

      {state.clusterId && (
        <details
          className="sy-panel__context"
          data-testid="panel-context"
          open={showContext}
          onToggle={(e) => setShowContext((e.target as HTMLDetailsElement).open)}
        >
          <summary>Topology and cost of {state.clusterId}</summary>
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
        </details>
      )}
    </main>
  );
}
