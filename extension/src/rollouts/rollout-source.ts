/**
 * The rollouts VS Code shows: those in the run stores the CLI writes (`switchyard rollout` keeps
 * them in `./.switchyard` of the folder it runs in, or `--store DIR`) — the workspace folders'
 * `.switchyard` and the directories of the `switchyard.rollouts.stores` setting. The extension's
 * own runs live in its global storage, where no rollout is ever started, so it reads these.
 *
 * It reads rollouts and writes controls (the core's transition, compare-and-set); it does not drive
 * them: the process that drives a rollout (`switchyard rollout start|resume`) carries a control out,
 * and one that is resting (halted, paused, awaiting approval) is driven on by `switchyard rollout
 * resume ID`. No vscode import: tested without an editor.
 */
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import {
  clusterControlEffects,
  compareRolloutsNewestFirst,
  FileRunStore,
  ROLLOUT_PAGE_DEFAULT,
  RolloutDriver,
  rolloutControlEffects,
  rolloutProgress,
  RunHost,
  type Actor,
  type Rollout,
  type RolloutControl,
  type RolloutControlEffect,
  type RolloutSummary,
  type UnreleasedRun,
} from '@switchyard/core';
import type { RolloutViewState } from './rollout-protocol';

export interface RolloutEntry {
  /** The store's directory (absolute). */
  storeDir: string;
  summary: RolloutSummary;
}

export interface ControlOutcome {
  rollout: Rollout;
  /** What to tell the person: who carries it out, what is left to do. */
  message: string;
  /** Runs a skip or retry should have released and could not from here. */
  unreleased: UnreleasedRun[];
}

/** The store directories to read: each workspace folder's `.switchyard`, then the configured ones (relative to the first folder). */
export function rolloutStoreDirs(workspaceFolders: string[], configured: string[]): string[] {
  const dirs = [
    ...workspaceFolders.map((f) => path.join(f, '.switchyard')),
    ...configured.filter((d) => d.trim()).map((d) => path.resolve(workspaceFolders[0] ?? process.cwd(), d.trim())),
  ];
  return [...new Set(dirs)].filter((d) => existsSync(d) && statSync(d).isDirectory());
}

/** The `switchyard rollout resume` line that drives a rollout on, with the AWS target its runs were started on. */
export function resumeCommand(rollout: Pick<Rollout, 'id' | 'target'>, storeDir: string): string {
  const at = rollout.target.lastIndexOf('@');
  const endpoint = at > 0 ? rollout.target.slice(0, at) : 'aws';
  const region = at > 0 ? rollout.target.slice(at + 1) : '';
  const quote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  return [
    'switchyard rollout resume',
    rollout.id,
    '--store',
    quote(storeDir),
    ...(endpoint !== 'aws' ? ['--endpoint', quote(endpoint)] : []),
    ...(region ? ['--region', quote(region)] : []),
  ].join(' ');
}

/** Whether a posted control is the one an offered effect sends (the reason aside). */
function sameControl(a: RolloutControl, b: RolloutControl): boolean {
  if (a.action !== b.action) return false;
  if (a.action === 'skip' && b.action === 'skip') return a.cluster.toLowerCase() === b.cluster.toLowerCase();
  if (a.action === 'abort' && b.action === 'abort') return a.abortRuns === b.abortRuns;
  if (a.action === 'retry' && b.action === 'retry') return JSON.stringify(a.clusters ?? null) === JSON.stringify(b.clusters ?? null);
  return true;
}

/** Every control the board offers on this rollout now (rollout-wide, then per cluster). */
export function offeredEffects(rollout: Rollout): RolloutControlEffect[] {
  return [...rolloutControlEffects(rollout), ...rollout.clusters.flatMap((c) => clusterControlEffects(rollout, c))];
}

/** The offered effect a control from the webview asks for, or why none is (it changed since the board was drawn). */
export function matchOffered(rollout: Rollout, posted: RolloutControl): RolloutControlEffect | string {
  const effect = offeredEffects(rollout).find((e) => sameControl(e.control, posted));
  return effect ?? `${posted.action} does not apply to rollout ${rollout.id} now (it is ${rollout.status}); the board shows what does`;
}

export class RolloutSource {
  private readonly stores = new Map<string, FileRunStore>();

