#!/usr/bin/env node
/**
 * yarn bench:fleet-page — the fleet page's time to a usable table with 120 and 1,000 clusters:
 * for each size the portal is started on a simulator with that many generated clusters (besides
 * the demo fleet), and Chromium loads /switchyard as alice; the figure is from navigation start to
 * the table's first rows rendered, plus the time for a sort click to reorder them. Prints the
 * medians, each load as a ratio to the floor (the same app's empty page, same run:
 * test/bench/page-bench.js), and the 1,000/120 ratio.
 * Flags: --sizes 120,1000 --repeat 5 --config FILE (instead of app-config.yaml; repeatable).
 * One machine, one run: read the figures as such.
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
  const r = await timeTo(browser, `${appUrl}/switchyard`, '[data-testid="fleet-row"]', async (page) => {
    const databases = await page.locator('[data-testid="fleet-count"]').textContent();
    const first = () => page.locator('[data-testid="fleet-row"] td').first().textContent();
    const before = await first();
    const sortStart = Date.now();
    await page.getByRole('button', { name: 'Database', exact: true }).click();
    await page.waitForFunction((was) => document.querySelector('[data-testid="fleet-row"] td')?.textContent !== was, before, {
      polling: 'raf',
    });
    return { databases, sort: Date.now() - sortStart };
  });
  return { load: r.ms, sort: r.sort, databases: r.databases };
}

async function main() {
  const results = await benchSizes({
    sizes: values.sizes.split(',').map(Number),
    repeat: Number(values.repeat),
    configs: values.config,
    measure,
    fields: ['databases', 'load', 'sort'],
  });
  console.log('\nclusters  databases on page   empty page (floor)   time to usable table   sort');
  for (const r of results)
    console.log(
      `${String(r.size).padStart(8)}  ${String(r.databases).padEnd(18)}  ${String(r.floor).padStart(8)} ms          ${String(r.load).padStart(8)} ms (${ratio(r.load, r.floor)})   ${r.sort} ms`,
    );
  if (results.length >= 2) {
    const [a, b] = [results[0], results[results.length - 1]];
    console.log(`ratio ${b.size}/${a.size}: ${(b.load / a.load).toFixed(2)}× load, ${(b.sort / Math.max(1, a.sort)).toFixed(2)}× sort`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
