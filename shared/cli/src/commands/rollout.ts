/**
 * `switchyard rollout plan|start|status|pause|resume|abort|retry|skip|approve`: one runbook over
 * many clusters, in waves, under a failure budget (core rollout/). An adapter: it parses flags,
 * reads the fleet's facts, and calls the core's plan, controls and driver; the board presents.
 */
import { randomBytes } from 'node:crypto';
import {
  fetchClusterFacts,
  loadRunbook,
  planRollout,
  RolloutControlError,
  RolloutDriver,
  RolloutLeaseHeldError,
  RolloutListQueryError,
  ROLLOUT_PAGE_MAX,
  RolloutNotFoundError,
  RolloutPlanError,
  rolloutFromPlan,
  parseDuration,
  type DriveResult,
  type Rollout,
  type RolloutControl,
  type RolloutPlan,
  type RolloutPlanSpec,
} from '@switchyard/core';
import { paramPairs, parseCommandArgs, UsageError } from '../args';
import { cliHttpPolicy, createAwsGateway, createRunHost, ENGINE_FLAGS, settingsFrom, type CliSettings } from '../context';
import { EXIT } from '../exit-codes';
import { readRunbookFile } from '../runbook-file';
import { boardLines, RolloutBoard } from '../output/rollout-board';

const PLAN_OPTIONS = {
  select: { type: 'string' },
  param: { type: 'string', multiple: true, short: 'p' },
  waves: { type: 'string' },
  'max-concurrency': { type: 'string' },
  'max-failures': { type: 'string' },
  'max-guard-stops': { type: 'string' },
  'pause-between': { type: 'string' },
  'approve-waves': { type: 'boolean' },
  title: { type: 'string' },
  approve: { type: 'boolean' },
  ...ENGINE_FLAGS,
} as const;

const CONTROL_OPTIONS = {
  reason: { type: 'string' },
  cluster: { type: 'string', multiple: true },
  'abort-runs': { type: 'boolean' },
  approve: { type: 'boolean' },
  ...ENGINE_FLAGS,
} as const;

export const ROLLOUT_USAGE = `switchyard rollout plan <runbook> --select S [--param k=TEMPLATE …] [--waves 1,5,25%,rest] [--max-concurrency N]
                          [--max-failures N|X%] [--max-guard-stops N|X%] [--pause-between 10m | --approve-waves] [--json]
switchyard rollout start <runbook> (the same flags) [--approve]    plan, record and drive it (live board)
switchyard rollout status [ID] [--limit N] [--cursor C] [--json]   one rollout's board, or a page of the list (newest first)
switchyard rollout pause|resume|approve ID                          resume and approve drive it on here
switchyard rollout abort ID [--abort-runs] [--reason TEXT]          runs in progress finish, or are aborted
switchyard rollout retry ID [--cluster C …]                         retry the failed and guard-stopped clusters
switchyard rollout skip ID --cluster C --reason TEXT`;

/** Exit codes: 0 succeeded, 1 failed or halted by the budget, 3 waiting (paused, an approval), 4 aborted, 130 interrupted. */
function exitFor(result: DriveResult): number {
  switch (result.rests) {
    case 'ended':
      return result.rollout.status === 'succeeded' ? EXIT.succeeded : result.rollout.status === 'aborted' ? EXIT.aborted : EXIT.failed;
    case 'halted':
      return EXIT.failed;
    case 'stopped':
      return EXIT.interrupted;
    default:
      return EXIT.waitingApproval;
  }
}

export async function rolloutCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'plan':
    case 'start':
      return planOrStart(sub, rest);
    case 'status':
      return status(rest);
    case 'pause':
    case 'resume':
    case 'abort':
    case 'retry':
    case 'skip':
    case 'approve':
      return control(sub, rest);
    default:
      throw new UsageError(`rollout needs one of plan, start, status, pause, resume, abort, retry, skip, approve\n\n${ROLLOUT_USAGE}`);
  }
}

