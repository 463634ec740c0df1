/**
 * The extension in a real editor: code-server 4.100.3 driven by Chromium. One editor for the
 * file, serial scenarios: validation as you type, the sandbox, and a failover run from the
 * CodeLens through the confirmation modal and the approval notification to the new writer and the
 * blue/green cost in the cluster panel, and an http block's POST through the same modal (declined,
 * asked again, the host typed). Screenshots land in test/output/vscode/.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  clickCodeLensForQuickPick,
  goToLine,
  retry,
  notification,
  openFile,
  runCommand,
  screenshot,
  until,
  webview,
} from './support/workbench';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const codeServer = require('./support/code-server.js') as typeof import('./support/code-server.js');

jest.setTimeout(180_000);

/** A team's own read-only runbook: three checks, none using another's output. */
const HEALTH_RUNBOOK = `---
title: Health of a cluster
params:
  cluster:
    type: rds-cluster
    required: true
    description: The cluster to look at
---

# Health of a cluster

## The cluster has a writer {#writer}

\`\`\`check
observe:
  cluster: { cluster: "{{ cluster }}" }
expect:
  - that: cluster.writer != null
    message: the cluster has no writer
\`\`\`

## Every instance is available {#available}

\`\`\`check
observe:
  cluster: { cluster: "{{ cluster }}" }
expect:
  - that: cluster.allAvailable
    message: some instances are not available
\`\`\`

## There is a failover target {#target}

\`\`\`check
observe:
  cluster: { cluster: "{{ cluster }}" }
expect:
  - that: cluster.failoverTarget != null
    message: no reader could take over
output:
  target: cluster.failoverTarget
\`\`\`
`;

/** A team's maintenance endpoint, told to drain writes: a POST, which VS Code confirms first. */
const drainRunbook = (base: string) => `---
title: Drain writes
params:
  cluster: { type: rds-cluster, required: true }
locks: ["rds-cluster:{{ cluster }}"]
---

# Drain writes

## Maintenance mode on {#drain}

\`\`\`http
method: POST
url: "${base}/maintenance?cluster={{ cluster }}"
headers: { X-Run: "{{ run.id }}" }
body: { mode: drain }
\`\`\`
`;

let maintenance: http.Server;
let maintenanceHost: string;
const drained: Array<{ method: string; url: string; body: string }> = [];

let editor: Awaited<ReturnType<typeof codeServer.startEditor>>;
let browser: Browser;
let page: Page;
let workspace: string;

beforeAll(async () => {
  maintenance = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      drained.push({ method: req.method!, url: req.url!, body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ mode: 'drain' }));
    });
  });
  await new Promise<void>((resolve) => maintenance.listen(0, '127.0.0.1', resolve));
  maintenanceHost = `127.0.0.1:${(maintenance.address() as AddressInfo).port}`;
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-vscode-ws-'));
  fs.cpSync(path.join(codeServer.repo, 'runbooks'), path.join(workspace, 'runbooks'), { recursive: true });
  fs.writeFileSync(path.join(workspace, 'runbooks', 'health.md'), HEALTH_RUNBOOK);
  fs.writeFileSync(path.join(workspace, 'runbooks', 'drain.md'), drainRunbook(`http://${maintenanceHost}`));
  const vsix = codeServer.packageExtension();
  editor = await codeServer.startEditor({
    vsix,
    workspace,
    settings: { 'switchyard.user': 'alice', '[markdown]': { 'editor.wordWrap': 'off' } },
  });
  ({ browser, page } = await codeServer.openBrowser(editor.url));
}, 900_000);

afterAll(async () => {
  maintenance?.closeAllConnections();
  await new Promise((resolve) => maintenance?.close(resolve));
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
      .toLowerCase() ?? 'test';
  if (page) await screenshot(page, `end-${name}`);
});

