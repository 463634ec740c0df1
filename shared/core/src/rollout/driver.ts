/**
 * Drives a rollout: carries out what the scheduler decides and records what happened, under the
 * rollout's lease (one driver at a time, whichever process or replica). Each cluster's run is an
 * ordinary run of the RunHost (same locks, approvals, rollback and audit), linked by `run.rollout`.
 *
 * Never twice: a cluster's run id is written to the rollout (status `starting`) before the run is
 * created; a driver that finds a `starting` cluster (its own intent, or a dead driver's) looks the
 * run up by that id and creates it only if it is not there — and the store refuses a second run of
 * one id, so even two drivers could not start a cluster twice.
 */
import type { Actor } from '../model/approval-rule';
import { approvalRefusal } from '../model/approval-rule';
import { InvalidTransitionError, LockConflictError, RunRejectedError } from '../model/errors';
import type { Run } from '../model/run';
import { isDriven, isEnded } from '../model/statuses';
import type { RunHost } from '../host/run-host';
import { newOwnerId } from '../host/owner-id';
import { applyRolloutControl, type RolloutControl } from './controls';
import { RolloutLeaseHeldError, RolloutNotFoundError } from './errors';
import { runIdFor, unwantedRuns, type Rollout, type RolloutCluster } from './rollout';
import type { RolloutStore } from './rollout-store';
import { clusterFromRun } from './run-outcome';
import { schedule, type RolloutAction } from './scheduler';

export interface RolloutDriverOptions {
  host: RunHost;
  store: RolloutStore;
  /** Who the driver acts as when it carries out a control on a run (abort, retry) and, with `autoApprove`, approves. */
  actor: Actor;
  /** Approve each run's approval steps as `actor` (the CLI's `--approve`); a four-eyes step still waits for someone else. */
  autoApprove?: boolean;
  ownerId?: string;
  leaseMs?: number;
  /** How often runs in progress are looked at. */
  pollMs?: number;
  now?: () => Date;
  /** Every rollout write, as it is made (the terminal board). */
  onChange?: (rollout: Rollout) => void;
}

export type DriveResult = { rollout: Rollout; rests: 'ended' | 'halted' | 'paused' | 'awaiting-approval' | 'runs-waiting' | 'stopped' };

/** A run the rollout no longer wants (a skipped cluster's, a retried cluster's earlier one) that is still open, holding its locks. */
export interface UnreleasedRun {
  cluster: string;
  runId: string;
  /** Why it could not be aborted here (the host cannot reach its target, a control refused). */
  problem: string;
}

export class RolloutDriver {
  private readonly ownerId: string;
  private readonly now: () => Date;
  /** Runs this process started or resumed: it drives them (the others are resumed once). */
  private readonly driving = new Set<string>();
  /** Runs this process asked to abort, so it asks once. */
  private readonly asked = new Set<string>();
  /** The approvals this process made or is making, by run and step: each step is approved once. */
  private readonly approvals = new Map<string, Promise<Run>>();
  /** Unwanted runs found ended (or absent): not looked up again. */
  private readonly released = new Set<string>();
  private stopping = false;

  constructor(private readonly options: RolloutDriverOptions) {
    this.ownerId = options.ownerId ?? newOwnerId();
    this.now = options.now ?? (() => new Date());
  }

  /** Stops driving at the next step; the rollout stays as recorded and resumable. */
  stop(): void {
    this.stopping = true;
  }

  /**
   * Applies one control and writes it (compare-and-set, re-read on a lost race). A live driver
   * elsewhere picks it up; `drive` carries it out here.
   */
  async control(id: string, control: RolloutControl, actor: Actor): Promise<Rollout> {
    for (;;) {
      const rollout = await this.load(id);
      const next = applyRolloutControl(rollout, control, actor.name, this.now());
      if (await this.options.store.putRollout(next)) {
        this.options.onChange?.(next);
        return next;
      }
    }
  }

  /** Drives the rollout until it rests: ended, halted, paused, or waiting for people. Throws RolloutLeaseHeldError when another process drives it. */
  async drive(id: string): Promise<DriveResult> {
    const leaseMs = this.options.leaseMs ?? 30_000;
    const { store } = this.options;
    if (!(await store.claim(id, this.ownerId, leaseMs))) throw new RolloutLeaseHeldError(id);
    let renewedAt = Date.now();
    // With autoApprove, a run of this rollout that asks for an approval is answered as it asks, not
    // at the next pass over the clusters: a pass that starts 1,000 runs takes minutes, and every run
    // it started would wait that long at its first gate. The pass still answers any this missed.
    const unsubscribe = this.options.autoApprove
      ? this.options.host.subscribe((event, run) => {
          if (event.type === 'approval' && run.rollout?.id === id) this.approve(run, id).catch(() => undefined);
        })
      : undefined;
    try {
      for (;;) {
        if (this.stopping) return { rollout: await this.load(id), rests: 'stopped' };
        if (Date.now() - renewedAt > leaseMs / 3) {
          if (!(await store.claim(id, this.ownerId, leaseMs))) throw new RolloutLeaseHeldError(id);
          renewedAt = Date.now();
        }
        const rollout = await this.load(id);
        const synced = await this.sync(rollout);
        const actions = schedule(synced, this.now());
        const next = this.apply(synced, actions);
        if (next !== rollout) {
          next.version = rollout.version + 1;
          next.updatedAt = this.now().toISOString();
          if (!(await store.putRollout(next))) continue; // a control came in between: read again
          this.options.onChange?.(next);
          if (next.clusters.some((c) => c.status === 'starting')) continue; // create the runs now
        }
        const rests = restingReason(next, actions);
        if (rests) return { rollout: next, rests };
        await this.sleep(actions);
      }
    } finally {
      unsubscribe?.();
      await store.release(id, this.ownerId).catch(() => undefined);
    }
  }

