import {
  fetchCostReport,
  missingFigureText,
  partialLabel,
  PriceCache,
  sdkPriceListClient,
  type CostReport,
  type CostRollup,
  type EnvironmentCost,
} from '@switchyard/core';
import { parseCommandArgs, UsageError } from '../args';
import { createAwsGateway, settingsFrom } from '../context';
import { EXIT } from '../exit-codes';

const BY = ['migration', 'team', 'account'] as const;
type By = (typeof BY)[number];
const PRICES = ['api', 'snapshot'] as const;
const usd = (n: number) => `$${n.toFixed(2)}`;

/** `switchyard cost`: what the parallel environments of blue/green migrations cost, and what should be gone. */
export async function costCommand(argv: string[]): Promise<number> {
  const { flags } = parseCommandArgs(argv, {
    by: { type: 'string' },
    'grace-days': { type: 'string' },
    'no-actuals': { type: 'boolean' },
    prices: { type: 'string' },
    'price-cache': { type: 'string' },
  });
  const by = (typeof flags.by === 'string' ? flags.by : 'migration') as By;
  if (!BY.includes(by)) throw new UsageError(`--by must be one of ${BY.join(', ')}`);
  const grace = typeof flags['grace-days'] === 'string' ? Number(flags['grace-days']) : undefined;
  if (grace !== undefined && !(grace >= 0)) throw new UsageError('--grace-days expects a number of days');
  const prices = (typeof flags.prices === 'string' ? flags.prices : 'api') as (typeof PRICES)[number];
  if (!PRICES.includes(prices)) throw new UsageError(`--prices must be one of ${PRICES.join(', ')}`);
  const cacheFile = typeof flags['price-cache'] === 'string' ? flags['price-cache'] : process.env.SWITCHYARD_PRICE_CACHE || undefined;
  const settings = settingsFrom(flags);
  const aws = createAwsGateway(settings);
  const priceList = sdkPriceListClient({ endpoint: settings.endpoint, profile: settings.profile });
  try {
    const report = await fetchCostReport(aws, Date.now(), {
      actuals: flags['no-actuals'] !== true,
      prices,
      priceList,
      priceCache: new PriceCache({ file: cacheFile }),
      ...(grace !== undefined ? { oldEnvironmentGraceDays: grace } : {}),
    });
    process.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : render(report, by));
    if (!report.partial) return EXIT.succeeded;
    // On stderr too, so a script reading --json from stdout still sees why the exit code is 6.
    process.stderr.write(
      `${partialLabel(report.missing)}: the totals are a lower bound. ${flags.json ? 'See "missing" in the report.' : 'See "Missing figures" above.'}\n`,
    );
    return EXIT.partial;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return EXIT.failed;
  } finally {
    priceList.destroy();
    aws.destroy();
  }
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => r[i].length))) ?? [];
  return rows.map((r) => `  ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')}\n`).join('');
}

const part = (cost: { usd: number } | null, missing: boolean) => (cost ? usd(cost.usd) : missing ? 'MISSING' : 'n/a');

function environmentRow(e: EnvironmentCost): string[] {
  return [
    e.clusterId,
    e.kind,
    e.migration,
    e.since.slice(0, 16).replace('T', ' '),
    usd(e.costSoFar),
    usd(e.burnPerHour),
    usd(e.burnPerDay),
    e.projection ? usd(e.projection.total) : '-',
    e.projection ? `${e.projection.until.slice(0, 10)} (${e.projection.from})` : '-',
    usd(e.compute),
    part(
      e.storage,
      e.missing.some((m) => m.figure === 'storage'),
    ),
    e.storageConfig === 'io-optimized'
      ? 'none'
      : part(
          e.io,
          e.missing.some((m) => m.figure === 'io'),
        ),
  ];
}

function render(report: CostReport, by: By): string {
  let out = `Parallel environments (${report.region}), estimate at ${report.generatedAt}\n`;
  if (report.environments.length === 0) out += '  none\n';
  else
    out += table([
      ['environment', 'kind', 'migration', 'since', 'so far', '/hour', '/day', 'projected', 'until', 'compute', 'storage', 'I/O'],
      ...report.environments.map(environmentRow),
    ]);
  const rollupRows = (rows: CostRollup[]) =>
    rows.map((r) => [r.key, String(r.environments), usd(r.costSoFar), usd(r.burnPerHour), usd(r.burnPerDay), usd(r.projectedTotal)]);
  out += `\nBy ${by}:\n`;
  out += table([[by, 'envs', 'so far', '/hour', '/day', 'projected'], ...rollupRows(report.rollups[by])]);
  const f = report.fleet;
  const partial = partialLabel(report.missing);
  out += `\nFleet total: ${usd(f.costSoFar)} so far, ${usd(f.burnPerHour)}/hour, ${usd(f.burnPerDay)}/day, ${usd(f.projectedTotal)} projected${partial ? ` (${partial}: at least this much)` : ''}\n`;
  if (report.missing.length) {
    out += `Missing figures (${report.missing.length}; counted as nothing in the totals above):\n`;
    for (const m of report.missing) out += `  ! ${missingFigureText(m)}\n`;
  }
  out += `Included: ${report.included.join('; ')}.\nNot included: ${report.excluded.join('; ')}.\n`;
  for (const e of report.environments) {
    const specific = e.excluded.filter((x) => !report.excluded.includes(x));
    for (const reason of specific) out += `  - ${reason}\n`;
  }
  out += 'Prices (on-demand):\n';
  for (const s of report.priceSources) out += `  ${s.source}, ${s.date}\n`;
  for (const note of report.priceNotes) out += `  ${note}\n`;
  if (report.findings.length) {
    out += '\nFindings:\n';
    for (const finding of report.findings) out += `  ! ${finding.migration}: ${finding.message}\n`;
  }
  out += '\nBilled (Cost Explorer, UnblendedCost, tag switchyard:deployment):\n';
  if (!Array.isArray(report.actuals)) out += `  unavailable: ${report.actuals.error}\n`;
  else if (report.actuals.length === 0) out += '  nothing to look up\n';
  else {
    for (const a of report.actuals) {
      const estimated = a.days.some((d) => d.estimated) ? ' (latest days estimated)' : '';
      out += `  ${a.migration}: ${usd(a.totalUsd)} billed through ${a.through}${estimated}\n`;
    }
    out += `  ${report.actuals[0].note}\n`;
  }
  return out;
}
