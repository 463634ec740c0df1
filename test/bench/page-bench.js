/**
 * The harness the page benchmarks share: Chromium (Debian's, via playwright-core), a portal per
 * cluster count, the time from navigation start to a selector, and the floor — the same app's
 * empty page (`/empty`: the Backstage frame and a header, nothing of ours), measured in the same
 * run, so a figure reads as "this many empty pages" whatever the machine's load.
 */
const { chromium } = require('playwright-core');
const { startPortal } = require('../backstage/support/portal');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

/** A fresh context signed in as `user` (the dev sign-in reads the header), at a laptop's size. */
async function newPage(browser, user = 'alice') {
  const context = await browser.newContext({ extraHTTPHeaders: { 'x-switchyard-user': user }, viewport: { width: 1440, height: 1000 } });
  return { context, page: await context.newPage() };
}

/** Milliseconds from navigation start to `selector` being visible; `after(page)` may measure more before the context closes. */
async function timeTo(browser, url, selector, after, timeoutMs = 180_000) {
  const { context, page } = await newPage(browser);
  try {
    const start = Date.now();
    await page.goto(url);
    await page.locator(selector).first().waitFor({ state: 'visible', timeout: timeoutMs });
    const ms = Date.now() - start;
    return { ms, ...(after ? await after(page) : {}) };
  } finally {
    await context.close();
  }
}

const EMPTY = '[data-testid="empty-page"]';

async function benchSizes({ sizes, repeat, configs, measure, fields }) {
  const browser = await launchBrowser();
  const rows = [];
  try {
    for (const size of sizes) {
      process.stdout.write(`starting the portal with ${size} generated clusters… `);
      const portal = await startPortal({ configs, env: { APP_CONFIG_switchyard_simulator_extraClusters: String(size) } });
      console.log('up');
      try {
        // Warm-up: on a loaded machine the first load may take minutes to parse the bundle.
        await timeTo(browser, `${portal.appUrl}/empty`, EMPTY, undefined, 600_000);
        await measure(browser, portal.appUrl); // bundle cached, backend caches primed
        const floors = [];
        const runs = [];
        for (let i = 0; i < repeat; i++) {
          floors.push((await timeTo(browser, `${portal.appUrl}/empty`, EMPTY)).ms);
          runs.push(await measure(browser, portal.appUrl));
        }
        const floor = median(floors);
        const row = { size, floor };
        for (const f of fields) row[f] = typeof runs[0][f] === 'number' ? median(runs.map((r) => r[f])) : runs[0][f];
        rows.push(row);
        console.log(`  floor (empty page) ${floor} ms; ${fields.map((f) => `${f} ${row[f]}`).join(', ')} (medians of ${repeat})`);
      } finally {
        await portal.stop();
      }
    }
  } finally {
    await browser.close();
  }
  return rows;
}

const ratio = (ms, floor) => `${(ms / Math.max(1, floor)).toFixed(2)}×`;

module.exports = { benchSizes, timeTo, median, ratio };