async function planOrStart(sub: 'plan' | 'start', argv: string[]): Promise<number> {
  const { flags, positionals } = parseCommandArgs(argv, PLAN_OPTIONS);
  const [file, ...extra] = positionals;
  if (!file) throw new UsageError(`rollout ${sub} needs a runbook: switchyard rollout ${sub} runbooks/x.md --select team=payments`);
  if (extra.length) throw new UsageError(`rollout ${sub} takes one runbook; unexpected: ${extra.join(' ')}`);
  if (typeof flags.select !== 'string')
    throw new UsageError('--select is required: cluster ids or ARNs, tag filters (team=payments), engine=…, version=…, or * for all');
  const settings = settingsFrom(flags);
  const source = await readRunbookFile(file);
  const runbook = loadRunbook(file, source);
  const aws = createAwsGateway(settings);
  let plan: RolloutPlan;
  try {
    const { clusters, warnings } = await fetchClusterFacts(aws);
    for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
    plan = planRollout({
      runbook,
      fleet: clusters,
      selection: flags.select,
      template: paramPairs(flags.param as string[] | undefined),
      waves: str(flags.waves) ?? 'rest',
      maxConcurrency: flags['max-concurrency'] === undefined ? undefined : Number(flags['max-concurrency']),
      gate: gateOf(flags),
      maxFailures: str(flags['max-failures']) ?? '1',
      maxGuardStops: str(flags['max-guard-stops']),
      // A cluster whose run's start would refuse its http blocks is a problem of the plan: nothing starts.
      http: { file, runbook, policy: cliHttpPolicy(settings), startedBy: settings.actor.name },
    });
  } catch (error) {
    if (error instanceof RolloutPlanError) {
      process.stderr.write(`${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  } finally {
    aws.destroy();
  }
  const json = flags.json === true;
  if (sub === 'plan') {
    if (json) process.stdout.write(`${JSON.stringify(plan, null, 1)}\n`);
    else process.stdout.write(`${planLines(plan).join('\n')}\n`);
    return EXIT.succeeded;
  }
  const { host, store, target, dispose } = createRunHost(settings);
  try {
    const rollout = rolloutFromPlan({
      plan,
      runbook: { file, title: runbook.meta.title, source },
      selection: flags.select,
      target,
      startedBy: settings.actor.name,
      now: new Date(),
      suffix: randomBytes(3).toString('hex'),
      title: str(flags.title),
    });
    await store.createRollout(rollout);
    if (!json)
      process.stdout.write(
        `${planLines(plan).join('\n')}\n\nstarted rollout ${rollout.id} (resume it after a crash or Ctrl-C: switchyard rollout resume ${rollout.id})\n`,
      );
    else process.stdout.write(`${JSON.stringify({ type: 'rollout-started', id: rollout.id })}\n`);
    return await drive(rollout.id, settings, flags, { host, store });
  } finally {
    await dispose();
  }
}

function gateOf(flags: Record<string, unknown>): RolloutPlanSpec['gate'] {
  if (flags['approve-waves'] === true && flags['pause-between'] !== undefined)
    throw new UsageError('give --pause-between or --approve-waves, not both');
  if (flags['approve-waves'] === true) return { kind: 'approval' };
  const pause = str(flags['pause-between']);
  if (pause === undefined) return { kind: 'none' };
  const seconds = parseDuration(pause);
  if (seconds === undefined) throw new UsageError(`--pause-between "${pause}" is not a duration (e.g. 90s, 10m, 1h)`);
  return { kind: 'pause', seconds };
}

/** The plan as a dry-run shows it: waves, each cluster with its resolved params, the budget. */
function planLines(plan: RolloutPlan): string[] {
  const s = plan.spec;
  const lines = [
    `${plan.clusters.length} cluster(s) in ${plan.waves.length} wave(s): ${plan.waves.join(', ')}` +
      `${s.maxConcurrency ? ` · at most ${s.maxConcurrency} at once` : ''}` +
      ` · ${s.gate.kind === 'approval' ? 'each wave after the first waits for approval' : s.gate.kind === 'pause' ? `${s.gate.seconds}s between waves` : 'no gate between waves'}`,
    `budget: stop after ${plan.budget.failures} failure(s) or ${plan.budget.guardStops} guard stop(s)`,
    ...plan.notes.map((n) => `note: ${n}`),
  ];
  for (let w = 0; w < plan.waves.length; w++) {
    lines.push(`wave ${w + 1}`);
    for (const c of plan.clusters.filter((x) => x.wave === w)) {
      const params = Object.entries(c.params)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ');
      lines.push(`  ${c.id.padEnd(24)} ${c.region.padEnd(14)} ${params}`);
    }
  }
  return lines;
}

const STATUS_OPTIONS = {
  limit: { type: 'string' },
  cursor: { type: 'string' },
} as const;

async function status(argv: string[]): Promise<number> {
  const { flags, positionals } = parseCommandArgs(argv, STATUS_OPTIONS);
  const settings = settingsFrom(flags);
  const { store, dispose } = createRunHost(settings);
  try {
    const [id] = positionals;
    if (!id) {
      const limit = str(flags.limit);
      if (limit !== undefined && !/^[0-9]{1,4}$/.test(limit)) {
        throw new UsageError(
          `--limit ${JSON.stringify(limit)} is not a number of rollouts; give a whole number from 1 to ${ROLLOUT_PAGE_MAX}`,
        );
      }
      let list;
      try {
        list = await store.listRollouts({ limit: limit === undefined ? undefined : Number(limit), cursor: str(flags.cursor) });
      } catch (error) {
        if (error instanceof RolloutListQueryError) throw new UsageError(`--${error.field}: ${error.message}`);
        throw error;
      }
      if (flags.json === true) process.stdout.write(`${JSON.stringify(list)}\n`);
      else if (!list.rollouts.length) process.stdout.write('no rollouts\n');
      else {
        for (const r of list.rollouts) {
          process.stdout.write(
            `${r.id}  ${r.status.padEnd(9)}  ${r.counts.succeeded} succeeded, ${r.counts.failed} failed, ${r.counts['guard-stopped']} guard-stopped, ${r.counts.pending} pending  ${r.title}  (${r.runbook.file}, by ${r.startedBy})\n`,
          );
        }
        if (list.next) process.stdout.write(`older rollouts: switchyard rollout status --cursor ${list.next}\n`);
      }
      return EXIT.succeeded;
    }
    const rollout = await store.getRollout(id);
    if (!rollout) throw new RolloutNotFoundError(id);
    if (flags.json === true) process.stdout.write(`${JSON.stringify(rollout)}\n`);
    else process.stdout.write(`${boardLines(rollout, new Date()).join('\n')}\n`);
    return EXIT.succeeded;
  } catch (error) {
    if (error instanceof RolloutNotFoundError) {
      process.stderr.write(`${error.message} (switchyard rollout status lists them)\n`);
      return EXIT.failed;
    }
    throw error;
  } finally {
    await dispose();
  }
}

async function control(action: 'pause' | 'resume' | 'abort' | 'retry' | 'skip' | 'approve', argv: string[]): Promise<number> {
  const { flags, positionals } = parseCommandArgs(argv, CONTROL_OPTIONS);
  const [id] = positionals;
  if (!id) throw new UsageError(`rollout ${action} needs a rollout id (see switchyard rollout status)`);
  const settings = settingsFrom(flags);
  const reason = str(flags.reason);
  const clusters = flags.cluster as string[] | undefined;
  let ctl: RolloutControl | undefined;
  switch (action) {
    case 'pause':
      ctl = { action, reason };
      break;
    case 'resume':
      ctl = undefined; // decided below: a running rollout (after a crash) is only driven again
      break;
    case 'abort':
      ctl = { action, abortRuns: flags['abort-runs'] === true, reason };
      break;
    case 'retry':
      ctl = { action, clusters, reason };
      break;
    case 'skip':
      if (clusters?.length !== 1) throw new UsageError('rollout skip needs one --cluster C');
      if (!reason) throw new UsageError('rollout skip needs --reason TEXT (kept in the audit trail)');
      ctl = { action, cluster: clusters[0], reason };
      break;
    case 'approve':
      ctl = { action, reason };
      break;
  }
  const { host, store, dispose } = createRunHost(settings);
  try {
    const driver = new RolloutDriver({ host, store, actor: settings.actor });
    const current = await store.getRollout(id);
    if (!current) throw new RolloutNotFoundError(id);
    if (action === 'resume' && (current.status === 'paused' || current.status === 'halted')) ctl = { action: 'resume', reason };
    if (ctl) {
      const next = await driver.control(id, ctl, settings.actor);
      // A skipped cluster's failed run is aborted now, so the cluster is not left locked (drive does it again).
      if (ctl.action === 'skip')
        for (const held of await driver.releaseUnwantedRuns(next))
          process.stderr.write(
            `warning: ${held.cluster}'s run ${held.runId} still holds its locks (${held.problem}); release them with switchyard abort ${held.runId} --reason TEXT\n`,
          );
    }
    // pause and abort are carried out by whoever drives it (here, if no one else does); the others drive it on here.
    return await drive(id, settings, flags, { host, store });
  } catch (error) {
    if (error instanceof RolloutControlError || error instanceof RolloutNotFoundError) {
      process.stderr.write(`switchyard: ${error.message}\n`);
      return EXIT.failed;
    }
    throw error;
  } finally {
    await dispose();
  }
}

