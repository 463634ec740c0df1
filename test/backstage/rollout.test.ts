/**
 * A fleet rollout in the Backstage portal, end to end in Debian's Chromium: alice starts a rollout
 * of the failover runbook from the fleet page (selection → plan preview → start), the rollout page
 * shows wave 1 running; she pauses it (through the confirmation), bob approves wave 1's run, wave 1
 * ends and wave 2 does not start while paused; she resumes, wave 2 runs, bob approves, the
 * rollout succeeds. Screenshots go to test/output/backstage/.
 */
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, pageAs, screenshot } from './support/browser';
import { devToken, startPortal } from './support/portal';

type Portal = Awaited<ReturnType<typeof startPortal>>;

let portal: Portal;
let browser: Browser;

beforeAll(async () => {
  // The root app-config.yaml, as `yarn start` uses it; AWS time runs 10× faster so failovers take seconds.
  portal = await startPortal({ timeoutMs: 240_000, env: { APP_CONFIG_switchyard_simulator_timeScale: '10' } });
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await portal?.stop();
}, 60_000);

/** bob approves the run waiting on `cluster` (the four-eyes rule: alice started it), through the REST API. */
async function bobApproves(page: Page, cluster: string): Promise<void> {
  const row = page.locator(`[data-testid="rollout-cluster-${cluster}"][data-status="waiting"]`);
  await row.waitFor();
  const runId = (await row.getByRole('link', { name: /-c\d{4}$/ }).textContent())!.trim();
  const token = await devToken(portal.backendUrl, 'bob');
  const response = await fetch(`${portal.backendUrl}/api/switchyard/runs/${runId}/actions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ action: 'approve', reason: 'looked at the rollout page' }),
  });
  expect([runId, response.status]).toEqual([runId, 200]);
}

/** Clicks a rollout control and confirms it in the dialog, which says what it does first. */
async function control(page: Page, label: string, effect: RegExp, reason?: string): Promise<void> {
  await page.getByTestId('rollout-controls').getByRole('button', { name: label }).click();
  const dialog = page.getByTestId('confirm-control');
  await dialog.waitFor();
  expect(await dialog.textContent()).toMatch(effect);
  if (reason) await dialog.getByLabel(/Reason/).fill(reason);
  await dialog.getByRole('button', { name: label }).click();
  await dialog.waitFor({ state: 'hidden' });
}

test('alice starts a rollout from the fleet page, watches wave 1, pauses, resumes into wave 2; it succeeds', async () => {
  const page = await pageAs(browser, 'alice');
  await page.goto(`${portal.appUrl}/switchyard`);
  await page.getByRole('button', { name: 'Start a rollout' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Runbook').click();
  await page.getByRole('option', { name: /^Fail over an Aurora cluster to a chosen reader \(failover\.md\)$/ }).click();
  await dialog.getByLabel('Clusters', { exact: true }).click();
  await page.getByRole('option', { name: 'prod-app', exact: true }).click();
  await page.getByRole('option', { name: 'billing-db', exact: true }).click();
  await page.keyboard.press('Escape');
  await dialog.getByLabel('Waves', { exact: true }).fill('1,rest');
  expect(await dialog.getByTestId('rollout-selection').textContent()).toBe('Selection: prod-app,billing-db');
  await dialog.getByRole('button', { name: 'Preview plan' }).click();
  const summary = dialog.getByTestId('rollout-plan-summary');
  await summary.waitFor();
  expect(await summary.textContent()).toMatch(/^2 cluster\(s\) in 2 wave\(s\) \(1, 1\); no gate between waves; stop after 1 failure\(s\)/);
  expect(await dialog.getByTestId('plan-cluster-prod-app').textContent()).toMatch(/^1prod-app\d{12} \/ us-east-1cluster=prod-app$/);
  expect(await dialog.getByTestId('plan-cluster-billing-db').textContent()).toMatch(/^2billing-db/);
  await screenshot(page, 'rollout-plan-preview');
  await dialog.getByRole('button', { name: 'Start rollout' }).click();

  // The rollout page: wave 1 (prod-app) runs and waits for a second person; wave 2 has not begun.
  await page.waitForURL(/\/switchyard\/rollouts\/ro-\d{14}-[0-9a-f]{6}$/);
  await page.locator('[data-testid="rollout-cluster-prod-app"][data-status="waiting"]').waitFor();
  expect(await page.getByTestId('rollout-status').textContent()).toBe('running');
  expect(await page.locator('[data-testid="rollout-cluster-billing-db"]').getAttribute('data-status')).toBe('pending');
  expect(await page.getByTestId('wave-2-stage').textContent()).toMatch(/^not started/);

  await control(page, 'Pause rollout', /No new cluster starts until someone resumes it \(1 still to start\)/, 'check wave 1 first');
  await page.locator('[data-testid="rollout-status"]', { hasText: /^paused$/ }).waitFor();

  await bobApproves(page, 'prod-app');
  await page.locator('[data-testid="rollout-cluster-prod-app"][data-status="succeeded"]').waitFor({ timeout: 120_000 });
  await page.locator('[data-testid="wave-1-stage"]', { hasText: /^done/ }).waitFor();
  // Paused: wave 1 is over and wave 2 still does not start.
  expect(await page.locator('[data-testid="rollout-cluster-billing-db"]').getAttribute('data-status')).toBe('pending');
  expect(await page.getByTestId('rollout-succeeded').textContent()).toBe('1');
  await screenshot(page, 'rollout-page-paused');

  await control(page, 'Resume rollout', /Clusters start again as the plan allows: 1 still to start/);
  await page.locator('[data-testid="rollout-status"]', { hasText: /^running$/ }).waitFor();
  await bobApproves(page, 'billing-db');
  await page.locator('[data-testid="rollout-status"]', { hasText: /^succeeded$/ }).waitFor({ timeout: 120_000 });
  expect(await page.getByTestId('rollout-succeeded').textContent()).toBe('2');
  expect(await page.getByTestId('rollout-failed').textContent()).toBe('0');
  // Both failovers switched: the time writes were unavailable is measured (p50 / p95), approvals apart.
  expect(await page.getByTestId('rollout-p50-p95').textContent()).toMatch(/^\d+s \/ \d+s$/);
  expect(await page.getByTestId('rollout-cost-total').textContent()).toMatch(/^\$\d[\d,]*\.\d\d\d?$/);
  // Each cluster links to its run on its database's page.
  const runLink = page.getByTestId('rollout-cluster-billing-db').getByRole('link', { name: /-c0002$/ });
  expect(await runLink.getAttribute('href')).toMatch(/\/catalog\/default\/resource\/billing-db\?run=ro-\d{14}-[0-9a-f]{6}-c0002$/);
  await screenshot(page, 'rollout-page');

  // The fleet page lists it.
  await page.goto(`${portal.appUrl}/switchyard`);
  await page.locator('[data-testid^="rollout-row-"]', { hasText: 'succeeded' }).waitFor();
  await page.context().close();
}, 400_000);
