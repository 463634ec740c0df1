/** Debian's Chromium driven by playwright-core, one browser context per signed-in demo user. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const SCREENSHOTS = path.resolve(__dirname, '../../output/backstage');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

/** A page signed in as `user`: the dev sign-in provider reads the `x-switchyard-user` header. */
export async function pageAs(browser: Browser, user: string): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: { 'x-switchyard-user': user }, viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  return page;
}

/** The whole page: Backstage scrolls inside its layout, so the viewport grows to the content for the shot. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const viewport = page.viewportSize() ?? { width: 1440, height: 1000 };
  const height = await page.evaluate(() =>
    Math.max(...Array.from(document.querySelectorAll('body, main, article'), (e) => e.scrollHeight)),
  );
  await page.setViewportSize({ width: viewport.width, height: Math.min(Math.max(height, viewport.height), 8000) });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
  await page.setViewportSize(viewport);
}
