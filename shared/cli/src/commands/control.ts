import type { Engine, Run } from '@switchyard/core';
import { parseCommandArgs, UsageError } from '../args';
import { createEngine, ENGINE_FLAGS, settingsFrom } from '../context';
import { EXIT } from '../exit-codes';

type ControlName = 'approve' | 'reject' | 'retry' | 'skip' | 'abort' | 'rollback';

/**
 * `switchyard approve|reject|retry|skip|abort|rollback <runId> [--as NAME] [--reason TEXT]`: one
 * operator control on a stored run. Controls that let the run go on resume driving it here.
 */
export async function controlCommand(name: ControlName, argv: string[]): Promise<number> {
  const { flags, positionals } = parseCommandArgs(argv, {
    reason: { type: 'string' },
    comment: { type: 'string' },
    ...ENGINE_FLAGS,
  });
  const [runId] = positionals;
  if (!runId) throw new UsageError(`${name} needs a run id (see switchyard runs)`);
  const settings = settingsFrom(flags);
  const reason = typeof flags.reason === 'string' ? flags.reason : typeof flags.comment === 'string' ? flags.comment : '';
  const { engine, dispose } = createEngine(settings);
  try {
    const actions: Record<ControlName, (e: Engine) => Promise<Run>> = {
      approve: (e) => e.approve(runId, settings.actor, reason || undefined),
      reject: (e) => e.reject(runId, settings.actor, reason),
      retry: (e) => e.retry(runId, settings.actor),
      skip: (e) => e.skip(runId, settings.actor, reason),
      abort: (e) => e.abort(runId, settings.actor, reason || undefined),
      rollback: (e) => e.rollback(runId, settings.actor, reason || undefined),
    };
    const run = await actions[name](engine);
    process.stdout.write(`${name}: run ${run.id} is now ${run.status}${run.phase === 'rollback' ? ' (rollback)' : ''}\n`);
    const settled = await engine.settled(runId);
    if (settled.status !== run.status) process.stdout.write(`run ${run.id} is now ${settled.status}\n`);
    return EXIT.succeeded;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return EXIT.failed;
  } finally {
    await dispose();
  }
}