  private async load(id: string): Promise<Rollout> {
    const rollout = await this.options.store.getRollout(id);
    if (!rollout) throw new RolloutNotFoundError(id);
    return rollout;
  }

  /** The rollout with each active cluster brought up to date from its run (creating the run of a `starting` one). */
  private async sync(rollout: Rollout): Promise<Rollout> {
    let changed = false;
    const clusters = await Promise.all(
      rollout.clusters.map(async (c, index) => {
        const next = await this.syncCluster(rollout, c, index);
        if (JSON.stringify(next) !== JSON.stringify(c)) changed = true;
        return next;
      }),
    );
    return changed ? { ...rollout, clusters } : rollout;
  }

  private async syncCluster(rollout: Rollout, c: RolloutCluster, index: number): Promise<RolloutCluster> {
    const { host } = this.options;
    if (c.status === 'skipped') await this.releaseUnwanted(rollout, c);
    if (!c.runId || !['starting', 'running', 'waiting'].includes(c.status)) return c;
    let run = await host.get(c.runId);
    if (!run && c.status === 'starting') {
      if (rollout.status === 'aborted')
        return {
          ...c,
          status: 'aborted',
          reason: 'the rollout was aborted before this cluster started',
          endedAt: this.now().toISOString(),
        };
      // A retry's fresh run takes the cluster's locks: the failed run it supersedes must give them up first.
      const held = await this.releaseUnwanted(rollout, c);
      if (held.length)
        return {
          ...c,
          status: 'failed',
          reason: held.map((h) => `its earlier run ${h.runId} still holds its locks (${h.problem})`).join('; '),
          endedAt: this.now().toISOString(),
        };
      const started = await this.startRun(rollout, c, index);
      if ('failure' in started) return { ...c, status: 'failed', reason: started.failure, endedAt: this.now().toISOString() };
      run = started.run;
    }
    if (!run) return { ...c, status: 'failed', reason: `its run ${c.runId} is missing from the store`, endedAt: this.now().toISOString() };
    if (
      rollout.status === 'aborted' &&
      rollout.abortRuns &&
      !this.asked.has(`abort:${run.id}`) &&
      !['succeeded', 'aborted', 'rolled-back'].includes(run.status)
    ) {
      this.asked.add(`abort:${run.id}`);
      await this.runControl(run.id, { action: 'abort', reason: `rollout ${rollout.id} aborted` }, false);
      run = (await host.get(run.id)) ?? run;
    }
    if (isDriven(run.status) && !this.driving.has(run.id)) {
      // Started by a driver that is gone: the host resumes it (a run another live process drives is left to it).
      this.driving.add(run.id);
      run = await host.resume(run.id);
    }
    run = await this.approve(run, rollout.id);
    return clusterFromRun(c, run);
  }

  /**
   * With autoApprove, approves the step a run waits on as `actor`, once per step attempt (where the
   * approval rule lets `actor` approve: a four-eyes step still waits for someone else). Returns the
   * run as it is after. Asked twice for one step (the run's event, then a pass over the clusters
   * that read the run before), the second waits for the first, so a pass never takes a run whose
   * approval is under way for one waiting on people. A failed approval is asked again at the next pass.
   */
  private approve(run: Run, rolloutId: string): Promise<Run> {
    const { host, actor } = this.options;
    if (run.status !== 'waiting-approval' || !this.options.autoApprove) return Promise.resolve(run);
    const key = `${run.id}:${run.current}`;
    let approval = this.approvals.get(key);
    if (!approval) {
      approval = (async () => {
        if (approvalRefusal(run, { name: actor.name, groups: actor.groups ?? [] })) return run;
        await this.runControl(run.id, { action: 'approve', reason: `--approve (rollout ${rolloutId})` }, false);
        return (await host.get(run.id)) ?? run;
      })();
      this.approvals.set(key, approval);
      approval.catch(() => this.approvals.delete(key));
    }
    return approval;
  }

