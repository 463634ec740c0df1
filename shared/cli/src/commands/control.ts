import { InvalidControlError, parseRunControl, type RunAction } from '@switchyard/core';
import { paramPairs, parseCommandArgs, UsageError } from '../args';
import { createRunHost, ENGINE_FLAGS, settingsFrom } from '../context';
import { EXIT, exitCodeFor } from '../exit-codes';
import { explain } from '../output/explain';
import { ProgressPrinter } from '../output/progress';

/**
 * `switchyard approve|reject|retry|skip|abort|rollback <runId> [--as NAME] [--groups G,…] [--reason TEXT]`:
 * one operator control on a stored run. Controls that let the run go on resume driving it here.
 * approve, retry, skip and rollback exit with how the run rests afterwards (exit-codes.ts), like
 * `run`; abort and reject exit 0 once applied. A refused control exits 1.
 */
/** Controls that end the run by the operator's choice: their success is the control being applied. */
const ENDS_RUN: ReadonlySet<RunAction> = new Set(['abort', 'reject']);

export async function controlCommand(action: RunAction, argv: string[]): Promise<number> {
  const { flags, positionals } = parseCommandArgs(argv, {
    reason: { type: 'string' },
    comment: { type: 'string' },
    param: { type: 'string', multiple: true, short: 'p' },
    ...ENGINE_FLAGS,
  });
  const [runId] = positionals;
  if (!runId) throw new UsageError(`${action} needs a run id (see switchyard runs)`);
  const settings = settingsFrom(flags);
  const reason = typeof flags.reason === 'string' ? flags.reason : typeof flags.comment === 'string' ? flags.comment : undefined;
  let control;
  try {
    control = parseRunControl(action, reason);
  } catch (error) {
    if (error instanceof InvalidControlError) throw new UsageError(`${error.message} (--reason TEXT)`);
    throw error;
  }
  const secrets = paramPairs(flags.param as string[] | undefined);
  const { host, dispose } = createRunHost(settings);
  // What the control sets going (a retried step, the steps after an approval) shows as `run` shows it.
  const printer = new ProgressPrinter(process.stdout, Boolean(process.stdout.isTTY));
  const json = flags.json === true;
  host.subscribe((event, run) => {
    // --json: one JSON event per line, as `run --json` prints them; nothing else on stdout.
    if (json) process.stdout.write(`${JSON.stringify(event)}\n`);
    else if (event.type !== 'run') printer.onEvent(event, run);
  });
  const say = (text: string) => {
    if (!json) process.stdout.write(text);
  };
  try {
    // Secret params are never stored: --param gives them again to this process before it drives the run on.
    if (Object.keys(secrets).length) await host.resume(runId, { secrets });
    const run = await host.control(runId, control, settings.actor);
    say(`${action}: run ${run.id} is now ${run.status}${run.phase === 'rollback' ? ' (rollback)' : ''}\n`);
    const settled = await host.settled(runId);
    if (settled.status !== run.status) say(`run ${run.id} is now ${settled.status}\n`);
    if (settled.status === 'failed' && settled.error) say(`  ${settled.error.split('\n').join('\n  ')}\n`);
    // A control that drives the run on exits with how the run rests, as `run` does (a retry that
    // fails again exits 1); abort and reject end the run on purpose: 0 once applied.
    return ENDS_RUN.has(action) ? EXIT.succeeded : exitCodeFor(settled.status);
  } catch (error) {
    process.stderr.write(`${explain(error)}\n`);
    return EXIT.failed;
  } finally {
    printer.stop();
    await dispose();
  }
}
