#!/usr/bin/env node
/**
 * yarn bench:entity-page — the Database tab's time to first useful paint (the topology diagram
 * drawn) with 120 and 1,000 generated clusters in the account, as a ratio to the floor: the same
 * app's empty page, measured in the same run (test/bench/page-bench.js). Also how long until every
 * card has settled (no skeleton left), and whether the runbook list changed once drawn.
 * Flags: --sizes 120,1000 --repeat 5 --config FILE (instead of app-config.yaml; repeatable).
 * One machine, one run: read the figures as such (print `uptime` beside them).
 */
const { parseArgs } = require('node:util');
const { benchSizes, ratio, timeTo } = require('./page-bench');

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '120,1000' },
    repeat: { type: 'string', default: '5' },
    config: { type: 'string', multiple: true },
  },
});

async function measure(browser, appUrl) {
  return timeTo(browser, `${appUrl}/catalog/default/resource/prod-app`, '[data-testid="topology"]', async (page) => {
    const runbooks = await page.locator('[data-testid^="runbook-"]').count();
    const start = Date.now();
    await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0, null, { timeout: 120_000 });
    const settledAfter = Date.now() - start;
    // Content already shown must not move: the list drawn with the topology is the list that stays.
    const runbooksLater = await page.locator('[data-testid^="runbook-"]').count();
    return { runbooks, settledAfter, runbooksLater };
  });
}

async function main() {
  const rows = await benchSizes({
    sizes: values.sizes.split(',').map(Number),
    repeat: Number(values.repeat),
    configs: values.config,
    measure: (browser, appUrl) =>
      measure(browser, appUrl).then((r) => ({
        topology: r.ms,
        settled: r.ms + r.settledAfter,
        runbooks: `${r.runbooks}→${r.runbooksLater}`,
      })),
    fields: ['topology', 'settled', 'runbooks'],
  });
  console.log('\nclusters   empty page (floor)   topology shown        every card settled    runbooks drawn→later');
  for (const r of rows)
    console.log(
      `${String(r.size).padStart(8)}   ${String(r.floor).padStart(8)} ms          ${String(r.topology).padStart(6)} ms (${ratio(r.topology, r.floor)})   ${String(r.settled).padStart(6)} ms (${ratio(r.settled, r.floor)})   ${r.runbooks}`,
    );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
