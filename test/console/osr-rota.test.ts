import { mkdir } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, expectStatus, type TestContext } from '../helpers/app.js';
import { hasChromium, launchChromium } from '../helpers/browser.js';
import { seedOsr } from '../osr/fixtures.js';

const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url);

if (!hasChromium()) {
  console.log(
    '[browser] Skipping the OSR rota page test: /usr/bin/chromium is missing (apt-get install -y chromium; .ci/run does it).',
  );
}

// The issued page as a social worker sees it: rendered by a real browser from the running service.
describe.skipIf(!hasChromium())('the printable OSR rota page in headless chromium', () => {
  let ctx: TestContext;
  let browser: Browser;
  let base: string;
  beforeAll(async () => {
    ctx = await createTestContext('pglite');
    await seedOsr(ctx);
    await expectStatus(
      ctx.call('coordinator', 'POST', '/v1/osr/rotas', { fromWeek: '2030-W02', weeks: 6 }),
      201,
    );
    base = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await ctx?.close();
  });

  for (const [label, viewport] of [
    ['desktop', { width: 1280, height: 900 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    it(`renders hubs, weeks and names with no page or console errors (${label})`, async () => {
      const page = await browser.newPage({
        viewport,
        extraHTTPHeaders: { authorization: `Bearer ${ctx.keys.social_worker}` },
      });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') errors.push(`console ${m.type()}: ${m.text()}`);
      });
      const res = await page.goto(`${base}/v1/osr/rotas.html?fromWeek=2030-W02&toWeek=2030-W07`);
      expect(res?.status()).toBe(200);
      const table = page.getByRole('table', { name: /Lead responder of each 0-19 hub/ });
      await expect(table.isVisible()).resolves.toBe(true);
      for (const hub of ['East 0-19 Hub', 'West 0-19 Hub', 'North 0-19 Hub']) {
        if (label === 'desktop')
          await expect(page.getByRole('columnheader', { name: hub }).isVisible()).resolves.toBe(true);
        else await expect(page.getByText(hub).first().isVisible()).resolves.toBe(true);
      }
      for (const week of ['2030-W02', '2030-W07'])
        await expect(page.getByRole('rowheader', { name: new RegExp(week) }).isVisible()).resolves.toBe(true);
      const body = await page.locator('body').innerText();
      for (const name of ['Asha Patel', 'Femi Okafor', 'Liam Moore']) expect(body).toContain(name);
      expect(body).not.toContain('Ella Grant'); // grade G never leads
      // Nothing wider than the screen except the table's own scroll box.
      const overflow = await page.evaluate(
        // Runs in the page; a string keeps DOM types out of this Node-only project.
        'document.documentElement.scrollWidth - window.innerWidth',
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await mkdir(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: new URL(`osr-rota-${label}.png`, ARTIFACTS).pathname, fullPage: true });
      await page.emulateMedia({ media: 'print' });
      await page.screenshot({
        path: new URL(`osr-rota-${label}-print.png`, ARTIFACTS).pathname,
        fullPage: true,
      });
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
