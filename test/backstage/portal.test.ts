/**
 * The Backstage portal end to end: `backstage-cli repo start --plugin switchyard` (dev backend with
 * the embedded simulator and catalog, frontend dev app) driven in Debian's Chromium as the demo
 * users. Screenshots of each page go to test/output/backstage/.
 */
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, pageAs, screenshot } from './support/browser';
import { devToken, startPortal } from './support/portal';

type Portal = Awaited<ReturnType<typeof startPortal>>;

const PROD_APP = 'catalog/default/resource/prod-app';
let portal: Portal;
let browser: Browser;

beforeAll(async () => {
  // The root app-config.yaml, as `yarn start` uses it; AWS time runs 10× faster so the failover takes seconds.
  portal = await startPortal({ timeoutMs: 240_000, env: { APP_CONFIG_switchyard_simulator_timeScale: '10' } });
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await portal?.stop();
}, 60_000);

async function openProdApp(user: string, query = ''): Promise<Page> {
  const page = await pageAs(browser, user);
  await page.goto(`${portal.appUrl}/${PROD_APP}${query}`);
  await page.locator('[data-testid="topology"]').waitFor();
  return page;
}

const roleOf = (page: Page, id: string) => page.locator(`[data-testid="instance-${id}"]`).getAttribute('data-role');

test("prod-app's Database tab draws the writer, the readers and their tiers, and the cost of the deployment in flight", async () => {
  const page = await openProdApp('alice');
  const writer = page.locator('[data-testid="instance-prod-app-0"]');
  expect(await writer.getAttribute('data-role')).toBe('writer');
  expect(await writer.locator('.sy-badge--tier').textContent()).toBe('tier 0');
  for (const [reader, tier] of [
    ['prod-app-1', 'tier 1'],
    ['prod-app-2', 'tier 1'],
    ['prod-app-analytics', 'tier 15'],
  ]) {
    const node = page.locator(`[data-testid="instance-${reader}"]`);
    expect(await node.getAttribute('data-role')).toBe('reader');
    expect(await node.locator('.sy-badge--tier').textContent()).toBe(tier);
  }
  // The Blue/Green deployment to 16.4 is in flight: its parallel environment costs money.
  const costSoFar = page.locator('[data-testid="switchyard-cost-card"] [data-testid="cost-so-far"]');
  await costSoFar.waitFor();
  expect(await costSoFar.textContent()).toMatch(/^\$\d[\d,]*\.\d\d\d?$/);
  expect(Number((await costSoFar.textContent())!.replace(/[$,]/g, ''))).toBeGreaterThan(0);
  expect(await page.locator('[data-testid^="cost-env-"]').count()).toBeGreaterThan(0);
  // Compute, plus the green's own volume (200 GB billed) and its I/O, from the simulator's CloudWatch.
  expect(await page.locator('[data-testid^="cost-env-"]').first().textContent()).toMatch(
    /compute \$[\d.,]+ · storage \$[\d.,]+ \(200\.0 GB\) · I\/O \$[\d.,]+/,
  );
  await screenshot(page, 'database-tab');
  await page.context().close();
}, 120_000);

test('the start dialog is a Backstage form: labelled by descriptions, the impact, account and region, readers only as failover targets, Cancel', async () => {
  const alice = await openProdApp('alice');
  await alice.getByRole('button', { name: 'Run Fail over an Aurora cluster to a chosen reader' }).click();
  const dialog = alice.getByRole('dialog');
  await dialog.getByText('The Aurora cluster to fail over').first().waitFor();
  expect(await dialog.textContent()).not.toMatch(/rds-instance|rds-cluster/);
  expect(await dialog.getByTestId('start-run-where').textContent()).toMatch(/^Account \d{12}, region us-east-1 · cluster prod-app$/);
  await screenshot(alice, 'start-run-dialog');
  await dialog.locator('#switchyard-param-failover_md-target').click();
  const options = await alice.getByRole('listbox').getByRole('option').allTextContents();
  await screenshot(alice, 'start-run-dialog-targets');
  expect(options[0]).toBe('(none: Aurora picks the reader)');
  expect(options.filter((o) => o.startsWith('prod-app-0 '))).toEqual([]);
  expect(options.filter((o) => o.startsWith('prod-app-1 '))).toHaveLength(1);
  await alice.keyboard.press('Escape');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await alice.context().close();
}, 120_000);

