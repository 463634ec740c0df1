import { parseCommandArgs } from '../args';
import { createRunHost, settingsFrom } from '../context';
import { EXIT } from '../exit-codes';

/**
 * `switchyard locks [--json]`: the resources held by open runs, with the run holding each. A lock is
 * part of its run (taken and released in the run's own writes), so it ends when its run ends:
 * release one by aborting its run with a reason (`switchyard abort RUN --reason TEXT`, audited).
 */
export async function locksCommand(argv: string[]): Promise<number> {
  const { flags } = parseCommandArgs(argv, {});
  const { host, dispose } = createRunHost(settingsFrom(flags));
  try {
    const locks = await host.locks();
    const runs = new Map((await host.list()).map((r) => [r.id, r]));
    const rows = locks.map((l) => ({ ...l, status: runs.get(l.runId)?.status, startedBy: runs.get(l.runId)?.startedBy }));
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    } else if (!rows.length) {
      process.stdout.write('no locks: no open run holds a resource\n');
    } else {
      for (const r of rows)
        process.stdout.write(`${r.key}  held by ${r.runId} (${r.status ?? 'unknown'}, started by ${r.startedBy ?? '?'})\n`);
      process.stdout.write('a lock ends with its run: abort the run with a reason to release it (switchyard abort RUN --reason TEXT)\n');
    }
    return EXIT.succeeded;
  } finally {
    await dispose();
  }
}