  private async startRun(rollout: Rollout, c: RolloutCluster, index: number): Promise<{ run: Run } | { failure: string }> {
    const runId = runIdFor(rollout.id, index, c.retries);
    try {
      const run = await this.options.host.start({
        id: runId,
        file: rollout.runbook.file,
        source: rollout.runbook.source,
        params: c.params,
        startedBy: rollout.startedBy,
        target: c.target ?? rollout.target,
        ...(c.entityRef ? { entityRef: c.entityRef } : {}),
        rollout: { id: rollout.id, cluster: c.id },
      });
      this.driving.add(run.id);
      return { run };
    } catch (error) {
      // Created by a driver that died after the store took it: it is there now.
      const existing = await this.options.host.get(runId);
      if (existing) return { run: existing };
      if (error instanceof LockConflictError || error instanceof RunRejectedError) return { failure: error.message };
      throw error;
    }
  }

  /**
   * Ends the runs the rollout no longer wants that still hold locks (the failed run of a skipped
   * cluster, the failed run a retry supersedes): aborts each, which releases its locks and undoes
   * nothing (a rollback of it stays possible). Returns those it could not abort and why. Every host
   * that records a skip calls this (the CLI and Backstage through `drive`, VS Code directly), and
   * every drive does it again, so a crash between the skip and the abort leaves nothing locked.
   */
  async releaseUnwantedRuns(rollout: Rollout): Promise<UnreleasedRun[]> {
    const held = await Promise.all(rollout.clusters.map((c) => this.releaseUnwanted(rollout, c)));
    return held.flat();
  }

  private async releaseUnwanted(rollout: Rollout, c: RolloutCluster): Promise<UnreleasedRun[]> {
    const held: UnreleasedRun[] = [];
    for (const runId of unwantedRuns(c)) {
      if (this.released.has(runId)) continue;
      let run = await this.options.host.get(runId);
      // Only a failed run is aborted: one in progress again was retried by hand outside the rollout, and is left to that person.
      if (run?.status === 'failed') {
        const why =
          c.status === 'skipped'
            ? `${c.id} was skipped in rollout ${rollout.id}`
            : `rollout ${rollout.id} retries ${c.id} with a fresh run`;
        try {
          await this.options.host.control(runId, { action: 'abort', reason: why }, this.options.actor);
        } catch (error) {
          if (!(error instanceof InvalidTransitionError)) {
            held.push({ cluster: c.id, runId, problem: error instanceof Error ? error.message : String(error) });
            continue;
          }
        }
        run = await this.options.host.get(runId);
      }
      if (!run || isEnded(run.status)) this.released.add(runId);
      else
        held.push({ cluster: c.id, runId, problem: `it is ${run.status}${run.status === 'failed' ? '' : ', driven outside the rollout'}` });
    }
    return held;
  }

  /** A control on a run; one the run's state no longer allows (it moved on) is not an error here. */
  private async runControl(runId: string, control: Parameters<RunHost['control']>[1], quietly: boolean): Promise<void> {
    try {
      await this.options.host.control(runId, control, this.options.actor);
    } catch (error) {
      if (!(error instanceof InvalidTransitionError) && !quietly) throw error;
    }
  }

  /** The rollout after the scheduler's actions: intents recorded, a halt or an end written, audited. */
  private apply(rollout: Rollout, actions: RolloutAction[]): Rollout {
    if (!actions.some((a) => a.type === 'start' || a.type === 'halt' || a.type === 'finish')) return rollout;
    const next = structuredClone(rollout);
    const at = this.now().toISOString();
    for (const action of actions) {
      if (action.type === 'start') {
        for (const i of action.clusters) {
          next.clusters[i] = {
            ...next.clusters[i],
            status: 'starting',
            runId: runIdFor(rollout.id, i, next.clusters[i].retries),
            startedAt: at,
          };
        }
      } else if (action.type === 'halt') {
        next.status = 'halted';
        next.statusReason = action.reason;
        next.audit.push({ at, actor: 'switchyard', action: 'rollout halted', detail: `${action.reason}; no new runs start` });
      } else if (action.type === 'finish') {
        next.status = action.status;
        next.statusReason = action.reason;
        next.endedAt = at;
        next.audit.push({ at, actor: 'switchyard', action: `rollout ${action.status}`, detail: action.reason });
      }
    }
    return next;
  }

  private async sleep(actions: RolloutAction[]): Promise<void> {
    const poll = this.options.pollMs ?? 500;
    const until = actions.find((a) => a.type === 'await-time');
    const ms = until ? Math.min(poll, Math.max(0, Date.parse(until.until) - this.now().getTime())) : poll;
    await new Promise((r) => setTimeout(r, ms));
  }
}

/** Why driving stops here, or undefined while there is work (runs in progress, a pause to sit out). */
function restingReason(rollout: Rollout, actions: RolloutAction[]): DriveResult['rests'] | undefined {
  const runsMoving = rollout.clusters.some((c) => c.status === 'starting' || c.status === 'running');
  if (runsMoving || actions.some((a) => a.type === 'await-time' || a.type === 'start')) return undefined;
  if (['succeeded', 'failed', 'aborted'].includes(rollout.status)) return 'ended';
  if (rollout.status === 'halted') return 'halted';
  if (rollout.status === 'paused') return 'paused';
  if (actions.some((a) => a.type === 'await-approval')) return 'awaiting-approval';
  if (rollout.clusters.some((c) => c.status === 'waiting')) return 'runs-waiting';
  return undefined;
}