test('a Global Database secondary is shown as one and offered its promotion, not a failover', async () => {
  const page = await pageAs(browser, 'alice');
  await page.goto(`${portal.appUrl}/catalog/default/resource/prod-app-eu`);
  await page.locator('[data-testid="global-secondary"]').waitFor();
  expect(await page.getByText('no writer (a failover may be in progress)').count()).toBe(0);
  await page.locator('[data-testid="runbook-promote-global.md"]').waitFor();
  expect(await page.locator('[data-testid="runbook-failover.md"]').count()).toBe(0);
  await screenshot(page, 'database-tab-global-secondary');
  await page.context().close();
}, 120_000);

test('a user who does not own prod-app is refused: no Run button, and the backend says 403', async () => {
  const page = await openProdApp('carol');
  await page.locator('[data-testid="no-create-permission"]').waitFor();
  expect(await page.locator('[data-testid="no-create-permission"]').textContent()).toContain('carol');
  expect(await page.getByRole('button', { name: /^Run / }).count()).toBe(0);
  await screenshot(page, 'database-tab-carol');
  await page.context().close();

  const token = await devToken(portal.backendUrl, 'carol');
  const response = await fetch(`${portal.backendUrl}/api/switchyard/runs`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ runbook: 'failover.md', entityRef: 'resource:default/prod-app', params: { cluster: 'prod-app' } }),
  });
  expect(response.status).toBe(403);
  expect((await response.json()).error.message).toMatch(/carol/);
}, 120_000);

/** The run card's top edge in the window: a run just opened must be in view, not below the fold. */
async function runCardTop(page: Page): Promise<number> {
  await page.waitForFunction(
    () => {
      const top = document.querySelector('[data-testid="live-run-card"]')?.getBoundingClientRect().top;
      return top !== undefined && top >= 0 && top < window.innerHeight / 2;
    },
    undefined,
    { timeout: 15_000, polling: 250 },
  );
  return page.locator('[data-testid="live-run-card"]').evaluate((e) => e.getBoundingClientRect().top);
}

/** The audit trail's rows as text, one string a row. */
const auditRows = (page: Page) => page.locator('table[aria-label="Audit trail"] tbody tr').allTextContents();

