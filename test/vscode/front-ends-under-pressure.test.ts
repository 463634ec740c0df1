/**
 * The VS Code side of "the front ends under pressure", in a real editor (code-server 4.100.3 and
 * Chromium): the run comes first in the panel; a mutating call is confirmed with a button named
 * after the action, says SANDBOX, shows "awaiting your confirmation" meanwhile, and a decline
 * pauses the step (Ask again sends it); Abort says what it does and asks first; a stopped sandbox
 * leaves its panel disconnected and the Fleet view's welcome (Start sandbox) shows. Screenshots
 * land in test/output/vscode/.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { clickCodeLensForQuickPick, notification, openFile, runCommand, screenshot, until, webview } from './support/workbench';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const codeServer = require('./support/code-server.js') as typeof import('./support/code-server.js');

jest.setTimeout(240_000);

let editor: Awaited<ReturnType<typeof codeServer.startEditor>>;
let browser: Browser;
let page: Page;
let workspace: string;

beforeAll(async () => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-vscode-ws-'));
  fs.cpSync(path.join(codeServer.repo, 'runbooks'), path.join(workspace, 'runbooks'), { recursive: true });
  const vsix = codeServer.packageExtension();
  editor = await codeServer.startEditor({
    vsix,
    workspace,
    settings: { 'switchyard.user': 'alice', '[markdown]': { 'editor.wordWrap': 'off' } },
  });
  ({ browser, page } = await codeServer.openBrowser(editor.url));
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await editor?.stop();
  fs.rmSync(workspace, { recursive: true, force: true });
  if (editor && !process.env.SWITCHYARD_E2E_KEEP) fs.rmSync(editor.base, { recursive: true, force: true });
});

afterEach(async () => {
  const name =
    expect
      .getState()
      .currentTestName?.replace(/[^a-z0-9]+/gi, '-')
      .toLowerCase()
      .slice(0, 60) ?? 'test';
  if (page) await screenshot(page, `p14-end-${name}`);
});

/** Starts failover.md on prod-app from its CodeLens, to fail over to `to`; returns the panel. */
async function startFailover(to: string): Promise<FrameLocator> {
  await openFile(page, 'failover.md');
  await page.locator('.monaco-editor .view-lines').first().click();
  await clickCodeLensForQuickPick(page, 'Run runbook', { line: 1 });
  await page.locator('.quick-input-widget input.input').fill('prod-app');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'writer' }).first().waitFor();
  await page.keyboard.press('Enter');
  const panel = webview(page);
  await panel.locator('[data-testid="param-target"] select').selectOption(to, { timeout: 60_000 });
  return panel;
}

test('the sandbox shows as SANDBOX in the status bar; Run runbook puts the start form first, topology and cost folded', async () => {
  await runCommand(page, 'Switchyard: Start sandbox');
  await notification(page, 'sandbox running').waitFor({ timeout: 60_000 });
  await page.locator('.statusbar-item', { hasText: 'SANDBOX' }).first().waitFor({ timeout: 30_000 });

  const panel = await startFailover('prod-app-2');
  const start = panel.getByRole('button', { name: 'Start run' });
  await start.waitFor({ timeout: 60_000 });
  // The form is on screen without scrolling, and the topology and cost are folded below it.
  await until('the start form to be in view', async () =>
    start.evaluate((el) => {
      const box = el.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight;
    }),
  );
  const context = panel.locator('[data-testid="panel-context"]');
  await expect(context.evaluate((el) => (el as HTMLDetailsElement).open)).resolves.toBe(false);
  const order = await panel.locator('main > *').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')).filter(Boolean));
  expect(order.indexOf('panel-run')).toBeLessThan(order.indexOf('panel-context'));
  await expect(panel.locator('[data-testid="panel-target"]').textContent()).resolves.toBe('SANDBOX');
  // The dropdowns are drawn in the editor's theme colours, not the browser's default white box.
  for (const select of ['[data-testid="runbook-select"]', '[data-testid="param-target"] select']) {
    const colours = await panel.locator(select).evaluate((el) => {
      const probe = document.createElement('div');
      probe.style.background = 'var(--vscode-dropdown-background)';
      probe.style.color = 'var(--vscode-dropdown-foreground)';
      document.body.append(probe);
      const want = getComputedStyle(probe);
      const wanted = { background: want.backgroundColor, color: want.color };
      probe.remove();
      const got = getComputedStyle(el);
      return { wanted, got: { background: got.backgroundColor, color: got.color } };
    });
    expect(colours.wanted.background).not.toBe('rgba(0, 0, 0, 0)');
    expect(colours.got).toEqual(colours.wanted);
  }
  await screenshot(page, 'p14-1-run-first');
  await context.locator('summary').click();
  await panel.locator('[data-testid="cost-summary"]').waitFor({ timeout: 60_000 });
  await screenshot(page, 'p14-2-context-unfolded');
  await context.locator('summary').click();
});

