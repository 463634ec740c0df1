import { fetchTopology, type Topology } from '@switchyard/core';
import { parseCommandArgs, UsageError } from '../args';
import { createAwsGateway, settingsFrom } from '../context';
import { EXIT } from '../exit-codes';

/**
 * `switchyard topology <cluster>`: writer, readers (AZ, class, promotion tier, status, replica lag),
 * Global Database regions, Blue/Green pairs and lint findings; `--json` prints the whole Topology.
 */
export async function topologyCommand(argv: string[]): Promise<number> {
  const { flags, positionals } = parseCommandArgs(argv, {});
  const [clusterId] = positionals;
  if (!clusterId) throw new UsageError('topology needs a cluster id: switchyard topology prod-app');
  const settings = settingsFrom(flags);
  const aws = createAwsGateway(settings);
  try {
    const topology = await fetchTopology(aws, clusterId);
    process.stdout.write(flags.json ? `${JSON.stringify(topology, null, 2)}\n` : formatTopology(topology));
    return EXIT.succeeded;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return EXIT.failed;
  } finally {
    aws.destroy();
  }
}

const lag = (ms: number | null): string => (ms === null ? 'lag n/a' : `lag ${Math.round(ms)} ms`);

export function formatTopology(t: Topology): string {
  const view = t.cluster;
  const lines = [`${view.id}  ${view.engine} ${view.engineVersion}  ${view.status}  (${view.region})`];
  const rows = t.instances.map((m) => [
    m.role,
    m.id,
    m.az,
    m.class,
    `tier ${m.tier}`,
    m.status,
    m.role === 'writer' ? '' : lag(m.replicaLagMs),
  ]);
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => r[i].length))) ?? [];
  for (const r of rows) lines.push(`  ${r.map((c, i) => c.padEnd(widths[i])).join('  ')}`.trimEnd());
  lines.push(`  failover target (tier-aware): ${view.failoverTarget ?? 'none — no available reader'}`);
  if (t.global) {
    lines.push(`  global database: ${t.global.id} (${t.global.status})`);
    for (const r of t.global.regions) {
      const role = r.isPrimary ? 'primary  ' : 'secondary';
      const extra = r.isPrimary ? '' : `  replication ${lag(r.replicationLagMs)}`;
      lines.push(`    ${role} ${r.region}  ${r.clusterId}  ${r.status}  ${r.readers} reader(s)${extra}`);
    }
  }
  for (const bg of t.blueGreen) {
    const green = bg.green ? `${bg.green.clusterId} (${bg.green.engineVersion})` : `${bg.deployment.targetClusterId} (gone)`;
    const blue = bg.blue ? `${bg.blue.clusterId} (${bg.blue.engineVersion})` : `${bg.deployment.sourceClusterId} (gone)`;
    lines.push(`  blue/green: ${bg.deployment.name} ${bg.deployment.id}  ${blue} → ${green}  ${bg.stage}`);
    if (bg.lifecycle === 'watch-window' && bg.blue) {
      const by = bg.blue.decommissionBy ? `decommission by ${bg.blue.decommissionBy.slice(0, 10)}` : 'no decommission date set';
      lines.push(`    ${bg.labels.source.toLowerCase()}: ${bg.blue.clusterId}, ${by}`);
    }
  }
  if (t.findings.length === 0) lines.push('  findings: none');
  for (const f of t.findings) lines.push(`  ${f.severity}: [${f.code}] ${f.message}`);
  for (const w of t.warnings ?? []) lines.push(`  could not read: ${w}`);
  return `${lines.join('\n')}\n`;
}