test('alice starts the failover; bob is told it waits for him on the fleet and entity pages and approves it; alice sees the new writer, then rolls back through the confirmation', async () => {
  const alice = await openProdApp('alice');
  await alice.getByRole('button', { name: 'Run Fail over an Aurora cluster to a chosen reader' }).click();
  const dialog = alice.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Start run' }).click();
  const run = alice.locator('[data-testid="run"]');
  await run.waitFor();
  await alice.waitForURL(/[?&]run=/);
  const runId = new URL(alice.url()).searchParams.get('run')!;
  await alice.locator('[data-testid="run"][data-status="waiting-approval"]').waitFor();
  // The run comes first: in view at once, with the topology folded to one line under it.
  expect(await runCardTop(alice)).toBeLessThan(500);
  await alice.locator('[data-testid="switchyard-topology-fold"]').waitFor();
  // The run she has open is not repeated in a banner above it.
  expect(await alice.locator('[data-testid="pending-approvals"]').count()).toBe(0);
  await screenshot(alice, 'run-waiting-approval');

  // bob is told, wherever he looks: the fleet page, and prod-app's page without the run open.
  const bobFleet = await pageAs(browser, 'bob');
  await bobFleet.goto(`${portal.appUrl}/switchyard`);
  const fleetBanner = bobFleet.locator(`[data-testid="pending-approval-${runId}"]`);
  await fleetBanner.waitFor();
  expect(await fleetBanner.textContent()).toMatch(
    /prod-app · Fail over an Aurora cluster to a chosen reader · step “Confirm with the on-call lead”: Fail over prod-app from/,
  );
  await screenshot(bobFleet, 'fleet-page-waiting-for-bob');
  const bobEntity = await openProdApp('bob');
  await bobEntity.locator(`[data-testid="pending-approval-${runId}"]`).waitFor();
  await screenshot(bobEntity, 'database-tab-waiting-for-bob');
  await bobEntity.context().close();

  // From the fleet banner to the run, on prod-app's page, and Approve.
  await fleetBanner.getByRole('button', { name: 'Review and approve' }).click();
  await bobFleet.waitForURL(new RegExp(`${PROD_APP}\\?run=${runId}`));
  await bobFleet.locator('[data-testid="approval"]').getByRole('button', { name: 'Approve' }).click();
  await bobFleet.locator('[data-testid="run"]:not([data-status="waiting-approval"])').waitFor();
  await screenshot(bobFleet, 'run-approved-by-bob');
  await bobFleet.context().close();

  // alice's page follows over server-sent events: the run succeeds, the diagram moves the writer.
  await alice.locator('[data-testid="run"][data-status="succeeded"]').waitFor({ timeout: 180_000 });
  await alice.waitForFunction(
    () => document.querySelector('[data-testid="instance-prod-app-0"]')?.getAttribute('data-role') === 'reader',
    undefined,
    { timeout: 60_000, polling: 500 },
  );
  expect(await roleOf(alice, 'prod-app-1')).toBe('writer');
  // The run list reloads when the run ends (its answer may land after the diagram's): wait for it, do not race it.
  await alice.locator(`[data-testid="run-row-${runId}"][data-status="succeeded"]`).waitFor({ timeout: 30_000 });
  await screenshot(alice, 'run-succeeded');

  // Roll back asks first, saying what it does to prod-app; Cancel sends nothing.
  await run.getByRole('toolbar', { name: 'Run controls' }).getByRole('button', { name: 'Roll back' }).click();
  const confirm = alice.getByRole('dialog', { name: /^Roll back "Fail over an Aurora cluster to a chosen reader" on prod-app\?$/ });
  await confirm.waitFor();
  expect(await confirm.textContent()).toContain('Undoes what the run changed on prod-app, newest first ("Fail over")');
  await screenshot(alice, 'confirm-rollback');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await confirm.waitFor({ state: 'hidden' });
  expect(await run.getAttribute('data-status')).toBe('succeeded');
  await run.getByRole('toolbar', { name: 'Run controls' }).getByRole('button', { name: 'Roll back' }).click();
  await confirm.getByLabel('Reason (optional)').fill('game day over: back to prod-app-0');
  await confirm.getByRole('button', { name: 'Roll back' }).click();
  await alice
    .locator('[data-testid="run"][data-status="rolled-back"], [data-testid="run"][data-status="failed"]')
    .waitFor({ timeout: 300_000 })
    .finally(() => screenshot(alice, 'run-rolled-back'));
  expect(await run.getAttribute('data-status')).toBe('rolled-back');
  // Ended: "rolled-back", and no stale "rolling back" badge beside it.
  expect(await run.locator('.sy-badge--rollback').count()).toBe(0);
  expect(
    (await auditRows(alice)).some(
      (r) => r.includes('alice') && r.includes('rollback started') && r.includes('game day over: back to prod-app-0'),
    ),
  ).toBe(true);
  await alice.context().close();
}, 720_000);

