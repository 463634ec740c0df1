/** One step of a run: status icon, name, duration (live while it runs), and its output and log behind a disclosure. */
import type { StepRun, StepStatus, WaitProgress } from '@switchyard/core';
import { isStepLive } from '@switchyard/core/model';
import { formatDuration, formatTime } from './format';
import { statusTone } from './status-tone';
import { Time } from './Time';

const ICON: Record<StepStatus, string> = {
  pending: '○',
  running: '◐',
  waiting: '◔',
  'waiting-approval': '‖',
  succeeded: '✔',
  failed: '✖',
  skipped: '↷',
  cancelled: '⊘',
};

export function stepIsLive(step: StepRun): boolean {
  return isStepLive(step.status) && !!step.startedAt && !step.endedAt;
}

/** Seconds the step has taken: to its end, or to `now` while it is still live; null before it starts. */
export function stepSeconds(step: StepRun, now: number): number | null {
  if (!step.startedAt) return null;
  const end = step.endedAt ? Date.parse(step.endedAt) : stepIsLive(step) ? now : null;
  return end === null ? null : Math.max(0, (end - Date.parse(step.startedAt)) / 1000);
}

function outputText(output: unknown): string | null {
  if (output === undefined || output === null) return null;
  return typeof output === 'string' ? output : JSON.stringify(output, null, 2);
}

/** A wait as it goes: what it waits for, what it saw last, and the time left before it gives up. */
function WaitProgressLine({ progress, now }: { progress: WaitProgress; now: number }) {
  const left = Math.max(0, (Date.parse(progress.deadline) - now) / 1000);
  return (
    <div className="sy-step__wait" data-testid="wait-progress">
      <div>
        Waiting until <span className="sy-step__condition">{progress.condition}</span>
      </div>
      {progress.observed.length > 0 && (
        <div className="sy-muted">
          Latest (<Time iso={progress.checkedAt} mode="clock" />, poll {progress.polls}): {progress.observed.join(', ')}
        </div>
      )}
      <div className="sy-muted">
        {progress.holdingSince && `Holding for ${formatDuration(Math.max(0, (now - Date.parse(progress.holdingSince)) / 1000))}; `}
        {left > 0 ? `gives up in ${formatDuration(left)}` : 'time is up: the step fails at the next poll'} (at{' '}
        <Time iso={progress.deadline} mode="clock" />)
      </div>
    </div>
  );
}

export function StepItem({ step, now, current }: { step: StepRun; now: number; current: boolean }) {
  const seconds = stepSeconds(step, now);
  const output = outputText(step.output);
  // The engine logs a step's failure as its last line; it is shown once, as the step's error above the log.
  const log = step.error && step.log.at(-1)?.level === 'error' && step.log.at(-1)?.text === step.error ? step.log.slice(0, -1) : step.log;
  const details = log.length > 0 || output !== null;
  return (
    <li
      className={`sy-step sy-tone--${statusTone(step.status)}${current ? ' sy-step--current' : ''}`}
      data-testid={`step-${step.id}`}
      data-status={step.status}
      aria-current={current ? 'step' : undefined}
    >
      <div className="sy-step__head">
        <span className="sy-step__icon" role="img" aria-label={step.status}>
          {ICON[step.status]}
        </span>
        <span className="sy-step__name">{step.name}</span>
        {step.mutating && <span className="sy-badge sy-badge--mutating">changes AWS</span>}
        {step.attempts > 1 && <span className="sy-badge">attempt {step.attempts}</span>}
        {seconds !== null && (
          <span className="sy-step__duration" data-testid={`step-${step.id}-duration`}>
            {formatDuration(seconds)}
          </span>
        )}
      </div>
      {step.error && <div className="sy-step__error">{step.error}</div>}
      {step.skipReason && <div className="sy-muted">skipped: {step.skipReason}</div>}
      {step.status === 'waiting' && step.waitProgress && <WaitProgressLine progress={step.waitProgress} now={now} />}
      {step.inFlight && (
        <div className="sy-muted">
          in flight: {step.inFlight.service} {step.inFlight.operation} (sent {formatTime(step.inFlight.sentAt)})
        </div>
      )}
      {details && (
        <details className="sy-step__details" open={current && (step.status === 'failed' || stepIsLive(step))}>
          <summary>
            Output and log ({log.length} line{log.length === 1 ? '' : 's'})
          </summary>
          {log.length > 0 && (
            <ol className="sy-log" aria-label={`Log of ${step.name}`}>
              {log.map((line, i) => (
                <li key={i} className={`sy-log__line sy-log--${line.level}`}>
                  <time dateTime={line.at}>{line.at.slice(11, 19)}</time> {line.text}
                </li>
              ))}
            </ol>
          )}
          {output !== null && (
            <pre className="sy-output" aria-label={`Output of ${step.name}`}>
              {output}
            </pre>
          )}
        </details>
      )}
    </li>
  );
}
