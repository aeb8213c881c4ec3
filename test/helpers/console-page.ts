import { mkdir } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** A console page in chromium that records every page error and console error, and saves screenshots. */
export interface ConsolePage {
  page: Page;
  context: BrowserContext;
  errors: string[];
  shot: (name: string) => Promise<void>;
}

/**
 * Opens the console. Any page error or console error is recorded, except the browser's own log line for a
 * refusal the journey expects (matched by URL and status), so a journey can provoke a 409 on purpose.
 */
export async function openConsole(
  browser: Browser,
  base: string,
  artifacts: URL,
  viewport: { width: number; height: number },
  expected: { url: RegExp; status: number }[] = [],
): Promise<ConsolePage> {
  await mkdir(artifacts, { recursive: true });
  const context = await browser.newContext({ viewport, timezoneId: 'Europe/London', locale: 'en-GB' });
  const page = await context.newPage();
  const errors: string[] = [];
  const refusals: { url: string; status: number }[] = [];
  page.on('response', (res) => {
    if (res.status() >= 400) refusals.push({ url: res.url(), status: res.status() });
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error' && m.type() !== 'warning') return;
    const status = /status of (\d{3})/.exec(m.text())?.[1];
    const url = m.location().url;
    const allowed =
      status !== undefined &&
      expected.some((e) => e.status === Number(status) && e.url.test(url)) &&
      refusals.some((r) => r.url === url && r.status === Number(status));
    if (!allowed) errors.push(`console ${m.type()}: ${m.text()} (${url})`);
  });
  const shot = async (name: string) => {
    await page.screenshot({ path: new URL(`${name}.png`, artifacts).pathname, fullPage: true });
  };
  await page.goto(`${base}/console`);
  return { page, context, errors, shot };
}

export async function signIn(page: Page, key: string): Promise<void> {
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: /Signed in as/ }).waitFor();
}

/** Controls with no accessible label (the console labels every one). */
export const unlabelled = (page: Page): Promise<string[]> =>
  page.evaluate(`[...document.querySelectorAll('input, select, textarea, button')]
    .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !(el.textContent || '').trim())
    .map((el) => el.outerHTML.slice(0, 80))`) as Promise<string[]>;

/** How far the page is wider than the screen (0 or less: no sideways scrolling). */
export const overflow = (page: Page): Promise<number> =>
  page.evaluate('document.documentElement.scrollWidth - window.innerWidth') as Promise<number>;

/** Opens a screen from the main navigation and waits for its heading. */
export async function goTo(page: Page, link: string, heading: string | RegExp = link): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}
