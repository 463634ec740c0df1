/**
 * A rollout's board: status, elapsed and ETA, counts and the failure budget, then each wave with its
 * clusters (state, the step their run is on, how long, why it failed or was skipped) and the
 * controls that apply now. The host computes what needs the core's rules — `rolloutProgress`,
 * `rolloutControlEffects`, `clusterControlEffects` (core rollout/, not browser-safe) — and passes
 * them in; the board presents them and reports the user's choices through `onControl`.
 *
 * A control with `confirm` (abort, skip) is asked about once: by the host when it asks natively
 * (`confirmInHost`: VS Code's modal), else inline here with the same words (ConfirmControl).
 */
import { useState } from 'react';
import type { Rollout, RolloutCluster, RolloutControl, RolloutControlEffect, RolloutProgress } from '@switchyard/core';
import { ConfirmControl } from './ConfirmControl';
import { sendControl } from './send-control';
import { formatDuration } from './format';
import { statusTone } from './status-tone';
import { useNow } from './use-now';

export interface RolloutBoardProps {
  rollout: Rollout;
  /** `rolloutProgress(rollout, now)`. */
  progress: RolloutProgress;
  /** `rolloutControlEffects(rollout)`: the rollout-wide controls that apply now. None shown when omitted (read-only). */
  controls?: RolloutControlEffect[];
  /** `clusterControlEffects(rollout, cluster)` by cluster id. */
  clusterControls?: Record<string, RolloutControlEffect[]>;
  /** Sends a control (with the reason given, for one confirmed here); a rejected promise is shown. */
  onControl?: (control: RolloutControl) => void | Promise<unknown>;
  /** The host asks before a confirmed control itself, and sends it: the board only reports the click. */
  confirmInHost?: (effect: RolloutControlEffect) => void | Promise<unknown>;
  /** Opens a cluster's run (a link in the host); the run id is shown as text without it. */
  onOpenRun?: (runId: string) => void;
  /** Why controls are off (the host cannot write the store now); shown, buttons disabled. */
  unavailable?: string;
  /** Epoch ms for durations (tests, a host clock); default the browser's, ticking while runs move. */
  now?: number;
}

const ACTIVE: readonly string[] = ['starting', 'running', 'waiting'];