test('the failover call is confirmed by name; meanwhile the run awaits you; a decline pauses, Ask again sends', async () => {
  const panel = webview(page);
  await panel.getByRole('button', { name: 'Start run' }).click();
  const approval = notification(page, 'Fail over prod-app');
  await approval.waitFor({ timeout: 60_000 });
  await approval.getByRole('button', { name: 'Approve' }).click();

  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 60_000 });
  await expect(dialog.textContent()).resolves.toMatch(/Fail over prod-app\? SANDBOX \(local simulator, us-east-1\)/);
  await expect(dialog.getByRole('button', { name: 'Send' }).count()).resolves.toBe(0);
  await dialog.getByRole('button', { name: 'Fail over prod-app' }).waitFor();
  await page.locator('.statusbar-item', { hasText: 'awaiting your confirmation' }).first().waitFor({ timeout: 30_000 });
  await panel.locator('[data-testid="panel-confirmation"][data-phase="asking"]').waitFor({ timeout: 30_000 });
  await screenshot(page, 'p14-3-confirm-by-name');

  await dialog.getByRole('button', { name: 'Cancel' }).click();
  const paused = panel.locator('[data-testid="panel-confirmation"][data-phase="paused"]');
  await paused.waitFor({ timeout: 30_000 });
  await page.locator('.statusbar-item', { hasText: 'paused, you declined Fail over prod-app' }).first().waitFor({ timeout: 30_000 });
  // Paused, not failed: nothing was sent and the run waits.
  await expect(panel.locator('[data-testid="run"]').getAttribute('data-status')).resolves.not.toBe('failed');
  await screenshot(page, 'p14-4-declined-paused');

  await paused.getByRole('button', { name: 'Ask again' }).click();
  await dialog.waitFor({ timeout: 60_000 });
  await dialog.getByRole('button', { name: 'Fail over prod-app' }).click();
  await panel.locator('[data-testid="run"][data-status="succeeded"]').waitFor({ timeout: 120_000 });
  const audit = (await panel.locator('[data-testid="run"]').textContent()) ?? '';
  expect(audit).toContain('declined FailoverDBCluster');
  expect(audit).toContain('confirmed FailoverDBCluster');
  await screenshot(page, 'p14-5-confirmed-after-ask-again');

  // "New run…" starts from the placeholder: no runbook (and no destructive one) is chosen for you.
  await panel.getByRole('button', { name: 'New run…' }).click();
  const runbook = panel.locator('[data-testid="runbook-select"]');
  await runbook.waitFor({ timeout: 30_000 });
  await expect(runbook.inputValue()).resolves.toBe('');
  await expect(runbook.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent)).resolves.toBe('Choose a runbook…');
  await expect(panel.getByRole('button', { name: 'Start run' }).count()).resolves.toBe(0);
  await screenshot(page, 'p14-5b-new-run-placeholder');
});

test('Abort says what it does to this run and asks for an optional reason first', async () => {
  const panel = await startFailover('prod-app-0');
  await panel.getByRole('button', { name: 'Start run' }).click();
  await notification(page, 'Fail over prod-app').first().waitFor({ timeout: 60_000 });
  await panel.getByRole('button', { name: 'Abort' }).first().click({ timeout: 60_000 });
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 60_000 });
  await expect(dialog.textContent()).resolves.toMatch(/Abort ".*" on prod-app.*Nothing is undone/s);
  // Asked once: VS Code's modal is the confirmation; the panel shows no second, inline one.
  await expect(panel.locator('[data-testid="confirm-control"]').count()).resolves.toBe(0);
  await screenshot(page, 'p14-6-abort-confirm');
  await dialog.getByRole('button', { name: 'Abort run' }).click();
  const reason = page.locator('.quick-input-widget input.input');
  await reason.waitFor({ timeout: 30_000 });
  await reason.fill('rehearsal over');
  await page.keyboard.press('Enter');
  await panel.locator('[data-testid="run"][data-status="aborted"]').waitFor({ timeout: 60_000 });
  expect(await panel.locator('[data-testid="run"]').textContent()).toContain('rehearsal over');
});

test('stopping the sandbox disconnects its panel and the Fleet view offers to start it again', async () => {
  await runCommand(page, 'Switchyard: Stop sandbox');
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Stop sandbox' }).click();
  const panel = webview(page);
  await panel.locator('[data-testid="panel-disconnected"]').waitFor({ timeout: 60_000 });
  await expect(panel.getByRole('button', { name: 'Roll back' }).count()).resolves.toBe(0);
  await screenshot(page, 'p14-7-disconnected-panel');

  await page.locator('.activitybar [aria-label="Switchyard"]').first().click();
  const welcome = page.locator('.welcome-view-content', { hasText: 'Rehearse a failover without AWS' }).first();
  await welcome.waitFor({ timeout: 60_000 });
  await welcome.getByRole('button', { name: 'Start sandbox' }).waitFor();
  await screenshot(page, 'p14-8-fleet-welcome');
});

test('an AWS profile without credentials: the Fleet view says so in plain words and offers Sign in, which opens a terminal', async () => {
  fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
  fs.writeFileSync(
    path.join(workspace, '.vscode', 'settings.json'),
    JSON.stringify({ 'switchyard.aws.profile': 'switchyard-e2e-nobody', 'switchyard.aws.region': 'eu-west-1' }),
  );
  // The view may be open already (a click on its icon would close it).
  const fleetHeader = page.locator('.sidebar .pane-header', { hasText: /fleet/i }).first();
  if (!(await fleetHeader.isVisible())) await page.locator('.activitybar [aria-label="Switchyard"]').first().click();
  const error = page.locator('.monaco-list-row', { hasText: 'No AWS credentials found for AWS switchyard-e2e-nobody (eu-west-1)' }).first();
  await error.waitFor({ timeout: 90_000 });
  expect(await error.textContent()).not.toMatch(/CredentialsProviderError/);
  const signIn = page.locator('.monaco-list-row', { hasText: /^Sign in$/ }).first();
  await signIn.waitFor({ timeout: 30_000 });
  await page
    .locator('.monaco-list-row', { hasText: /^Open settings$/ })
    .first()
    .waitFor();
  await page
    .locator('.monaco-list-row', { hasText: /^Show log$/ })
    .first()
    .waitFor();
  await screenshot(page, 'p14-9-fleet-credentials-error');
  await signIn.click();
  await page.locator('.part.panel', { hasText: 'AWS sign-in' }).first().waitFor({ timeout: 60_000 });
  await screenshot(page, 'p14-10-sign-in-terminal');
});