  constructor(private readonly dirs: () => string[]) {}

  private store(dir: string): FileRunStore {
    let store = this.stores.get(dir);
    if (!store) this.stores.set(dir, (store = new FileRunStore(dir)));
    return store;
  }

  /** The store directories read now. */
  storeDirs(): string[] {
    return this.dirs();
  }

  /**
   * The newest rollouts of every store, newest first: `pages[dir]` pages of `limit` each (one when
   * unset; summaries only), each page read from the `next` of the page before it in this same call,
   * so a rollout started or deleted meanwhile neither hides nor repeats one. A store that cannot be
   * read is named in `problems`; one that has older rollouts still in `older`.
   */
  async list(
    pages: ReadonlyMap<string, number> = new Map(),
    limit = ROLLOUT_PAGE_DEFAULT,
  ): Promise<{ rollouts: RolloutEntry[]; problems: string[]; older: string[] }> {
    const rollouts: RolloutEntry[] = [];
    const problems: string[] = [];
    const older: string[] = [];
    for (const dir of this.dirs()) {
      try {
        let cursor: string | undefined;
        let read = 0;
        do {
          const page = await this.store(dir).listRollouts({ limit, cursor });
          for (const summary of page.rollouts) rollouts.push({ storeDir: dir, summary });
          cursor = page.next;
          read++;
        } while (cursor && read < Math.max(1, pages.get(dir) ?? 1));
        if (cursor) older.push(dir);
      } catch (error) {
        problems.push(`${dir}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    rollouts.sort((a, b) => compareRolloutsNewestFirst(a.summary, b.summary));
    return { rollouts, problems, older };
  }

  get(storeDir: string, id: string): Promise<Rollout | undefined> {
    return this.store(storeDir).getRollout(id);
  }

  /** What the board shows: the rollout, its progress and the controls that apply now. */
  view(storeDir: string, rollout: Rollout, now: Date): RolloutViewState {
    return {
      storeDir,
      rollout,
      progress: rolloutProgress(rollout, now),
      controls: rolloutControlEffects(rollout),
      clusterControls: Object.fromEntries(rollout.clusters.map((c) => [c.id, clusterControlEffects(rollout, c)])),
      resumeCommand: resumeCommand(rollout, storeDir),
    };
  }

  /**
   * Writes a control (the core's transition, audited as `actor`) and, for a skip, tries to abort the
   * skipped cluster's failed run so its locks are released. The runs were started by the CLI on its
   * AWS target, which this window cannot reach: such a run is reported (`unreleased`), and the next
   * `switchyard rollout resume` releases it.
   */
  async control(storeDir: string, id: string, control: RolloutControl, actor: Actor): Promise<ControlOutcome> {
    const store = this.store(storeDir);
    const host = new RunHost({ store, target: () => undefined });
    try {
      const driver = new RolloutDriver({ host, store, actor });
      const rollout = await driver.control(id, control, actor);
      const unreleased = control.action === 'skip' ? await driver.releaseUnwantedRuns(rollout) : [];
      return { rollout, unreleased, message: outcomeMessage(rollout, control, unreleased, resumeCommand(rollout, storeDir)) };
    } finally {
      await host.shutdown();
    }
  }
}

function outcomeMessage(rollout: Rollout, control: RolloutControl, unreleased: UnreleasedRun[], resume: string): string {
  const done = `Rollout ${rollout.id}: ${control.action} recorded.`;
  const driven =
    'A `switchyard rollout` process driving it carries it out at its next step; if none is (the CLI ends when a rollout halts, pauses or waits for approval), drive it on in a terminal:';
  const held = unreleased.map((u) => `${u.cluster}'s run ${u.runId} still holds its locks (${u.problem}).`).join(' ');
  switch (control.action) {
    case 'pause':
      return `${done} No new cluster starts; runs in progress go on.`;
    case 'abort':
      return `${done} No new cluster starts.${control.abortRuns ? ` The process driving it aborts its runs in progress; if none is: ${resume}` : ''}`;
    case 'skip':
      return unreleased.length ? `${done} ${held} The next \`${resume}\` releases them.` : `${done} ${control.cluster} is left out.`;
    default:
      return `${done} ${driven} ${resume}`;
  }
}
