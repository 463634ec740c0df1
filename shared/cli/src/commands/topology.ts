import { fetchClusterView } from '@switchyard/core';
import { parseCommandArgs, UsageError } from '../args';
import { createEngine, settingsFrom } from '../context';
import { EXIT } from '../exit-codes';

/** `switchyard topology <cluster>`: writer, readers, AZ, class, promotion tier, status. */
export async function topologyCommand(argv: string[]): Promise<number> {
  const { flags, positionals } = parseCommandArgs(argv, {});
  const [clusterId] = positionals;
  if (!clusterId) throw new UsageError('topology needs a cluster id: switchyard topology prod-app');
  const settings = settingsFrom(flags);
  const { aws } = createEngine(settings);
  try {
    const view = await fetchClusterView(aws, clusterId);
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(view, null, 2)}\n`);
      return EXIT.succeeded;
    }
    process.stdout.write(`${view.id}  ${view.engine} ${view.engineVersion}  ${view.status}  (${view.region})\n`);
    if (view.globalClusterId) process.stdout.write(`  global database: ${view.globalClusterId}\n`);
    const rows = view.members.map((m) => [m.isWriter ? 'writer' : 'reader', m.id, m.az, m.class, `tier ${m.tier}`, m.status]);
    const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => r[i].length))) ?? [];
    for (const r of rows) process.stdout.write(`  ${r.map((c, i) => c.padEnd(widths[i])).join('  ')}\n`);
    process.stdout.write(`  failover target (tier-aware): ${view.failoverTarget ?? 'none — no available reader'}\n`);
    return EXIT.succeeded;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return EXIT.failed;
  } finally {
    aws.destroy();
  }
}
