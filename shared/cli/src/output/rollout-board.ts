/**
 * The rollout's terminal board: a header (status, elapsed, ETA, budget), one line per wave with its
 * counts, and per cluster its state, the step its run is on and how long it has taken. On a
 * terminal it is redrawn in place; elsewhere (a log, CI) a line is printed per cluster change.
 */
import { rolloutProgress, type Rollout, type RolloutCluster } from '@switchyard/core';

const MARK: Record<RolloutCluster['status'], string> = {
  pending: '·',
  starting: '…',
  running: '▶',
  waiting: '⏸',
  succeeded: '✓',
  failed: '✗',
  'guard-stopped': '⛔',
  aborted: '■',
  skipped: '↷',
};

export function formatSeconds(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** The whole board as lines (pure: the same rollout and time give the same text). */
export function boardLines(rollout: Rollout, now: Date): string[] {
  const p = rolloutProgress(rollout, now);
  const c = p.counts;
  const lines = [
    `rollout ${rollout.id} · ${rollout.title}`,
    `${rollout.status}${rollout.statusReason ? ` (${rollout.statusReason})` : ''} · elapsed ${formatSeconds(p.elapsedSeconds)}` +
      ` · ETA ${p.etaSeconds === undefined ? (rollout.endedAt ? '-' : 'after the first cluster') : formatSeconds(p.etaSeconds)}`,
    `${c.succeeded} succeeded · ${c.running + c.starting} running · ${c.waiting} waiting · ${c.failed} failed · ${c['guard-stopped']} guard-stopped · ` +
      `${c.skipped} skipped · ${c.aborted} aborted · ${c.pending} pending   budget: failures ${p.budget.failed}/${p.budget.failureLimit}, guard stops ${p.budget.guardStopped}/${p.budget.guardStopLimit}`,
  ];
  for (const w of p.waves) {
    const here = w.wave === p.currentWave ? ' ◀' : '';
    lines.push(`wave ${w.wave + 1} (${w.size})${w.done ? ' done' : ''}${here}`);
    for (const cl of rollout.clusters.filter((x) => x.wave === w.wave)) {
      const took = cl.startedAt
        ? formatSeconds(((cl.endedAt ? Date.parse(cl.endedAt) : now.getTime()) - Date.parse(cl.startedAt)) / 1000)
        : '';
      const detail = cl.reason ?? (cl.status === 'running' || cl.status === 'waiting' ? cl.step : undefined);
      lines.push(`  ${MARK[cl.status]} ${cl.id.padEnd(24)} ${cl.status.padEnd(13)} ${took.padStart(6)}${detail ? `  ${detail}` : ''}`);
    }
  }
  return lines;
}

/** Draws the board: redrawn in place on a terminal (at most every `intervalMs`), a line per cluster change elsewhere. */
export class RolloutBoard {
  private drawn = 0;
  private last?: Rollout;
  private timer?: NodeJS.Timeout;
  private readonly seen = new Map<string, string>();

  constructor(
    private readonly out: NodeJS.WriteStream | NodeJS.WritableStream,
    private readonly tty: boolean,
    private readonly intervalMs = 500,
  ) {}

  update(rollout: Rollout): void {
    this.last = rollout;
    if (!this.tty) {
      for (const c of rollout.clusters) {
        const line = `${c.status}${c.step && (c.status === 'running' || c.status === 'waiting') ? `: ${c.step}` : ''}`;
        if (this.seen.get(c.id) === line) continue;
        this.seen.set(c.id, line);
        if (c.status !== 'pending') this.out.write(`${c.id}: ${line}${c.reason ? ` (${c.reason})` : ''}\n`);
      }
      return;
    }
    this.timer ??= setInterval(() => this.draw(), this.intervalMs);
    this.draw();
  }

  /** Stops redrawing; the last board stays on screen (and is printed in full once off a terminal). */
  stop(final = true): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.last && final) {
      if (this.tty) this.draw();
      else this.out.write(`${boardLines(this.last, new Date()).join('\n')}\n`);
    }
  }

  private draw(): void {
    if (!this.last) return;
    const lines = boardLines(this.last, new Date());
    // Move up over the previous board and clear it, then draw.
    if (this.drawn) this.out.write(`\x1b[${this.drawn}A\x1b[J`);
    this.out.write(`${lines.join('\n')}\n`);
    this.drawn = lines.length;
  }
}
