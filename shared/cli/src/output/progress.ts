import { activeSteps, declaredOutputs, isInProgress, parseRunbook, type Run, type RunEvent, type Runbook } from '@switchyard/core';
import { formatOutputs } from './outputs';

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const ICON: Record<string, string> = {
  succeeded: '✔',
  failed: '✖',
  skipped: '↷',
  cancelled: '■',
  'waiting-approval': '?',
};

const color = (code: number, text: string, enabled: boolean) => (enabled ? `\x1b[${code}m${text}\x1b[0m` : text);

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

/**
 * Human progress: one line per finished step with its duration; on a TTY the running step shows a
 * spinner and elapsed time on a line that is redrawn in place.
 */
export class ProgressPrinter {
  private frame = 0;
  private timer?: NodeJS.Timeout;
  private active?: { name: string; since: number; status: string; total: number; index: number };
  private lastLogCount = 0;
  private lastShown?: string;
  private runbook?: { runId: string; runbook: Runbook | undefined };

  constructor(
    private readonly out: NodeJS.WriteStream | NodeJS.WritableStream,
    private readonly tty: boolean,
  ) {}

  header(run: Run): void {
    const mode = run.dryRun ? ' (dry run: mutating calls are previewed, not sent)' : '';
    this.line(`${color(1, run.runbook.title, this.tty)} — run ${run.id}${mode}`);
    this.line(`  target ${run.target.endpoint} ${run.target.region}; started by ${run.startedBy}`);
  }

  onEvent(event: RunEvent, run: Run): void {
    const steps = activeSteps(run);
    switch (event.type) {
      case 'step': {
        const index = steps.findIndex((s) => s.id === event.stepId) + 1;
        const label = `[${index}/${steps.length}]${event.phase === 'rollback' ? ' rollback' : ''} ${event.name}`;
        if (event.status === 'running' || event.status === 'waiting') {
          this.active = {
            name: label,
            since: Date.parse(steps[index - 1]?.startedAt ?? event.at),
            status: event.status,
            total: steps.length,
            index,
          };
          this.startSpinner();
          const shown = `${event.stepId}:${event.phase}:${event.attempts}:${event.status}`;
          if (
            !this.tty &&
            this.lastShown !== shown &&
            !(event.status === 'running' && this.lastShown?.startsWith(`${event.stepId}:${event.phase}:${event.attempts}:`))
          ) {
            this.line(`… ${label}${event.status === 'waiting' ? ' (waiting)' : ''}`);
          }
          this.lastShown = shown;
          return;
        }
        this.clearSpinner();
        const icon = ICON[event.status] ?? '•';
        const tint = event.status === 'succeeded' ? 32 : event.status === 'failed' ? 31 : 33;
        const duration = event.durationMs !== undefined ? ` (${formatDuration(event.durationMs)})` : '';
        this.line(`${color(tint, icon, this.tty)} ${label}${duration}`);
        if (event.error) for (const l of event.error.split('\n')) this.line(`    ${color(31, l, this.tty)}`);
        if (event.status === 'succeeded') this.outputs(run, event.stepId, event.phase);
        if (event.reason) this.line(`    ${color(33, `skipped: ${event.reason}`, this.tty)}`);
        if (event.status !== 'waiting-approval') this.active = undefined;
        else this.active = undefined;
        return;
      }
      case 'log':
        this.clearSpinner();
        if (event.line.level !== 'error') this.line(`    ${color(2, event.line.text, this.tty)}`);
        this.lastLogCount++;
        if (this.active) this.startSpinner();
        return;
      case 'approval':
        this.clearSpinner();
        this.line(
          `    ${color(33, `approval needed${event.request.fourEyes ? ' (four eyes: not the starter)' : ''}: ${event.request.message}`, this.tty)}`,
        );
        return;
      case 'run':
        if (!isInProgress(event.status) || event.phase === 'rollback') {
          this.clearSpinner();
          const tint = event.status === 'succeeded' || event.status === 'rolled-back' ? 32 : event.status === 'running' ? 33 : 31;
          this.line(
            color(
              tint,
              `run ${event.status}${event.phase === 'rollback' && event.status === 'running' ? ' (rolling back)' : ''}`,
              this.tty,
            ),
          );
        }
        return;
    }
  }

  /** The outputs the runbook declares for the step (`output:`, an aws line's `--query`), as the run recorded them (secrets scrubbed). */
  private outputs(run: Run, stepId: string, phase: string): void {
    const runbook = this.runbookOf(run);
    const step = (phase === 'rollback' ? run.rollbackSteps : run.steps).find((s) => s.id === stepId);
    if (!runbook || !step) return;
    for (const l of formatOutputs(declaredOutputs(runbook, step))) this.line(`    ${color(36, l, this.tty)}`);
  }

  private runbookOf(run: Run): Runbook | undefined {
    if (this.runbook?.runId !== run.id) {
      this.runbook = { runId: run.id, runbook: parseRunbook(run.runbook.file, run.runbook.source).runbook };
    }
    return this.runbook.runbook;
  }

  stop(): void {
    this.clearSpinner();
  }

  private startSpinner(): void {
    if (!this.tty || this.timer) return;
    this.timer = setInterval(() => this.draw(), 100);
    this.timer.unref();
  }

  private draw(): void {
    if (!this.active) return;
    const elapsed = formatDuration(Date.now() - this.active.since);
    const bar = `${'█'.repeat(this.active.index - 1)}${'░'.repeat(this.active.total - this.active.index + 1)}`;
    this.out.write(
      `\r\x1b[2K${SPINNER[this.frame++ % SPINNER.length]} ${bar} ${this.active.name} ${color(2, `${this.active.status} ${elapsed}`, true)}`,
    );
  }

  private clearSpinner(): void {
    if (this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
      this.out.write('\r\x1b[2K');
    }
  }

  private line(text: string): void {
    this.out.write(`${text}\n`);
  }
}