test('a misspelled flag in failover.md becomes a squiggle with the validator’s message, and goes away when fixed', async () => {
  await openFile(page, 'failover.md');
  const lines = fs.readFileSync(path.join(workspace, 'runbooks', 'failover.md'), 'utf8').split('\n');
  const line = lines.findIndex((l) => l.startsWith('aws rds failover-db-cluster'));
  // insertText types without the editor's auto-closing of `{`, so the line comes out as given.
  const replaceLine = async (text: string) => {
    await goToLine(page, line + 1);
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.insertText(text);
  };
  await replaceLine(lines[line].replace('--db-cluster-identifier', '--db-cluster-identifer'));
  await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Control+Shift+M');
  const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'unknown flag `--db-cluster-identifer`' }).first();
  await problem.waitFor({ timeout: 30_000 });
  await page.locator('.markers-panel .monaco-list-row', { hasText: 'did you mean `--db-cluster-identifier`' }).first().waitFor();
  await screenshot(page, '1-diagnostic');

  await replaceLine(lines[line]);
  await until('the squiggle to go', async () => (await page.locator('.monaco-editor .squiggly-error').count()) === 0);
  await page.keyboard.press('Control+S');
  await page.keyboard.press('Control+J'); // hide the panel area again

  // Hover on the aws line: the SDK operation and that it changes AWS.
  const hover = page.locator('.monaco-hover', { hasText: 'FailoverDBClusterCommand' }).first();
  await retry('the hover on the aws line', async () => {
    await goToLine(page, line + 1);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I'); // Show Hover at the cursor
    await hover.waitFor({ timeout: 5_000 });
  });
  await expect(hover.textContent()).resolves.toMatch(/Mutating: changes AWS state/);
  await screenshot(page, '1-hover');
  await page.keyboard.press('Escape');
});

test('the sandbox starts and the Fleet view lists the demo fleet', async () => {
  await runCommand(page, 'Switchyard: Start sandbox');
  await notification(page, 'sandbox running').waitFor({ timeout: 60_000 });
  await page.locator('.activitybar [aria-label="Switchyard"]').first().click();
  await page.locator('.monaco-list-row', { hasText: 'prod-app-green' }).first().waitFor({ timeout: 30_000 });
  await screenshot(page, '2-fleet');
});

test('failover from the CodeLens: confirm, approve in the notification, see the new writer and the blue/green cost in the panel', async () => {
  await openFile(page, 'failover.md');
  await page.locator('.monaco-editor .view-lines').first().click();
  await clickCodeLensForQuickPick(page, 'Run runbook', { line: 1 });
  await page.locator('.quick-input-widget input.input').fill('prod-app');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'writer prod-app-0' }).first().waitFor();
  await page.keyboard.press('Enter');

  const panel = webview(page);
  await panel.locator('[data-testid="param-target"] select').selectOption('prod-app-2', { timeout: 60_000 });
  // The run comes first; the topology and cost are folded below it.
  await panel.locator('[data-testid="panel-context"] summary').click();
  await panel.locator('[data-testid="cost-summary"]').waitFor({ timeout: 60_000 });
  await screenshot(page, '3-panel-before');
  await panel.getByRole('button', { name: 'Start run' }).click();

  // The approval step: a notification with Approve/Reject.
  const approval = notification(page, 'Fail over prod-app');
  await approval.waitFor({ timeout: 60_000 });
  await screenshot(page, '4-approval');
  await approval.getByRole('button', { name: 'Approve' }).click();

  // The mutating step: a modal naming the action, the sandbox and the account.
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 60_000 });
  await expect(dialog.textContent()).resolves.toMatch(/Fail over prod-app\? SANDBOX .*Account: \d{12}/s);
  await screenshot(page, '5-confirm');
  await dialog.getByRole('button', { name: 'Fail over prod-app' }).click();

  await panel.locator('[data-testid="run"][data-status="succeeded"]').waitFor({ timeout: 120_000 });
  await page.locator('.statusbar-item', { hasText: 'succeeded' }).first().waitFor({ timeout: 30_000 });
  const newWriter = panel.locator('[data-testid="instance-prod-app-2"][data-role="writer"]');
  await newWriter.waitFor({ timeout: 60_000 });
  await newWriter.scrollIntoViewIfNeeded();
  const cost = panel.locator('[data-testid="cost-summary"]');
  await expect(cost.textContent()).resolves.toMatch(/\$\d/);
  await expect(panel.locator('[data-testid^="cost-env-"]').count()).resolves.toBeGreaterThan(0);
  await expect(panel.locator('[data-testid^="cost-env-"]').first().textContent()).resolves.toMatch(
    /storage \$[\d.,]+ \(200\.0 GB\) · I\/O \$/,
  );
  await screenshot(page, '6-new-writer');
});

