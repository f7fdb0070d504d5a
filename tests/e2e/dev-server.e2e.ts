import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startServerProcess } from '../setup/processes';
import { chromiumPath, skipReason } from './browser';

/**
 * The development server's first start, from a cold dependency cache: every dependency the pages
 * need is found by the start-up scan, so the first visits are not interrupted by « new dependencies
 * optimized … reloading » (which reloads the page in the person's browser, once per discovery).
 */
describe.skipIf(!chromiumPath)(`the development server’s first start${chromiumPath ? '' : ` (skipped: ${skipReason})`}`, () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'ptce-dev-'));
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  beforeAll(async () => {
    server = await startServerProcess({
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      DATA_DIR: path.join(scratch, 'data'),
      VITE_CACHE_DIR: path.join(scratch, 'vite'),
      VITE_HMR_PORT: String(await freePort()),
    });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('serves the first visits without re-optimising dependencies or reloading the page', async () => {
    const browser = await chromium.launch({ executablePath: chromiumPath!, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage();
      let loads = 0;
      page.on('load', () => (loads += 1));
      const visited = ['/', '/poles', '/offres', '/connexion', '/visites', '/poles?vue=carte'];
      for (const address of visited) {
        await page.goto(server.origin + address);
        // Hydration done: the page's scripts (and the dependencies they pull) have all run.
        await page.waitForLoadState('networkidle');
      }
      expect(server.output()).not.toMatch(/optimized dependencies changed|new dependencies optimized/);
      expect(loads).toBe(visited.length);
    } finally {
      await browser.close();
    }
  }, 180_000);
});
