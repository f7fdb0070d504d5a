/**
 * `npm run build && npm run bench:js`: the JavaScript each public page makes a browser load,
 * gzipped, against the budget of issue 12 (125 KB). The built app runs on a fresh embedded
 * database with the demo data; Debian's Chromium loads each page as a visitor and every script it
 * fetches (module preloads, lazy chunks, route discovery) is counted once, gzipped at the default
 * level, as the server's compression sends it.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startServerProcess } from '../tests/setup/processes';

const budgetKb = 125;
const pages = ['/', '/poles', '/poles/figeacteurs', '/offres', '/demandes', '/visites', '/connexion', '/inscrire-mon-pole', '/coordinations'];
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!existsSync('build/server/index.js')) throw new Error('Run `npm run build` first.');
const dataDir = mkdtempSync(path.join(tmpdir(), 'ptce-bench-js-'));
const server = await startServerProcess({ DATA_DIR: dataDir, SEED_DEMO: '1' });
const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  const rows: Array<{ page: string; scripts: number; kb: number; ratio: number }> = [];
  for (const address of pages) {
    const scripts = new Set<string>();
    const collect = (response: { url(): string; request(): { resourceType(): string } }) => {
      if (response.request().resourceType() === 'script') scripts.add(response.url());
    };
    page.on('response', collect);
    await page.goto(server.origin + address);
    await page.waitForLoadState('networkidle');
    page.off('response', collect);
    let bytes = 0;
    for (const url of scripts) bytes += gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer())).byteLength;
    const kb = Math.round((bytes / 1024) * 10) / 10;
    rows.push({ page: address, scripts: scripts.size, kb, ratio: Math.round((kb / budgetKb) * 100) / 100 });
  }
  console.table(rows);
  console.log(`budget: ${budgetKb} KB gzipped per public page; ratio > 1 is over it`);
} finally {
  await browser.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
