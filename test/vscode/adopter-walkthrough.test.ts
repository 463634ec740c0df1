/**
 * The adopter test: the packaged .vsix as a marketplace user gets it — installed into a clean
 * code-server profile (fresh user data and extensions dir), on an empty folder with no runbooks —
 * and the walkthrough's four steps done from the Welcome page: start the sandbox, open the sample
 * runbook, run it, approve. Also checks that the .vsix holds exactly what should ship.
 * Screenshots land in test/output/vscode/ (the README's are taken from here).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { clickCodeLensForQuickPick, notification, runCommand, screenshot, webview } from './support/workbench';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const codeServer = require('./support/code-server.js') as typeof import('./support/code-server.js');

jest.setTimeout(180_000);

let vsix: string;
let editor: Awaited<ReturnType<typeof codeServer.startEditor>>;
let browser: Browser;
let page: Page;
let workspace: string;

beforeAll(async () => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-adopter-ws-'));
  vsix = codeServer.packageExtension();
  editor = await codeServer.startEditor({ vsix, workspace, settings: { 'switchyard.user': 'alice' } });
  ({ browser, page } = await codeServer.openBrowser(editor.url));
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await editor?.stop();
  if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
  if (editor && !process.env.SWITCHYARD_E2E_KEEP) fs.rmSync(editor.base, { recursive: true, force: true });
});

test('the .vsix ships the bundles, the sample runbook, the icons, the walkthrough and the docs, and nothing else', () => {
  const entries = execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8' })
    .split('\n')
    .filter((e) => e.startsWith('extension/'))
    .sort();
  expect(entries).toEqual(
    [
      'extension/LICENSE.txt',
      'extension/changelog.md',
      'extension/dist/aws-sdk.js',
      'extension/dist/extension.js',
      'extension/dist/sample-runbooks/failover.md',
      'extension/dist/rollout-webview.css',
      'extension/dist/rollout-webview.js',
      'extension/dist/simulator.js',
      'extension/dist/webview.css',
      'extension/dist/webview.js',
      'extension/media/icon.png',
      'extension/media/switchyard.svg',
      'extension/media/walkthrough/approve.md',
      'extension/media/walkthrough/open-runbook.md',
      'extension/media/walkthrough/run-runbook.md',
      'extension/media/walkthrough/start-sandbox.md',
      'extension/package.json',
      'extension/readme.md',
    ].sort(),
  );
  // The budget scripts/bundle.js enforces, checked on what was shipped.
  const size = Number(execFileSync('unzip', ['-Zl', vsix, 'extension/dist/extension.js'], { encoding: 'utf8' }).trim().split(/\s+/)[3]);
  expect(size).toBeLessThanOrEqual(1024 * 1024);
});

/** The walkthrough's step titled `title` (expanding it), on the Welcome page. */
async function step(title: string) {
  const button = page.locator('.getting-started-step', { hasText: title }).first();
  await button.click();
  return button;
}

test('the walkthrough: start the sandbox, open the sample runbook, run it and approve — prod-app fails over', async () => {
  await runCommand(page, 'Welcome: Open Walkthrough...');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Rehearse a failover with Switchyard' }).first().click();
  await page.locator('.gettingStartedContainer', { hasText: 'Start the sandbox' }).first().waitFor({ timeout: 30_000 });
  await screenshot(page, 'adopter-1-walkthrough');

  const start = await step('Start the sandbox');
  await start.locator('.button-container .monaco-button', { hasText: 'Start the sandbox' }).click();
  await notification(page, 'sandbox running').waitFor({ timeout: 60_000 });

  const open = await step('Open a runbook');
  await open.locator('.button-container .monaco-button', { hasText: 'Open the sample runbook' }).click();
  await page.locator('.tab.active[aria-label*="failover.md"]').first().waitFor({ timeout: 30_000 });
  // Written into the folder, from the copy the .vsix ships.
  expect(fs.readFileSync(path.join(workspace, 'runbooks', 'failover.md'), 'utf8')).toBe(
    fs.readFileSync(path.join(codeServer.repo, 'runbooks', 'failover.md'), 'utf8'),
  );
  await page.locator('.activitybar [aria-label="Switchyard"]').first().click();
  await page.locator('.monaco-list-row', { hasText: 'prod-app-green' }).first().waitFor({ timeout: 30_000 });
  await screenshot(page, 'adopter-2-runbook-and-fleet');

  await page.locator('.monaco-editor .view-lines').first().click();
  await clickCodeLensForQuickPick(page, 'Run runbook', { line: 1 });
  await page.locator('.quick-input-widget input.input').fill('prod-app');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'writer prod-app-0' }).first().waitFor();
  await page.keyboard.press('Enter');
  const panel = webview(page);
  await panel.locator('[data-testid="param-target"] select').selectOption('prod-app-2', { timeout: 60_000 });
  // The run comes first; the topology and cost are folded below it.
  await panel.locator('[data-testid="panel-context"] summary').click();
  await panel.locator('[data-testid="instance-prod-app-0"][data-role="writer"]').waitFor({ timeout: 60_000 });
  await screenshot(page, 'adopter-3-panel');
  await panel.getByRole('button', { name: 'Start run' }).click();

  const approval = notification(page, 'Fail over prod-app');
  await approval.waitFor({ timeout: 60_000 });
  await screenshot(page, 'adopter-4-approval');
  await approval.getByRole('button', { name: 'Approve' }).click();
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 60_000 });
  await expect(dialog.textContent()).resolves.toMatch(/Fail over prod-app\? SANDBOX/);
  await screenshot(page, 'adopter-5-confirm');
  await dialog.getByRole('button', { name: 'Fail over prod-app' }).click();

  await panel.locator('[data-testid="run"][data-status="succeeded"]').waitFor({ timeout: 120_000 });
  const newWriter = panel.locator('[data-testid="instance-prod-app-2"][data-role="writer"]');
  await newWriter.waitFor({ timeout: 60_000 });
  await newWriter.scrollIntoViewIfNeeded();
  await screenshot(page, 'adopter-6-new-writer');

  // Back on the walkthrough, every step is ticked: the buttons, the CodeLens run, the succeeded run.
  await runCommand(page, 'Welcome: Open Walkthrough...');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Rehearse a failover with Switchyard' }).first().click();
  for (const id of ['startSandbox', 'openRunbook', 'runRunbook', 'approve']) {
    await page.locator(`[data-done-step-id$="#${id}"].complete`).first().waitFor({ state: 'attached', timeout: 30_000 });
  }
  await screenshot(page, 'adopter-7-walkthrough-done');
});
