import { useEffect, useRef, useState } from 'react';
import { RolloutBoard } from '@switchyard/ui';
import type { RolloutControl } from '@switchyard/core';
import type { FromRolloutWebview, RolloutMemento, RolloutViewState, ToRolloutWebview } from '../rollouts/rollout-protocol';

export interface RolloutHost {
  postMessage(message: FromRolloutWebview): void;
  /** Kept by VS Code across a window reload: the serializer reopens the board on this rollout. */
  setState(memento: RolloutMemento): void;
}

/** The rollout panel: the shared RolloutBoard fed with the state the extension sends; the extension asks before abort and skip. */
export function RolloutApp({ host }: { host: RolloutHost }) {
  const [state, setState] = useState<RolloutViewState>();
  const [notice, setNotice] = useState<string>();
  const [gone, setGone] = useState<string>();
  const pending = useRef(new Map<number, { resolve: () => void; reject: (e: Error) => void }>());
  const nextId = useRef(1);

  useEffect(() => {
    const onMessage = (event: MessageEvent<ToRolloutWebview>) => {
      const message = event.data;
      if (message.type === 'state') {
        setState(message.state);
        host.setState({ storeDir: message.state.storeDir, rolloutId: message.state.rollout.id });
      }
      if (message.type === 'gone') setGone(message.message);
      if (message.type === 'controlResult') {
        const waiter = pending.current.get(message.requestId);
        pending.current.delete(message.requestId);
        if (message.message) setNotice(message.message);
        if (message.error) waiter?.reject(new Error(message.error));
        else waiter?.resolve();
      }
    };
    window.addEventListener('message', onMessage);
    host.postMessage({ type: 'ready' });
    return () => window.removeEventListener('message', onMessage);
  }, [host]);

  if (!state && gone)
    return (
      <p className="sy sy-panel" role="alert" data-testid="rollout-gone">
        {gone}
      </p>
    );
  if (!state) return <p className="sy sy-muted">Loading…</p>;
  const send = (control: RolloutControl) =>
    new Promise<void>((resolve, reject) => {
      const requestId = nextId.current++;
      pending.current.set(requestId, { resolve, reject });
      setNotice(undefined);
      host.postMessage({ type: 'control', requestId, control });
    });

  return (
    <main className="sy sy-panel">
      <RolloutBoard
        rollout={state.rollout}
        progress={state.progress}
        controls={state.controls}
        clusterControls={state.clusterControls}
        onControl={send}
        confirmInHost={(effect) => send(effect.control)}
        unavailable={state.unavailable}
      />
      {notice && (
        <p className="sy-muted" role="status" data-testid="rollout-notice">
          {notice}
        </p>
      )}
      <p className="sy-muted">
        Store: {state.storeDir}. Resume, retry and approve are carried out by the process driving the rollout; drive it on in a terminal
        with <code data-testid="rollout-resume">{state.resumeCommand}</code>
      </p>
    </main>
  );
}
