import { paramPairs, parseCommandArgs } from '../args';
import { createRunHost, ENGINE_FLAGS, settingsFrom } from '../context';
import { EXIT } from '../exit-codes';
import { RunSession } from './run';

/** `switchyard runs [--resume ID]`: lists runs in the store, or resumes one after a crash or Ctrl-C. */
export async function runsCommand(argv: string[]): Promise<number> {
  const { flags } = parseCommandArgs(argv, {
    resume: { type: 'string' },
    param: { type: 'string', multiple: true, short: 'p' },
    approve: { type: 'boolean' },
    approver: { type: 'string' },
    ...ENGINE_FLAGS,
  });
  const settings = settingsFrom(flags);
  const { host, dispose } = createRunHost(settings);
  try {
    if (typeof flags.resume === 'string') {
      const session = new RunSession(host, {
        json: flags.json === true,
        autoApprove: flags.approve === true,
        approver: typeof flags.approver === 'string' ? flags.approver : undefined,
        actor: settings.actor,
      });
      const id = flags.resume;
      // Secret params are never stored: --param gives them again to the process that resumes the run.
      const secrets = paramPairs(flags.param as string[] | undefined);
      await session.start(() => host.resume(id, { secrets }));
      return await session.follow(id);
    }
    const runs = await host.list();
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
      return EXIT.succeeded;
    }
    if (!runs.length) {
      process.stdout.write(`no runs in ${settings.storeDir}\n`);
      return EXIT.succeeded;
    }
    for (const r of runs) {
      const step = r.currentStep ? ` at "${r.currentStep}"` : '';
      process.stdout.write(
        `${r.id}  ${r.status.padEnd(16)} ${r.title}${step}  (${r.startedBy}, ${r.createdAt})${r.dryRun ? ' dry-run' : ''}\n`,
      );
    }
    return EXIT.succeeded;
  } finally {
    await dispose();
  }
}
