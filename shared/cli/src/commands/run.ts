import * as readline from 'node:readline/promises';
import type { Actor, Run, RunEvent, RunHost } from '@switchyard/core';
import { ApprovalRefusedError, approvalRefusal, currentStep, RunRejectedError, LockConflictError } from '@switchyard/core';
import { paramPairs, parseCommandArgs, UsageError } from '../args';
import { createRunHost, ENGINE_FLAGS, settingsFrom } from '../context';
import { EXIT, exitCodeFor } from '../exit-codes';
import { InputError } from '../input-error';
import { readRunbookFile } from '../runbook-file';
import { explain } from '../output/explain';
import { ProgressPrinter } from '../output/progress';

const RUN_OPTIONS = {
  param: { type: 'string', multiple: true, short: 'p' },
  'dry-run': { type: 'boolean' },
  approve: { type: 'boolean' },
  approver: { type: 'string' },
  ...ENGINE_FLAGS,
} as const;

/** `switchyard run <runbook> --param k=v …`: drives a run to rest and exits with how it ended. */
export async function runCommand(argv: string[]): Promise<number> {
  const { flags, positionals } = parseCommandArgs(argv, RUN_OPTIONS);
  const [file, ...extra] = positionals;
  if (!file) throw new UsageError('run needs a runbook file: switchyard run runbooks/failover.md --param cluster=prod-app');
  if (extra.length) throw extraArguments(file, extra);
  const params = paramPairs(flags.param as string[] | undefined);
  const settings = settingsFrom(flags);
  const source = await readRunbookFile(file);
  const { host, target, dispose } = createRunHost(settings);
  try {
    const session = new RunSession(host, {
      json: flags.json === true,
      autoApprove: flags.approve === true,
      approver: typeof flags.approver === 'string' ? flags.approver : undefined,
      actor: settings.actor,
    });
    let run: Run;
    try {
      run = await session.start(() =>
        host.start({
          file,
          source,
          params,
          startedBy: settings.actor.name,
          dryRun: flags['dry-run'] === true,
          target,
        }),
      );
    } catch (error) {
      if (error instanceof RunRejectedError || error instanceof LockConflictError) {
        process.stderr.write(`${explain(error)}\n`);
        return error instanceof RunRejectedError ? EXIT.usage : EXIT.failed;
      }
      throw error;
    }
    return await session.follow(run.id);
  } finally {
    await dispose();
  }
}

/** `run` takes one runbook: a second path (or a `k=v` without `--param`) is refused, never ignored. */
function extraArguments(file: string, extra: string[]): InputError {
  const pair = extra.find((e) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(e));
  if (pair) return new InputError(`unexpected argument "${pair}" after the runbook ${file}`, `params need --param: --param ${pair}`);
  return new InputError(
    `run takes one runbook, but was given ${extra.length + 1}: ${[file, ...extra].join(', ')}; nothing was run`,
    `run them one at a time (switchyard run ${file} …); to check several at once: switchyard validate ${[file, ...extra].join(' ')}`,
  );
}

export interface SessionOptions {
  json: boolean;
  autoApprove: boolean;
  /** Who answers approvals with --approve (default: the actor). */
  approver?: string;
  actor: Actor;
}

/** Follows one run in the terminal: progress, approvals (prompt, --approve), Ctrl-C. */
export class RunSession {
  private readonly printer = new ProgressPrinter(process.stdout, Boolean(process.stdout.isTTY));
  private pendingApproval?: Extract<RunEvent, { type: 'approval' }>;

  constructor(
    private readonly host: RunHost,
    private readonly options: SessionOptions,
  ) {}

  async start(begin: () => Promise<Run>): Promise<Run> {
    let headerShown = false;
    const buffered: Array<[RunEvent, Run]> = [];
    this.host.subscribe((event, run) => {
      if (this.options.json) {
        process.stdout.write(`${JSON.stringify(event)}\n`);
      } else if (!headerShown) {
        buffered.push([event, run]);
        return;
      } else {
        this.printer.onEvent(event, run);
      }
      if (event.type === 'approval') this.pendingApproval = event;
    });
    const run = await begin();
    if (!this.options.json) {
      this.printer.header(run);
      headerShown = true;
      for (const [e, r] of buffered) this.printer.onEvent(e, r);
    }
    return run;
  }

  /** Drives the run until it ends; approvals are answered here. Returns the exit code. */
  async follow(runId: string): Promise<number> {
    let interrupted = false;
    const onSigint = () => {
      interrupted = true;
      process.stderr.write(`\nstopping: run ${runId} stays resumable (switchyard runs --resume ${runId})\n`);
      void this.host.shutdown();
    };
    process.once('SIGINT', onSigint);
    try {
      for (;;) {
        let run: Run;
        try {
          run = await this.host.settled(runId);
        } catch (error) {
          if (interrupted) return EXIT.interrupted;
          this.printer.stop();
          process.stderr.write(
            `switchyard: run ${runId} stopped: ${error instanceof Error ? error.message : String(error)}\n` +
              `  hint: the run stays as last recorded; once that is fixed, resume it: switchyard runs --resume ${runId}\n`,
          );
          return EXIT.failed;
        }
        if (interrupted) return EXIT.interrupted;
        if (run.status !== 'waiting-approval') {
          this.printer.stop();
          return exitCodeFor(run.status);
        }
        const answered = await this.answerApproval(run);
        if (!answered) return EXIT.waitingApproval;
      }
    } finally {
      process.removeListener('SIGINT', onSigint);
      this.printer.stop();
    }
  }

  private async answerApproval(run: Run): Promise<boolean> {
    const step = currentStep(run);
    const request = step?.approval;
    if (!step || !request) return false;
    // --approver NAME answers as that person, with the groups given for this invocation.
    const approver: Actor = this.options.approver ? { ...this.options.actor, name: this.options.approver } : this.options.actor;
    const refusal = approvalRefusal(run, { ...approver, groups: approver.groups ?? [] });
    if (refusal?.rule === 'four-eyes') {
      process.stderr.write(
        `step "${step.name}" needs a second person. Ask a colleague to run:\n  switchyard approve ${run.id} --as <their name>\n` +
          `(or pass --approver <name> with --approve). The run waits; resume it with switchyard runs --resume ${run.id}\n`,
      );
      return false;
    }
    if (this.options.autoApprove && !refusal) {
      await this.host.control(run.id, { action: 'approve', reason: '--approve' }, approver);
      return true;
    }
    if (!process.stdin.isTTY || this.options.json || refusal) {
      process.stderr.write(
        `run ${run.id} waits for approval of "${step.name}"${refusal ? ` (${explain(new ApprovalRefusedError(refusal))})` : ''}: switchyard approve ${run.id}\n`,
      );
      return false;
    }
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
    try {
      const answer = (await rl.question(`  Approve "${step.name}"? [y/N] `)).trim().toLowerCase();
      if (answer === 'y' || answer === 'yes')
        await this.host.control(run.id, { action: 'approve', reason: 'approved at the terminal' }, approver);
      else await this.host.control(run.id, { action: 'reject', reason: 'rejected at the terminal' }, approver);
      return true;
    } catch (error) {
      if (error instanceof ApprovalRefusedError) {
        process.stderr.write(`${explain(error)}\n`);
        return false;
      }
      throw error;
    } finally {
      rl.close();
    }
  }
}