test('an http block’s POST: the same modal shows method, URL, headers and body; a no pauses it unsent; ask again, type the host, it is sent once', async () => {
  await openFile(page, 'drain.md');
  await page.locator('.monaco-editor .view-lines').first().click();
  await clickCodeLensForQuickPick(page, 'Run runbook', { line: 1 });
  await page.locator('.quick-input-widget input.input').fill('prod-app');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'prod-app' }).first().waitFor();
  await page.keyboard.press('Enter');
  const panel = webview(page);
  await panel.getByRole('button', { name: 'Start run' }).click({ timeout: 60_000 });

  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 60_000 });
  const text = (await dialog.textContent()) ?? '';
  expect(text).toContain(`Send POST to ${maintenanceHost}? REAL HTTP request to ${maintenanceHost}`);
  expect(text).toContain(`Mutating request: POST http://${maintenanceHost}/maintenance?cluster=prod-app`);
  expect(text).toMatch(/X-Run: run-\d{14}-[0-9a-f]{6}/);
  expect(text).toContain('Body: {"mode":"drain"}');
  await screenshot(page, '7-http-confirm');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // Declined: nothing sent, the step paused, the panel offers to ask again.
  const paused = panel.locator('[data-testid="panel-confirmation"][data-phase="paused"]');
  await paused.waitFor({ timeout: 30_000 });
  await expect(paused.textContent()).resolves.toContain(`you declined Send POST to ${maintenanceHost}`);
  expect(drained).toEqual([]);
  await paused.getByRole('button', { name: 'Ask again' }).click();

  await dialog.waitFor({ timeout: 60_000 });
  await dialog.getByRole('button', { name: `Send POST to ${maintenanceHost}…` }).click();
  const typed = page.locator('.quick-input-widget input.input');
  await typed.waitFor({ timeout: 30_000 });
  await typed.fill(maintenanceHost);
  await page.keyboard.press('Enter');

  await until('the POST to arrive', async () => drained.length > 0, 60_000);
  await panel.locator('[data-testid="run"][data-status="succeeded"]', { hasText: 'Drain writes' }).waitFor({ timeout: 60_000 });
  expect(drained).toEqual([{ method: 'POST', url: '/maintenance?cluster=prod-app', body: '{"mode":"drain"}' }]);
  await screenshot(page, '8-http-sent');
});

test('a run waiting for approval survives a window reload: the sandbox, the approval and the panel come back', async () => {
  await openFile(page, 'failover.md');
  await page.locator('.monaco-editor .view-lines').first().click();
  await clickCodeLensForQuickPick(page, 'Run runbook', { line: 1 });
  await page.locator('.quick-input-widget input.input').fill('prod-app');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'writer prod-app-2' }).first().waitFor();
  await page.keyboard.press('Enter');
  const panel = webview(page);
  await panel.locator('[data-testid="param-target"] select').selectOption('prod-app-0', { timeout: 60_000 });
  await panel.getByRole('button', { name: 'Start run' }).click();
  await notification(page, 'Fail over prod-app from prod-app-2 to prod-app-0').waitFor({ timeout: 60_000 });

  await runCommand(page, 'Developer: Reload Window');
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  const approval = notification(page, 'Fail over prod-app from prod-app-2 to prod-app-0');
  await approval.waitFor({ timeout: 90_000 });
  await screenshot(page, '7-after-reload');
  await approval.getByRole('button', { name: 'Approve' }).click();
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 60_000 });
  await dialog.getByRole('button', { name: 'Fail over prod-app' }).click();

  await webview(page).locator('[data-testid="run"][data-status="succeeded"]').waitFor({ timeout: 120_000 });
  await webview(page).locator('[data-testid="panel-context"] summary').click();
  await webview(page).locator('[data-testid="instance-prod-app-0"][data-role="writer"]').waitFor({ timeout: 60_000 });
  await screenshot(page, '8-resumed-run-done');
});

test('Run from here warns when later steps need a skipped step, and Cancel starts nothing', async () => {
  await openFile(page, 'failover.md');
  await page.locator('.monaco-editor .view-lines').first().click();
  await clickCodeLensForQuickPick(page, 'Run from here', { line: 80, tooltip: '"Verify the cluster after the failover"' });
  await page.locator('.quick-input-widget input.input').fill('prod-app');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'writer prod-app-0' }).first().waitFor();
  await page.keyboard.press('Enter');
  const panel = webview(page);
  await panel.getByRole('button', { name: 'Start run' }).click({ timeout: 60_000 });
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 60_000 });
  await expect(dialog.textContent()).resolves.toMatch(/Later steps use the outputs of before, which this run skips: they will see null/);
  await screenshot(page, '9-run-from-here-warning');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached', timeout: 30_000 });
  await expect(panel.getByRole('button', { name: 'Start run' }).isEnabled()).resolves.toBe(true);
});

