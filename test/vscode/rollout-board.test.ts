/**
 * Rollouts in a real editor (code-server 4.100.3 and Chromium), with the CLI in a terminal's place:
 * a rollout the CLI started on the simulator (3 clusters, waves 1,rest behind an approval gate, a
 * hung failover on one) shows in the Runs view; its board approves the next wave (the CLI drives
 * it on), follows the CLI live to the halt, and skips the guard-stopped cluster through the native
 * modal and reason box — the skip names the run still holding its lock, which the `resume` line
 * the board shows releases as it finishes the rollout; a store with more rollouts than a page ends
 * the list with "More rollouts…". Screenshots land in test/output/vscode/.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { FailoverDBClusterCommand, RDSClient } from '@aws-sdk/client-rds';
import { startSimulator, type RunningSimulator } from '@switchyard/simulator';
import { FileRunStore, ROLLOUT_PAGE_DEFAULT, SIMULATOR_CREDENTIALS, type Rollout } from '@switchyard/core';
import { cli } from '../support/cli';
import { notification, runCommand, screenshot, until, webview } from './support/workbench';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const codeServer = require('./support/code-server.js') as typeof import('./support/code-server.js');

jest.setTimeout(300_000);

const CLUSTERS = ['auth-008', 'billing-016', 'carts-012'];
const HUNG = 'carts-012';

let sim: RunningSimulator;
let editor: Awaited<ReturnType<typeof codeServer.startEditor>>;
let browser: Browser;
let page: Page;
let workspace: string;
let store: string;

const env = {
  AWS_ACCESS_KEY_ID: SIMULATOR_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: SIMULATOR_CREDENTIALS.secretAccessKey,
  SWITCHYARD_USER: 'bob',
  SWITCHYARD_ROLLOUT_POLL_MS: '100',
};
const engine = () => ['--time-scale', '100', '--approve'];

function stored(): Rollout {
  const dir = path.join(store, 'rollouts');
  const [file] = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
  return JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Rollout;
}

beforeAll(async () => {
  sim = await startSimulator({ port: 0, fleet: 20, timeScale: 100 });
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-vscode-rollout-ws-'));
  fs.cpSync(path.join(codeServer.repo, 'runbooks'), path.join(workspace, 'runbooks'), { recursive: true });
  store = path.join(workspace, '.switchyard');
  const vsix = codeServer.packageExtension();
  editor = await codeServer.startEditor({ vsix, workspace, settings: { 'switchyard.user': 'alice' } });
  ({ browser, page } = await codeServer.openBrowser(editor.url));
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await editor?.stop();
  await sim?.stop();
  fs.rmSync(workspace, { recursive: true, force: true });
  if (editor && !process.env.SWITCHYARD_E2E_KEEP) fs.rmSync(editor.base, { recursive: true, force: true });
});

afterEach(async () => {
  if (page)
    await screenshot(
      page,
      `rollout-end-${expect
        .getState()
        .currentTestName?.replace(/[^a-z0-9]+/gi, '-')
        .toLowerCase()
        .slice(0, 50)}`,
    );
});

test('the CLI’s rollout in the Runs view; the board approves a wave, follows the CLI, and skips a cluster through the native modal', async () => {
  // The CLI starts the rollout: wave 1 (auth-008) runs, then it waits for the next wave's approval and exits 3.
  const rds = new RDSClient({ region: 'us-east-1', endpoint: sim.url, credentials: SIMULATOR_CREDENTIALS });
  sim.control.injectFault({ type: 'failover', mode: 'hang', clusterId: HUNG });
  await rds.send(new FailoverDBClusterCommand({ DBClusterIdentifier: HUNG }));
  rds.destroy();
  const aws = ['--endpoint', sim.url, '--region', 'us-east-1', '--store', store];
  const first = await cli(
    [
      'rollout',
      'start',
      'runbooks/failover.md',
      '--select',
      CLUSTERS.join(','),
      '--waves',
      '1,rest',
      '--approve-waves',
      '--max-failures',
      '1',
      '--title',
      'Fail over the auth fleet',
      ...aws,
      ...engine(),
    ],
    env,
  );
  expect(first.stderr).toBe('');
  expect(first.code).toBe(3);
  const id = stored().id;

  // The Runs view lists it; a click opens its board.
  await page.locator('.activitybar [aria-label="Switchyard"]').first().click();
  const row = page.locator('.monaco-list-row', { hasText: 'Rollout: Fail over the auth fleet' }).first();
  await row.waitFor({ timeout: 60_000 });
  await expect(row.textContent()).resolves.toContain('running · 1/3 succeeded · 2 wave(s)');
  await row.click();
  const board = webview(page);
  await board.locator('[data-testid="rollout"]').waitFor({ timeout: 60_000 });
  await expect(board.locator('[data-testid="cluster-auth-008"]').getAttribute('data-status')).resolves.toBe('succeeded');
  await expect(board.locator('[data-testid="wave-2"]').textContent()).resolves.toMatch(/^Wave 2 \(2\)/);
  await screenshot(page, 'rollout-1-awaiting-approval');

  // Approve wave 2 (not confirmed, like a run's approval): recorded as alice; the notification says who carries it out.
  await board.getByRole('button', { name: 'Approve wave 2' }).click();
  await notification(page, 'approve recorded').waitFor({ timeout: 30_000 });
  await until('the approval in the store', async () => stored().approvedWaves.includes(1));
  expect(stored().audit.at(-1)).toMatchObject({ actor: 'alice', action: 'rollout approve', detail: 'wave 2 approved' });

  // The CLI drives it on (the line the board shows, with the engine flags a terminal would add): the hung cluster is
  // guard-stopped, the budget is spent, the rollout halts; the open board follows the store on its own.
  const resume = (await board.locator('[data-testid="rollout-resume"]').textContent())!;
  expect(resume).toBe(`switchyard rollout resume ${id} --store ${store} --endpoint ${sim.url} --region us-east-1`);
  const halted = await cli([...resume.split(' ').slice(1), ...engine()], env);
  expect(halted.code).toBe(1);
  await until(
    'the board to show the halt',
    async () => (await board.locator('[data-testid="rollout"]').getAttribute('data-status')) === 'halted',
    30_000,
  );
  await expect(board.locator(`[data-testid="cluster-${HUNG}"]`).getAttribute('data-status')).resolves.toBe('guard-stopped');
  await expect(board.locator('[data-testid="rollout-budget"]').textContent()).resolves.toBe('budget: failures 0/1, guard stops 1/1');
  await screenshot(page, 'rollout-2-halted');

  // Skip the guard-stopped cluster: VS Code's modal with the core's words, then the reason box (required).
  await board.locator(`[data-testid="cluster-${HUNG}"]`).getByRole('button', { name: 'Skip' }).click();
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 30_000 });
  await expect(dialog.textContent()).resolves.toMatch(
    new RegExp(`Skip ${HUNG} in "Fail over the auth fleet"\\?.*Its failed run ${id}-c0003 is aborted, releasing its locks`, 's'),
  );
  await screenshot(page, 'rollout-3-skip-modal');
  await dialog.getByRole('button', { name: 'Skip' }).click();
  const reason = page.locator('.quick-input-widget input.input');
  await reason.waitFor({ state: 'visible', timeout: 10_000 });
  await reason.fill('hung failover, handled by hand');
  await page.keyboard.press('Enter');
  // The CLI's run is on the simulator's target, which VS Code cannot reach: its lock is named, with the fix.
  await notification(page, `${HUNG}'s run ${id}-c0003 still holds its locks`).waitFor({ timeout: 30_000 });
  await until('the skip in the store', async () => stored().clusters[2].status === 'skipped');
  expect(stored().clusters[2].reason).toBe('hung failover, handled by hand');
  await until(
    'the board to show the skip',
    async () => (await board.locator(`[data-testid="cluster-${HUNG}"]`).getAttribute('data-status')) === 'skipped',
    30_000,
  );

  // The resume line releases the lock and finishes the rollout; the board follows to the end.
  const done = await cli([...resume.split(' ').slice(1), ...engine()], env);
  expect(done.stderr).toBe('');
  expect(done.code).toBe(0);
  const locks = await cli(['locks', '--json', '--store', store], env);
  expect(JSON.parse(locks.stdout)).toEqual([]);
  await until(
    'the board to show the end',
    async () => (await board.locator('[data-testid="rollout"]').getAttribute('data-status')) === 'succeeded',
    30_000,
  );
  // The Runs view follows too (the CLI wrote it from another process).
  await page.locator('.monaco-list-row', { hasText: 'succeeded · 2/3 succeeded' }).first().waitFor({ timeout: 30_000 });
  await screenshot(page, 'rollout-4-succeeded');
  expect(stored().clusters.map((c) => c.status)).toEqual(['succeeded', 'succeeded', 'skipped']);
});

test('the board survives a window reload on the same rollout, read from the store; once the rollout is gone, it says so', async () => {
  // Follows the first test: its board is open on the finished rollout.
  const { id } = stored();
  await webview(page).locator('[data-testid="rollout"][data-status="succeeded"]').waitFor({ timeout: 30_000 });

  await runCommand(page, 'Developer: Reload Window');
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  // Restored by the serializer (no click in the Runs view): the same rollout, its state read again from the store.
  const board = webview(page);
  await board.locator('[data-testid="rollout"][data-status="succeeded"]').waitFor({ timeout: 90_000 });
  await expect(board.locator(`[data-testid="cluster-${HUNG}"]`).getAttribute('data-status')).resolves.toBe('skipped');
  await expect(board.locator('[data-testid="rollout-resume"]').textContent()).resolves.toContain(`switchyard rollout resume ${id} `);
  await screenshot(page, 'rollout-5-after-reload');

  // The rollout moved out of the store: after the next reload the board says it no longer exists.
  fs.renameSync(path.join(store, 'rollouts', `${id}.json`), path.join(workspace, `${id}.json.moved`));
  await runCommand(page, 'Developer: Reload Window');
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  const gone = webview(page).locator('[data-testid="rollout-gone"]');
  await gone.waitFor({ timeout: 90_000 });
  await expect(gone.textContent()).resolves.toBe(`Rollout ${id} no longer exists in ${store}: this board has nothing to show. Close it.`);
  await screenshot(page, 'rollout-6-gone-after-reload');
});

test('a store with more rollouts than a page ends its list with "More rollouts…", which shows the older ones', async () => {
  // Follows the second test: the CLI's rollout was moved out of the store. 51 older ones are written
  // into the store (a copy of it each, under a new id and an earlier start): one more than a page.
  const moved = fs.readdirSync(workspace).find((f) => f.endsWith('.json.moved'))!;
  const template = JSON.parse(fs.readFileSync(path.join(workspace, moved), 'utf8')) as Rollout;
  const files = new FileRunStore(store);
  const count = ROLLOUT_PAGE_DEFAULT + 1;
  for (let n = 1; n <= count; n++) {
    const at = new Date(Date.parse('2026-11-01T00:00:00Z') - n * 60_000);
    const stamp = at
      .toISOString()
      .replace(/[^0-9]/g, '')
      .slice(0, 14);
    await files.createRollout({
      ...template,
      id: `ro-${stamp}-${n.toString(16).padStart(6, '0')}`,
      title: `Archived rollout ${n}`,
      createdAt: at.toISOString(),
    });
  }
  await runCommand(page, 'Switchyard: Refresh runs');
  const rows = page.locator('.pane-body .monaco-list-row');
  await rows.filter({ hasText: 'Rollout: Archived rollout 1' }).first().waitFor({ timeout: 60_000 });
  // The newest page: rollouts 1–50, then "More rollouts…" (then the runs). A click opens a rollout's board.
  await rows.filter({ hasText: 'Rollout: Archived rollout 1' }).first().click();
  const newest = `ro-20261031235900-${(1).toString(16).padStart(6, '0')}`;
  await page.locator('.tabs-container .tab', { hasText: `Rollout ${newest}` }).waitFor({ timeout: 30_000 });
  // The view renders only the rows in sight: scrolled down with the wheel until the row shows.
  const scrollTo = async (text: string) => {
    const row = rows.filter({ hasText: text });
    await until(`"${text}" in the Runs view`, async () => {
      if (await row.count()) return true;
      const box = await page
        .locator('.pane-body .monaco-list', { has: page.locator('.monaco-list-row', { hasText: 'Archived rollout' }) })
        .first()
        .boundingBox();
      if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.wheel(0, 600);
      return false;
    });
    return row;
  };
  const more = await scrollTo('More rollouts…');
  await expect(rows.filter({ hasText: `Rollout: Archived rollout ${count}` }).count()).resolves.toBe(0);
  await screenshot(page, 'rollout-7-more-rollouts');
  await more.click();
  // The next page: the oldest one shows, and there is nothing more to show.
  await scrollTo(`Rollout: Archived rollout ${count}`);
  await until('More rollouts… to go after the last page', async () => (await more.count()) === 0);
  await screenshot(page, 'rollout-8-older-page');
  // No command of the view failed on the way (VS Code's "Actual command not found" after a refresh).
  await expect(page.locator('.notifications-toasts .notification-list-item', { hasText: 'command not found' }).count()).resolves.toBe(0);
});
