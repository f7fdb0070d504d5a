/**
 * `npm run build && npm run bench:js`: the JavaScript each public page makes a browser load,
 * gzipped, against the budget of issue 12 (125 KB). The built app runs on a fresh embedded
 * database with the demo data; Debian's Chromium loads each page as a visitor and every script it
 * fetches (module preloads, lazy chunks, route discovery) is counted once, gzipped at the default
 * level, as the server's compression sends it. The page's texts (`/textes/:lng`, JSON, fetched
 * once and then cached for a year) are printed beside it: data, not script, but bytes all the same.
 * The baseline, measured in the same run, is the floor every page shares: the not-found page
 * (React, Remix, i18next, the layout); `ownKb` is what a page adds to it.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startServerProcess } from '../tests/setup/processes';

const budgetKb = 125;
const lists = [
  '/',
  '/poles',
  '/poles/figeacteurs',
  '/offres',
  '/demandes',
  '/visites',
  '/connexion',
  '/mot-de-passe-oublie',
  '/inscrire-mon-pole',
  '/coordinations',
];
/** Pages reached from a list: the first offer, request and visit it links to. */
const firstOf = { '/offres': /^\/offres\/[0-9a-f-]{36}$/, '/demandes': /^\/demandes\/[0-9a-f-]{36}$/, '/visites': /^\/visites\/[0-9a-f-]{36}$/ };
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!existsSync('build/server/index.js')) throw new Error('Run `npm run build` first.');
const dataDir = mkdtempSync(path.join(tmpdir(), 'ptce-bench-js-'));
const server = await startServerProcess({ DATA_DIR: dataDir, SEED_DEMO: '1' });
const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  const floorPage = '/cette-page-n-existe-pas';
  const pages = [floorPage, ...lists];
  for (const [list, pattern] of Object.entries(firstOf)) {
    await page.goto(server.origin + list);
    const links = await page.locator('main a').evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href') ?? ''));
    const first = links.find((href) => pattern.test(href));
    if (first) pages.push(first);
  }
  const gzippedKb = async (urls: Iterable<string>) => {
    let bytes = 0;
    for (const url of urls) bytes += gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer())).byteLength;
    return Math.round((bytes / 1024) * 10) / 10;
  };
  const rows: Array<{ page: string; scripts: number; kb: number; ratio: number; ownKb: number; textsKb: number }> = [];
  for (const address of pages) {
    // A fresh context per page: nothing comes from the previous page's cache.
    const context = await browser.newContext();
    const page = await context.newPage();
    const scripts = new Set<string>();
    const texts = new Set<string>();
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.add(response.url());
      if (new URL(response.url()).pathname.startsWith('/textes/')) texts.add(response.url());
    });
    await page.goto(server.origin + address);
    await page.waitForLoadState('networkidle');
    await context.close();
    const kb = await gzippedKb(scripts);
    const floorKb = rows[0]?.kb ?? kb;
    rows.push({
      page: address === floorPage ? `${address} (baseline)` : address,
      scripts: scripts.size,
      kb,
      ratio: Math.round((kb / budgetKb) * 100) / 100,
      ownKb: Math.round((kb - floorKb) * 10) / 10,
      textsKb: await gzippedKb(texts),
    });
  }
  console.table(rows);
  console.log(
    `budget: ${budgetKb} KB of JavaScript, gzipped, per public page; ratio > 1 is over it. textsKb: the page's texts (JSON), cached after the first page.`,
  );
  if (rows.some((row) => row.ratio > 1)) process.exitCode = 1;
} finally {
  await browser.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
