/**
 * Playwright moves in code-server's workbench (VS Code 1.100), with the selectors VSCODE-E2E.md
 * records. Every wait polls with a generous deadline: the machine may be slow and shared.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';

export const OUTPUT_DIR = path.resolve(__dirname, '../../output/vscode');

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(OUTPUT_DIR, `${name}.png`) });
}

/** Runs a command from the palette; a contributed command may be listed late on a cold start. */
export async function runCommand(page: Page, title: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input.input');
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    try {
      // The palette can close again as it opens (focus moving to a webview or a notification):
      // every step is retried from F1, never waited on for long.
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(`>${title}`, { timeout: 5_000 });
      await row.waitFor({ state: 'visible', timeout: 5_000 });
      await row.click({ timeout: 5_000 });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`command "${title}" could not be run from the palette: ${String(error)}`);
    }
  }
}

/**
 * Clicks a CodeLens of the active editor — the one above `line` (1-based), whose tooltip contains
 * `tooltip` when given — until the quick input it opens shows. Each attempt first reveals the line
 * with Go to Line: the editor's viewport can be left stale after the layout changes (a panel opening
 * beside it), with the lens in the DOM but not visible; and lenses are re-rendered after edits and
 * saves, so a click on one being replaced is lost.
 */
export async function clickCodeLensForQuickPick(page: Page, title: string, at: { line: number; tooltip?: string }): Promise<void> {
  const deadline = Date.now() + 60_000;
  const input = page.locator('.quick-input-widget input.input');
  const lens = at.tooltip
    ? page.locator(`.monaco-editor .codelens-decoration a[title*=${JSON.stringify(at.tooltip)}]`, { hasText: title })
    : page.locator('.monaco-editor .codelens-decoration a', { hasText: title });
  for (;;) {
    try {
      await goToLine(page, at.line);
      await input.waitFor({ state: 'hidden', timeout: 5_000 });
      await lens.first().click({ timeout: 5_000 });
      await input.waitFor({ state: 'visible', timeout: 5_000 });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`the CodeLens "${title}" above line ${at.line} opened nothing: ${String(error)}`);
      // Scroll elsewhere first, so the next Go to Line scrolls (and re-renders) for sure.
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+End');
    }
  }
}

/** Opens a workspace file by name through Quick Open and waits for its editor. */
export async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+1'); // the first editor group, not the panel's
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().click();
  await page.locator(`.tab.active[aria-label*="${name}"]`).first().waitFor({ timeout: 30_000 });
}

/** Moves the cursor to a 1-based line of the active editor (Go to Line). */
export async function goToLine(page: Page, line: number): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
}

/** Polls until `check` resolves true; throws with `what` after the deadline. */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Repeats an attempt (one that waits a few seconds for its effect) until it succeeds or the deadline passes. */
export async function retry(what: string, attempt: () => Promise<void>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`gave up on ${what}: ${String(error)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** A notification toast whose text contains `text`. */
export function notification(page: Page, text: string | RegExp): Locator {
  return page.locator('.notifications-toasts .notification-list-item', { hasText: text }).first();
}

/** The content of the (single) visible webview panel. */
export function webview(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}