/** Drives the rollout here with the live board until it rests; Ctrl-C stops driving (it stays resumable). */
async function drive(
  id: string,
  settings: CliSettings,
  flags: Record<string, unknown>,
  { host, store }: Pick<ReturnType<typeof createRunHost>, 'host' | 'store'>,
): Promise<number> {
  const json = flags.json === true;
  const board = new RolloutBoard(process.stdout, Boolean(process.stdout.isTTY) && !json);
  const driver = new RolloutDriver({
    host,
    store,
    actor: settings.actor,
    autoApprove: flags.approve === true,
    pollMs: Number(process.env.SWITCHYARD_ROLLOUT_POLL_MS) || 500,
    onChange: (r: Rollout) =>
      json ? process.stdout.write(`${JSON.stringify({ type: 'rollout', rollout: summaryOf(r) })}\n`) : board.update(r),
  });
  const onSigint = () => {
    process.stderr.write(`\nstopping: rollout ${id} stays resumable (switchyard rollout resume ${id})\n`);
    driver.stop();
  };
  process.once('SIGINT', onSigint);
  try {
    const result = await driver.drive(id);
    board.stop();
    if (json)
      process.stdout.write(`${JSON.stringify({ type: 'rollout-rests', rests: result.rests, rollout: summaryOf(result.rollout) })}\n`);
    else process.stdout.write(`${restLine(result)}\n`);
    return exitFor(result);
  } catch (error) {
    board.stop(false);
    if (error instanceof RolloutLeaseHeldError) {
      process.stderr.write(`switchyard: ${error.message}\n`);
      return EXIT.succeeded;
    }
    throw error;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

function summaryOf(r: Rollout) {
  return {
    id: r.id,
    status: r.status,
    statusReason: r.statusReason,
    clusters: r.clusters.map((c) => ({ id: c.id, wave: c.wave, status: c.status, runId: c.runId, step: c.step, reason: c.reason })),
  };
}

function restLine(result: DriveResult): string {
  const r = result.rollout;
  switch (result.rests) {
    case 'ended':
      return `rollout ${r.id} ${r.status}${r.statusReason ? `: ${r.statusReason}` : ''}`;
    case 'halted':
      return `rollout ${r.id} halted: ${r.statusReason}. Retry the failed clusters (switchyard rollout retry ${r.id}) or skip them (switchyard rollout skip ${r.id} --cluster C --reason TEXT), then resume`;
    case 'paused':
      return `rollout ${r.id} is paused: switchyard rollout resume ${r.id}`;
    case 'awaiting-approval':
      return `rollout ${r.id} waits for approval of the next wave: switchyard rollout approve ${r.id}`;
    case 'runs-waiting':
      return `rollout ${r.id}: runs wait for approval (switchyard runs); then switchyard rollout resume ${r.id}`;
    case 'stopped':
      return `rollout ${r.id} stopped here; resume it: switchyard rollout resume ${r.id}`;
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
