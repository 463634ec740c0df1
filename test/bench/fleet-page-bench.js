#!/usr/bin/env node
/**
 * yarn bench:fleet-page — the fleet page's time to a usable table with 120 and 1,000 clusters:
 * for each size the portal is started on a simulator with that many generated clusters (besides
 * the demo fleet), and Chromium (Debian's, via playwright-core) loads /switchyard as alice; the
 * figure is from navigation start to the table's first rows rendered, plus the time for a sort
 * click to reorder them. Prints the medians, and the 1,000/120 ratio.
 * Flags: --sizes 120,1000 --repeat 5 --config FILE (instead of app-config.yaml; repeatable).
 * One machine, one run: read the figures as such.
 */
const { parseArgs } = require('node:util');
const { chromium } = require('playwright-core');
const { startPortal } = require('../backstage/support/portal');

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '120,1000' },
    repeat: { type: 'string', default: '5' },
    config: { type: 'string', multiple: true },
  },
});
const SIZES = values.sizes.split(',').map(Number);
const REPEAT = Number(values.repeat);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(browser, appUrl) {
  const context = await browser.newContext({ extraHTTPHeaders: { 'x-switchyard-user': 'alice' }, viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  const start = Date.now();
  await page.goto(`${appUrl}/switchyard`);
  await page.locator('[data-testid="fleet-row"]').first().waitFor({ timeout: 180_000 });
  const load = Date.now() - start;
  const databases = await page.locator('[data-testid="fleet-count"]').textContent();
  const first = () => page.locator('[data-testid="fleet-row"] td').first().textContent();
  const before = await first();
  const sortStart = Date.now();
  await page.getByRole('button', { name: 'Database', exact: true }).click();
  await page.waitForFunction((was) => document.querySelector('[data-testid="fleet-row"] td')?.textContent !== was, before, {
    polling: 'raf',
  });
  const sort = Date.now() - sortStart;
  await context.close();
  return { load, sort, databases };
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  const results = [];
  try {
    for (const size of SIZES) {
      process.stdout.write(`starting the portal with ${size} generated clusters… `);
      const portal = await startPortal({ configs: values.config, env: { APP_CONFIG_switchyard_simulator_extraClusters: String(size) } });
      console.log('up');
      try {
        await measure(browser, portal.appUrl); // warm-up: bundle cached, backend caches primed
        const runs = [];
        for (let i = 0; i < REPEAT; i++) runs.push(await measure(browser, portal.appUrl));
        const row = { size, databases: runs[0].databases, load: median(runs.map((r) => r.load)), sort: median(runs.map((r) => r.sort)) };
        console.log(`  ${row.databases}: table usable after ${row.load} ms (median of ${REPEAT}), sort by name ${row.sort} ms`);
        results.push(row);
      } finally {
        await portal.stop();
      }
    }
  } finally {
    await browser.close();
  }
  console.log('\nclusters  databases on page   time to usable table   sort');
  for (const r of results)
    console.log(
      `${String(r.size).padStart(8)}  ${String(r.databases).padEnd(18)}  ${String(r.load).padStart(8)} ms           ${r.sort} ms`,
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