test('Run from here on a step: the steps above are recorded skipped; Export writes the run as markdown', async () => {
  await openFile(page, 'health.md');
  await page.locator('.monaco-editor .view-lines').first().click();
  await clickCodeLensForQuickPick(page, 'Run from here', { line: 22, tooltip: '"Every instance is available"' });
  await page.locator('.quick-input-widget input.input').fill('prod-app');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'prod-app' }).first().waitFor();
  await page.keyboard.press('Enter');
  const panel = webview(page);
  await panel.getByRole('button', { name: 'Start run' }).click({ timeout: 60_000 });
  const run = panel.locator('[data-testid="run"][data-status="succeeded"]');
  await run.waitFor({ timeout: 120_000 });
  await expect(panel.locator('[data-testid="step-writer"]').getAttribute('data-status')).resolves.toBe('skipped');
  await expect(panel.locator('[data-testid="step-available"]').getAttribute('data-status')).resolves.toBe('succeeded');
  await expect(panel.locator('[data-testid="step-target"]').getAttribute('data-status')).resolves.toBe('succeeded');
  const runId = (await run.getAttribute('aria-label'))!.replace(/^Run /, '');
  await screenshot(page, '10-run-from-here');

  await runCommand(page, 'Switchyard: Export run as markdown');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Health of a cluster' }).first().click();
  // code-server's save dialog is VS Code's simple file dialog: the proposed path is filled in.
  const pathInput = page.locator('.quick-input-widget input.input');
  await until('the save dialog to propose the run file', async () => (await pathInput.inputValue()).endsWith(`health.${runId}.md`), 60_000);
  await page.keyboard.press('Enter');
  const exported = path.join(workspace, `health.${runId}.md`);
  await until('the exported file', async () => fs.existsSync(exported), 60_000);
  await page.locator(`.tab.active[aria-label*="health.${runId}.md"]`).first().waitFor({ timeout: 30_000 });
  const markdown = fs.readFileSync(exported, 'utf8');
  expect(markdown).toContain(`> **Switchyard run \`${runId}\`: succeeded**`);
  expect(markdown).toMatch(/## The cluster has a writer \{#writer\}\n\n> \*\*\S+ skipped\*\*/);
  expect(markdown).toContain('> reason: not run: the run was started from step "Every instance is available"');
  expect(markdown).toMatch(/## There is a failover target \{#target\}\n\n> \*\*\S+ succeeded\*\*/);
  expect(markdown).toContain('## Audit trail');
  // A run record, not a runbook: no "Run runbook" lens and no problems from the validator.
  expect(markdown.split('\n').slice(0, 2)).toEqual(['---', `switchyard-run: ${runId}`]);
  const problems = page.locator('[id="status.problems"]');
  await until('no problems reported', async () => /no problems/i.test((await problems.getAttribute('aria-label')) ?? ''), 30_000);
  await screenshot(page, '11-exported-run');
});

test("the cluster panel follows the editor's theme: dark, light and high contrast", async () => {
  await page.locator('.tab', { hasText: 'prod-app — Switchyard' }).first().click({ timeout: 60_000 });
  const panel = webview(page);
  const run = panel.locator('[data-testid="run"]');
  await run.waitFor({ timeout: 60_000 });
  const look = () =>
    run.evaluate((el) => {
      const style = getComputedStyle(el);
      const [r, g, b] = (style.color.match(/\d+/g) ?? []).map(Number);
      return {
        luminance: (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255,
        border: style.getPropertyValue('--sy-border').trim(),
        contrastBorder: getComputedStyle(document.documentElement).getPropertyValue('--vscode-contrastBorder').trim(),
      };
    });
  // While the theme changes the webview may be re-rendered: a failed read is retried, not fatal.
  const settled = () => look().catch(() => undefined);
  const setTheme = async (name: string) => {
    await runCommand(page, 'Preferences: Color Theme');
    await page.locator('.quick-input-widget input.input').fill(name);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 60_000 });
    await page.keyboard.press('Enter');
  };
  await setTheme('Dark Modern');
  await until('light text in the panel', async () => ((await settled())?.luminance ?? 0) > 0.6, 60_000);
  await screenshot(page, '12-theme-dark');
  await setTheme('Light Modern');
  await until('dark text in the panel', async () => ((await settled())?.luminance ?? 1) < 0.4, 60_000);
  await setTheme('Dark High Contrast');
  await until('the high-contrast border in the panel', async () => ((await settled())?.contrastBorder ?? '') !== '', 60_000);
  const hc = await look();
  expect(hc.border).toBe(hc.contrastBorder);
  expect(hc.luminance).toBeGreaterThan(0.9);
  await screenshot(page, '13-theme-high-contrast');
  await setTheme('Light Modern');
});
