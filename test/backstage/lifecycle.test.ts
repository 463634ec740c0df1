/**
 * The demo's whole upgrade lifecycle in the portal (issue 13), as people would live it: prod-app's
 * Blue/Green deployment to PostgreSQL 16 has parameter drift; the switchover runbook's guard stops
 * on it; the drift is fixed through the AWS API; the switchover runs (alice starts, bob approves);
 * prod-app stays on the catalog with its old environment shown as its rollback window; the
 * cleanup runbook retires the old environment. The fleet page's KPIs are checked at each stage.
 * Screenshots of each stage go to test/output/backstage/lifecycle-*.png.
 */
import { DescribeDBClusterParametersCommand, ModifyDBClusterParameterGroupCommand, RDSClient } from '@aws-sdk/client-rds';
import { SIMULATOR_CREDENTIALS } from '@switchyard/core';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, pageAs, screenshot } from './support/browser';
import { devToken, freePort, startPortal } from './support/portal';

type Portal = Awaited<ReturnType<typeof startPortal>>;

const PROD_APP = 'catalog/default/resource/prod-app';
const SWITCHOVER = 'Switch over an RDS Blue/Green deployment (engine upgrade)';
const CLEANUP = 'Roll back or clean up after a Blue/Green switchover';
const REFRESHED = 'Switchyard: simulated databases, users and groups in the catalog';
let portal: Portal;
let browser: Browser;
let rds: RDSClient;