export function RolloutBoard(props: RolloutBoardProps) {
  const { rollout, progress, controls = [], clusterControls = {}, onControl, confirmInHost, onOpenRun, unavailable } = props;
  const [confirming, setConfirming] = useState<RolloutControlEffect | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const now = useNow(
    props.now,
    rollout.clusters.some((c) => ACTIVE.includes(c.status)),
  );
  const c = progress.counts;
  const b = progress.budget;

  const settle = (effect: RolloutControlEffect, send: () => void | Promise<unknown>) => {
    setFailure(null);
    setConfirming(null);
    sendControl(effect.label, send, { setBusy, setFailure });
  };
  const withReason = (control: RolloutControl, reason: string | undefined): RolloutControl =>
    control.action === 'skip' ? { ...control, reason: reason ?? '' } : reason ? { ...control, reason } : control;
  const click = (effect: RolloutControlEffect) => {
    if (!effect.confirm) return settle(effect, () => onControl?.(effect.control));
    if (confirmInHost) return settle(effect, () => confirmInHost(effect));
    setConfirming(effect);
  };
  const blocked = busy || Boolean(unavailable) || (!onControl && !confirmInHost);
  const button = (effect: RolloutControlEffect, key: string) => (
    <button
      key={key}
      type="button"
      className={`sy-button${effect.confirm ? ' sy-button--danger' : ''}`}
      title={effect.effects.join('\n')}
      disabled={blocked}
      onClick={() => click(effect)}
    >
      {effect.label}
    </button>
  );

  return (
    <section className="sy sy-rollout" aria-label={`Rollout ${rollout.id}`} data-testid="rollout" data-status={rollout.status}>
      <header className="sy-run__header">
        <h3 className="sy-run__title">{rollout.title}</h3>
        <span
          className={`sy-status sy-tone--${statusTone(rollout.status === 'halted' ? 'failed' : rollout.status)}`}
          data-testid="rollout-status"
        >
          {rollout.status}
        </span>
        <div className="sy-muted">
          {rollout.id} · {rollout.runbook.file} · started by {rollout.startedBy} · elapsed {formatDuration(progress.elapsedSeconds)} · ETA{' '}
          {progress.etaSeconds === undefined ? (rollout.endedAt ? '-' : 'after the first cluster') : formatDuration(progress.etaSeconds)}
        </div>
        {rollout.statusReason && (
          <div className="sy-rollout__reason" data-testid="rollout-reason">
            {rollout.statusReason}
          </div>
        )}
        <div className="sy-rollout__counts" data-testid="rollout-counts">
          {c.succeeded} succeeded · {c.running + c.starting} running · {c.waiting} waiting · {c.failed} failed · {c['guard-stopped']}{' '}
          guard-stopped · {c.skipped} skipped · {c.aborted} aborted · {c.pending} pending
        </div>
        <div className={b.spent ? 'sy-tone--error sy-rollout__budget' : 'sy-rollout__budget'} data-testid="rollout-budget">
          budget: failures {b.failed}/{b.failureLimit}, guard stops {b.guardStopped}/{b.guardStopLimit}
        </div>
      </header>
      {unavailable && (
        <div className="sy-muted" role="status">
          {unavailable}
        </div>
      )}
      {controls.length > 0 && (
        <div className="sy-actions" data-testid="rollout-controls">
          {controls.map((e) => button(e, `${e.control.action}:${e.label}`))}
        </div>
      )}
      {confirming && (
        <ConfirmControl
          key={`${confirming.control.action}:${confirming.cluster ?? ''}`}
          effect={{
            ...confirming,
            action: confirming.control.action,
            confirmLabel: confirming.label,
            subject: confirming.cluster ? 'a cluster' : 'a rollout',
          }}
          busy={blocked}
          onConfirm={(reason) => settle(confirming, () => onControl?.(withReason(confirming.control, reason)))}
          onCancel={() => setConfirming(null)}
        />
      )}
      {failure && (
        <div className="sy-field__error" role="alert">
          {failure}
        </div>
      )}
      {progress.waves.map((w) => (
        <section key={w.wave} className="sy-rollout__wave" aria-label={`Wave ${w.wave + 1}`} data-testid={`wave-${w.wave + 1}`}>
          <h4>
            Wave {w.wave + 1} ({w.size}){w.done ? ' · done' : ''}
            {w.wave === progress.currentWave ? ' · current' : ''}
          </h4>
          <ul className="sy-rollout__clusters">
            {rollout.clusters
              .filter((cl) => cl.wave === w.wave)
              .map((cl) => (
                <ClusterRow key={cl.id} cluster={cl} now={now} onOpenRun={onOpenRun}>
                  {(clusterControls[cl.id] ?? []).map((e) => button(e, `${e.control.action}:${cl.id}`))}
                </ClusterRow>
              ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

function ClusterRow({
  cluster: cl,
  now,
  onOpenRun,
  children,
}: {
  cluster: RolloutCluster;
  now: number;
  onOpenRun?: (runId: string) => void;
  children: React.ReactNode;
}) {
  const took = cl.startedAt ? ((cl.endedAt ? Date.parse(cl.endedAt) : now) - Date.parse(cl.startedAt)) / 1000 : undefined;
  const detail = cl.reason ?? (cl.status === 'running' || cl.status === 'waiting' ? cl.step : undefined);
  return (
    <li className="sy-rollout__cluster" data-testid={`cluster-${cl.id}`} data-status={cl.status}>
      <span className={`sy-badge sy-tone--${statusTone(cl.status === 'guard-stopped' ? 'failed' : cl.status)}`}>{cl.status}</span>{' '}
      <strong>{cl.id}</strong> <span className="sy-muted">{cl.region}</span>
      {took !== undefined && <span className="sy-muted"> · {formatDuration(Math.max(0, took))}</span>}
      {cl.retries > 0 && (
        <span className="sy-muted">
          {' '}
          · retried {cl.retries}×{cl.previousRuns?.length ? ` (earlier: ${cl.previousRuns.join(', ')})` : ''}
        </span>
      )}
      {cl.runId &&
        (onOpenRun ? (
          <button type="button" className="sy-link" onClick={() => onOpenRun(cl.runId!)}>
            {cl.runId}
          </button>
        ) : (
          <span className="sy-muted"> · {cl.runId}</span>
        ))}
      {children}
      {detail && <div className="sy-rollout__detail">{detail}</div>}
    </li>
  );
}