test('Abort asks first, says the run has not changed prod-app yet, and records the reason', async () => {
  const alice = await openProdApp('alice');
  await alice.getByRole('button', { name: 'Run Fail over an Aurora cluster to a chosen reader' }).click();
  await alice.getByRole('dialog').getByRole('button', { name: 'Start run' }).click();
  const run = alice.locator('[data-testid="run"]');
  await alice.locator('[data-testid="run"][data-status="waiting-approval"]').waitFor();
  await run.getByRole('toolbar', { name: 'Run controls' }).getByRole('button', { name: 'Abort' }).click();
  const confirm = alice.getByRole('dialog', { name: /^Abort "Fail over an Aurora cluster to a chosen reader" on prod-app\?$/ });
  expect(await confirm.textContent()).toContain('Nothing is undone, and it has not changed prod-app yet.');
  await confirm.getByLabel('Reason (optional)').fill('wrong cluster, sorry');
  await screenshot(alice, 'confirm-abort');
  await confirm.getByRole('button', { name: 'Abort run' }).click();
  await alice.locator('[data-testid="run"][data-status="aborted"]').waitFor();
  expect((await auditRows(alice)).some((r) => r.includes('alice') && r.includes('wrong cluster, sorry'))).toBe(true);
  await alice.context().close();
}, 240_000);

test('the fleet page lists the 120-cluster fleet and the fleet total of parallel environments', async () => {
  const page = await pageAs(browser, 'alice');
  await page.goto(`${portal.appUrl}/switchyard`);
  await page.locator('[data-testid="fleet-row"]').first().waitFor({ timeout: 120_000 });
  const count = Number(/^(\d+) databases$/.exec((await page.locator('[data-testid="fleet-count"]').textContent()) ?? '')?.[1]);
  expect(count).toBeGreaterThanOrEqual(120);
  await page.waitForFunction(() => /\$\d/.test(document.querySelector('[data-testid="fleet-cost-total"]')?.textContent ?? ''), undefined, {
    timeout: 60_000,
  });
  expect(Number((await page.locator('[data-testid="fleet-cost-total"]').textContent())!.replace(/[$,]/g, ''))).toBeGreaterThan(0);
  expect(await page.locator('[data-testid="cost-per-migration"] tbody tr').count()).toBeGreaterThan(0);
  await screenshot(page, 'fleet-page');
  await page.context().close();
}, 180_000);

test('the dev portal is for this machine only: it listens on loopback, and its errors carry no stack traces', async () => {
  // Whoever reaches the dev portal picks who they are (the sign-in reads a header).
  const external = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && !i.internal && i.family === 'IPv4')?.address;
  for (const url of [portal.backendUrl, portal.appUrl]) {
    const port = Number(new URL(url).port);
    await expect(reachable('127.0.0.1', port)).resolves.toBe(true);
    if (external) expect([url, await reachable(external, port)]).toEqual([url, false]);
  }

  const token = await devToken(portal.backendUrl, 'carol');
  const malformed = await fetch(`${portal.backendUrl}/api/switchyard/runs`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: '{"runbook": ',
  });
  const missing = await fetch(`${portal.backendUrl}/api/switchyard/runs/no-such-run`, { headers: { Authorization: `Bearer ${token}` } });
  const unknownUser = await fetch(`${portal.backendUrl}/api/auth/switchyard-dev/refresh`, {
    headers: { 'x-switchyard-user': 'mallory', 'X-Requested-With': 'XMLHttpRequest' },
  });
  for (const [response, status] of [
    [malformed, 400],
    [missing, 404],
    [unknownUser, 403],
  ] as const) {
    const body = await response.text();
    expect([response.url, response.status]).toEqual([response.url, status]);
    expect(JSON.parse(body).error.stack).toBeUndefined();
    expect(body).not.toMatch(/node_modules|\.[cm]?[jt]s:\d+/);
  }
}, 60_000);

/** Whether a TCP connection to host:port is accepted. */
function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 5000 });
    const settle = (accepted: boolean) => {
      socket.destroy();
      resolve(accepted);
    };
    socket.once('connect', () => settle(true));
    socket.once('error', () => settle(false));
    socket.once('timeout', () => settle(false));
  });
}