beforeAll(async () => {
  const simulatorPort = await freePort();
  // Time ×20: the lag hold (2 min) takes 6 s, the watch window (10 min) 30 s. No generated clusters: the demo account only.
  portal = await startPortal({
    timeoutMs: 300_000,
    env: {
      APP_CONFIG_switchyard_simulator_timeScale: '20',
      APP_CONFIG_switchyard_simulator_extraClusters: '0',
      APP_CONFIG_switchyard_simulator_port: String(simulatorPort),
    },
  });
  rds = new RDSClient({
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${simulatorPort}`,
    credentials: SIMULATOR_CREDENTIALS,
    maxAttempts: 1,
  });
  browser = await launchBrowser();
}, 360_000);

afterAll(async () => {
  rds?.destroy();
  await browser?.close();
  await portal?.stop();
}, 60_000);

async function openProdApp(page: Page): Promise<void> {
  await page.goto(`${portal.appUrl}/${PROD_APP}`);
  await page.locator('[data-testid="topology"]').waitFor();
}

/** `7s`, `1m 35s`, `2h 3m` → seconds. */
function seconds(text: string): number {
  const part = (unit: string) => Number(new RegExp(`(\\d+)${unit}`).exec(text)?.[1] ?? 0);
  return part('h') * 3600 + part('m') * 60 + part('s');
}

interface Kpis {
  activeRuns: string;
  switchovers: string;
  successRate: string;
  stoppedByGuard: string;
  p50p95: string;
  approvalWait: string;
}

/** The fleet page's KPIs, read after the page loaded them (a fresh load each time). */
async function fleetKpis(page: Page, shot: string): Promise<Kpis> {
  await page.goto(`${portal.appUrl}/switchyard`);
  await page.locator('[data-testid="fleet-row"]').first().waitFor({ timeout: 120_000 });
  await page.waitForFunction(() => (document.querySelector('[data-testid="fleet-switchovers"]')?.textContent ?? '…') !== '…');
  const text = async (id: string) => ((await page.locator(`[data-testid="${id}"]`).textContent()) ?? '').trim();
  const kpis = {
    activeRuns: await text('fleet-active-runs'),
    switchovers: await text('fleet-switchovers'),
    successRate: await text('fleet-success-rate'),
    stoppedByGuard: await text('fleet-stopped-by-guard'),
    p50p95: await text('fleet-p50-p95'),
    approvalWait: await text('fleet-approval-wait'),
  };
  await screenshot(page, shot);
  return kpis;
}

/** Starts a runbook from prod-app's page as the signed-in user; returns the run id. */
async function startRun(page: Page, title: string, fill?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>): Promise<string> {
  await openProdApp(page);
  await page.getByRole('button', { name: `Run ${title}` }).click();
  const dialog = page.getByRole('dialog');
  if (fill) await fill(dialog);
  await dialog.getByRole('button', { name: 'Start run' }).click();
  await page.waitForURL(/[?&]run=/);
  return new URL(page.url()).searchParams.get('run')!;
}

/** bob opens the run on prod-app's page and approves the step waiting for him. */
async function bobApproves(runId: string): Promise<void> {
  const bob = await pageAs(browser, 'bob');
  await bob.goto(`${portal.appUrl}/${PROD_APP}?run=${encodeURIComponent(runId)}`);
  await bob.locator('[data-testid="approval"]').getByRole('button', { name: 'Approve' }).click();
  await bob.locator('[data-testid="run"]:not([data-status="waiting-approval"])').waitFor();
  await bob.context().close();
}

async function runStatus(page: Page, runId: string, status: string, timeout = 240_000): Promise<void> {
  await page.goto(`${portal.appUrl}/${PROD_APP}?run=${encodeURIComponent(runId)}`);
  await page.locator(`[data-testid="run"][data-status="${status}"]`).waitFor({ timeout });
}

async function catalogEntity(name: string): Promise<{ status: number; description?: string }> {
  const token = await devToken(portal.backendUrl, 'alice');
  const response = await fetch(`${portal.backendUrl}/api/catalog/entities/by-name/resource/default/${name}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return { status: response.status, description: response.ok ? (await response.json()).metadata.description : undefined };
}

const refreshes = () => portal.output().split(REFRESHED).length - 1;

test('prod-app through its upgrade: drift found, stopped by the guard, fixed, switched over, rollback window, cleaned up', async () => {
  const alice = await pageAs(browser, 'alice');

  // 1. Drift found: the page names it, the switchover is on offer, cleanup is not; the fleet has no switchover yet.
  await openProdApp(alice);
  await alice.locator('[data-testid="lint-findings"] [data-code="parameter-group-drift"]').waitFor();
  expect(await alice.locator('[data-testid="lint-findings"] [data-code="parameter-group-drift"]').textContent()).toContain('work_mem');
  expect(await alice.locator('.sy-bg__side--blue .sy-bg__colour').textContent()).toBe('Blue (current production)');
  await alice.locator('[data-testid="runbook-blue-green-switchover.md"]').waitFor();
  expect(await alice.locator('[data-testid="runbook-blue-green-rollback-and-cleanup.md"]').count()).toBe(0);
  await screenshot(alice, 'lifecycle-1-drift-found');
  expect(await fleetKpis(alice, 'lifecycle-1-fleet')).toMatchObject({
    activeRuns: '0',
    switchovers: '0',
    successRate: 'n/a',
    stoppedByGuard: '0',
  });

  // 2. The switchover runbook's drift guard stops the run. It holds the deployment's lock: prod-app has an active run.
  const stopped = await startRun(alice, SWITCHOVER);
  await alice.locator('[data-testid="run"][data-status="failed"]').waitFor({ timeout: 120_000 });
  expect(await alice.locator('[data-testid="run"]').textContent()).toMatch(/work_mem is 16384 on blue, 65536 on green/);
  await screenshot(alice, 'lifecycle-2-stopped-by-guard');
  expect(await fleetKpis(alice, 'lifecycle-2-fleet')).toMatchObject({
    activeRuns: '1',
    switchovers: '1',
    // A guard stopping a run is not a failed switchover: none was attempted.
    successRate: 'n/a',
    stoppedByGuard: '1',
    p50p95: 'n/a / n/a',
  });
  const token = await devToken(portal.backendUrl, 'alice');
  const aborted = await fetch(`${portal.backendUrl}/api/switchyard/runs/${stopped}/actions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ action: 'abort', reason: 'fix the parameter drift first' }),
  });
  expect(aborted.status).toBe(200);

  // 3. The drift is fixed through the AWS API: green's group gets blue's work_mem (a dynamic parameter, applied at once).
  await rds.send(
    new ModifyDBClusterParameterGroupCommand({
      DBClusterParameterGroupName: 'prod-app-pg16',
      Parameters: [{ ParameterName: 'work_mem', ParameterValue: '16384', ApplyMethod: 'immediate' }],
    }),
  );
  const { Parameters = [] } = await rds.send(
    new DescribeDBClusterParametersCommand({ DBClusterParameterGroupName: 'prod-app-pg16', Source: 'user' }),
  );
  expect(Parameters.find((p) => p.ParameterName === 'work_mem')?.ParameterValue).toBe('16384');
  await openProdApp(alice);
  await alice.locator('[data-testid="lint-findings"]').waitFor();
  expect(await alice.locator('[data-testid="lint-findings"] [data-code="parameter-group-drift"]').count()).toBe(0);
  await screenshot(alice, 'lifecycle-3-drift-fixed');

  // 4. The switchover: alice starts, bob approves (four eyes), AWS switches, the watch window passes.
  const refreshesBefore = refreshes();
  const switched = await startRun(alice, SWITCHOVER);
  await alice.locator('[data-testid="run"][data-status="waiting-approval"]').waitFor({ timeout: 120_000 });
  await bobApproves(switched);
  await runStatus(alice, switched, 'succeeded');
  await screenshot(alice, 'lifecycle-4-switched-over');

  // prod-app keeps its page, now on 16.4, with the old environment as its rollback window and its decommission date.
  await openProdApp(alice);
  const old = alice.locator('.sy-bg__side--blue');
  await old.waitFor();
  expect(await old.locator('.sy-bg__colour').textContent()).toBe('Old environment (rollback window)');
  expect(await old.locator('.sy-node__id').textContent()).toBe('prod-app-old1');
  expect(await old.textContent()).toMatch(/decommission by \d{4}-\d\d-\d\d/);
  expect(await alice.locator('.sy-bg__side--green .sy-bg__colour').textContent()).toBe('Production (new)');
  // The watch window is when rollback and cleanup are needed; switching over again is not on offer.
  await alice.locator('[data-testid="runbook-blue-green-rollback-and-cleanup.md"]').waitFor();
  expect(await alice.locator('[data-testid="runbook-blue-green-switchover.md"]').count()).toBe(0);
  // The old environment costs money, on prod-app's cost card.
  await alice.locator('[data-testid="switchyard-cost-card"] [data-testid^="cost-env-"]').first().waitFor();
  expect(await alice.locator('[data-testid="switchyard-cost-card"]').textContent()).toContain('prod-app-old1');
  await screenshot(alice, 'lifecycle-4-rollback-window');

  // The catalog refreshes (every minute) after the switchover: prod-app is still there (on 16.4), the old environment is not an entity.
  const deadline = Date.now() + 150_000;
  let prodApp = await catalogEntity('prod-app');
  while (!(refreshes() > refreshesBefore && /16\.4/.test(prodApp.description ?? '')) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 2000));
    prodApp = await catalogEntity('prod-app');
  }
  expect([prodApp.status, prodApp.description]).toEqual([200, expect.stringContaining('16.4')]);
  expect((await catalogEntity('prod-app-old1')).status).toBe(404);

  const afterSwitch = await fleetKpis(alice, 'lifecycle-4-fleet');
  expect(afterSwitch).toMatchObject({ activeRuns: '0', switchovers: '2', successRate: '100%', stoppedByGuard: '1' });
  // Writes were unavailable for seconds (the switch), not for the minutes the run spent waiting for bob and the watch window.
  const [p50, p95] = afterSwitch.p50p95.split(' / ').map(seconds);
  expect(p50).toBeGreaterThan(0);
  expect(p50).toBe(p95);
  expect(p50).toBeLessThan(60);
  expect(afterSwitch.approvalWait).not.toBe('n/a');

  // 5. Cleanup: the old environment is retired (bob approves); prod-app is still the database, the KPIs unchanged.
  const cleanup = await startRun(alice, CLEANUP, async (dialog) => {
    // The param is an MUI select (the dialog's Backstage form): open it, pick the option.
    await dialog.locator('[data-testid="param-mode"] [role="button"]').click();
    await alice
      .getByRole('listbox')
      .getByRole('option', { name: /^cleanup/ })
      .click();
  });
  await alice.locator('[data-testid="run"][data-status="waiting-approval"]').waitFor({ timeout: 180_000 });
  await bobApproves(cleanup);
  await runStatus(alice, cleanup, 'succeeded', 300_000);
  await screenshot(alice, 'lifecycle-5-cleaned-up');
  await openProdApp(alice);
  await alice.locator('[data-testid="lint-findings"]').waitFor();
  expect(await alice.locator('.sy-bg').count()).toBe(0);
  expect(await alice.locator('[data-testid="runbook-blue-green-rollback-and-cleanup.md"]').count()).toBe(0);
  // The deleted old environment costs nothing any more: the cost the page asks for right after the run is not a minute-old copy.
  const costNow = await fetch(`${portal.backendUrl}/api/switchyard/cost?entityRef=resource:default/prod-app`, {
    headers: { Authorization: `Bearer ${await devToken(portal.backendUrl, 'alice')}` },
  });
  expect(((await costNow.json()) as { environments: Array<{ clusterId: string }> }).environments.map((e) => e.clusterId)).toEqual([]);
  expect(await alice.locator('[data-testid="switchyard-cost-card"]').count()).toBe(0);
  expect((await catalogEntity('prod-app')).status).toBe(200);
  await screenshot(alice, 'lifecycle-5-prod-app');
  expect(await fleetKpis(alice, 'lifecycle-5-fleet')).toMatchObject({
    activeRuns: '0',
    switchovers: '2',
    successRate: '100%',
    stoppedByGuard: '1',
    p50p95: afterSwitch.p50p95,
  });
  await alice.context().close();
}, 1_200_000);
