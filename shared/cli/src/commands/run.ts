import { promises as fs } from 'node:fs';
import * as readline from 'node:readline/promises';
import type { Engine, Run, RunEvent } from '@switchyard/core';
import { ApprovalRefusedError, RunRejectedError, LockConflictError } from '@switchyard/core';
import { paramPairs, parseCommandArgs, UsageError } from '../args';
import { createEngine, ENGINE_FLAGS, settingsFrom } from '../context';
import { EXIT, exitCodeFor } from '../exit-codes';
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
  const [file] = positionals;
  if (!file) throw new UsageError('run needs a runbook file: switchyard run runbooks/failover.md --param cluster=prod-app');
  const settings = settingsFrom(flags);
  const source = await fs.readFile(file, 'utf8');
  const { engine, dispose } = createEngine(settings);
  try {
    const session = new RunSession(engine, {
      json: flags.json === true,
      autoApprove: flags.approve === true,
      approver: typeof flags.approver === 'string' ? flags.approver : undefined,
      actor: settings.actor,
    });
    let run: Run;
    try {
      run = await session.start(() =>
        engine.start({
          file,
          source,
          params: paramPairs(flags.param as string[] | undefined),
          startedBy: settings.actor,
          dryRun: flags['dry-run'] === true,
        }),
      );
    } catch (error) {
      if (error instanceof RunRejectedError || error instanceof LockConflictError) {
        process.stderr.write(`${error.message}\n`);
        return error instanceof RunRejectedError ? EXIT.usage : EXIT.failed;
      }
      throw error;
    }
    return await session.follow(run.id);
  } finally {
    await dispose();
  }
}

export interface SessionOptions {
  json: boolean;
  autoApprove: boolean;
  approver?: string;
  actor: string;
}

/** Follows one run in the terminal: progress, approvals (prompt, --approve), Ctrl-C. */
export class RunSession {
  private readonly printer = new ProgressPrinter(process.stdout, Boolean(process.stdout.isTTY));
  private pendingApproval?: Extract<RunEvent, { type: 'approval' }>;

  constructor(
    private readonly engine: Engine,
    private readonly options: SessionOptions,
  ) {}

  async start(begin: () => Promise<Run>): Promise<Run> {
    let headerShown = false;
    const buffered: Array<[RunEvent, Run]> = [];
    this.engine.subscribe((event, run) => {
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
      void this.engine.shutdown();
    };
    process.once('SIGINT', onSigint);
    try {
      for (;;) {
        const run = await this.engine.settled(runId);
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
    const step = (run.phase === 'forward' ? run.steps : run.rollbackSteps)[run.current];
    const request = step?.approval;
    if (!request) return false;
    const approver = this.options.approver ?? this.options.actor;
    const fourEyesBlocked = request.fourEyes && approver === run.startedBy;
    if (this.options.autoApprove && !fourEyesBlocked) {
      await this.engine.approve(run.id, approver, '--approve');
      return true;
    }
    if (fourEyesBlocked) {
      process.stderr.write(
        `step "${step.name}" needs a second person. Ask a colleague to run:\n  switchyard approve ${run.id} --as <their name>\n` +
          `(or pass --approver <name> with --approve). The run waits; resume it with switchyard runs --resume ${run.id}\n`,
      );
      return false;
    }
    if (!process.stdin.isTTY || this.options.json) {
      process.stderr.write(`run ${run.id} waits for approval of "${step.name}": switchyard approve ${run.id}\n`);
      return false;
    }
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
    try {
      const answer = (await rl.question(`  Approve "${step.name}"? [y/N] `)).trim().toLowerCase();
      if (answer === 'y' || answer === 'yes') await this.engine.approve(run.id, approver, 'approved at the terminal');
      else await this.engine.reject(run.id, approver, 'rejected at the terminal');
      return true;
    } catch (error) {
      if (error instanceof ApprovalRefusedError) {
        process.stderr.write(`${error.message}\n`);
        return false;
      }
      throw error;
    } finally {
      rl.close();
    }
  }
}
