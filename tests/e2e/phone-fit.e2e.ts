import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { chromiumPath, signIn, skipReason, useBrowser } from './browser';

/**
 * Every main page fits a 390 px phone: nothing makes the page scroll sideways (issue 12, point 5).
 * Tables become cards there (`.stack-table`), filters fold into a panel.
 */
const phone = { width: 390, height: 844 };

async function expectFits(page: Page, address: string) {
  await page.goto(address);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  const [scrollWidth, innerWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(scrollWidth, `${address} is ${scrollWidth} px wide on a ${innerWidth} px screen`).toBeLessThanOrEqual(innerWidth);
}

/** The page's tables show as cards: every row of its first `.stack-table` is a block with its column names. */
async function expectCards(page: Page, address: string) {
  await page.goto(address);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  const table = page.locator('main table.stack-table').first();
  expect(await table.count(), `${address} has a table`).toBe(1);
  const rows = await table
    .locator(':scope > tbody > tr')
    .evaluateAll((trs) => trs.map((tr) => ({ display: getComputedStyle(tr).display, labelled: tr.querySelector('td[data-label]') !== null })));
  expect(rows.length, `${address} has rows`).toBeGreaterThan(0);
  expect(
    rows.every((row) => row.display === 'block' && row.labelled),
    `${address}'s rows are cards`,
  ).toBe(true);
}

/** The address of the first link on `from` whose path matches `pattern` (a record the demo data holds). */
async function firstLink(page: Page, from: string, pattern: RegExp): Promise<string> {
  await page.goto(from);
  const hrefs = await page.locator('main a[href]').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  const found = hrefs.find((href) => pattern.test(href));
  if (!found) throw new Error(`no link matching ${pattern} on ${from}`);
  return found;
}

describe.skipIf(!chromiumPath)(`main pages on a 390 px phone${chromiumPath ? '' : ` (skipped: ${skipReason})`}`, () => {
  const browser = useBrowser();

  async function phonePage() {
    const page = await browser.newPage();
    await page.setViewportSize(phone);
    return page;
  }

  test('a visitor’s pages', async () => {
    const page = await phonePage();
    const offer = await firstLink(page, '/offres', /^\/offres\/[0-9a-f-]{36}$/);
    const request = await firstLink(page, '/demandes', /^\/demandes\/[0-9a-f-]{36}$/);
    const visit = await firstLink(page, '/visites', /^\/visites\/[0-9a-f-]{36}$/);
    for (const address of [
      '/',
      '/poles',
      '/poles?vue=carte',
      '/poles/figeacteurs',
      '/offres',
      '/demandes',
      '/visites',
      offer,
      request,
      visit,
      '/connexion',
      '/mot-de-passe-oublie',
      '/inscrire-mon-pole',
      '/coordinations',
    ]) {
      await expectFits(page, address);
    }
  });

  test('a pole admin’s pages', async () => {
    const page = await phonePage();
    await signIn(page, 'figeacteurs@demo.ptce.fr');
    const visit = await firstLink(page, '/visites', /^\/visites\/[0-9a-f-]{36}$/);
    // A past visit the pole hosted: its attendance page.
    await page.goto('/poles/figeacteurs');
    await page.getByRole('link', { name: /Une journée chez Figeacteurs/ }).click();
    await page.getByRole('heading', { level: 2, name: 'Après la visite' }).waitFor();
    const hosted = new URL(page.url()).pathname;
    for (const address of [
      '/tableau-de-bord',
      `${hosted}/presences`,
      '/compte',
      '/poles/figeacteurs/membres',
      '/poles/figeacteurs/modifier',
      '/offres/nouvelle',
      '/demandes/nouvelle',
      '/visites/nouvelle',
      '/conversations',
      '/forum',
      '/jumelages',
      visit,
    ]) {
      await expectFits(page, address);
    }
    // The host's bookings (of the past visit with a booking) and the members: tables on a wide
    // screen, cards here.
    await page.goto('/poles/figeacteurs');
    await page.getByRole('link', { name: /Gouvernance partagée/ }).click();
    await page.getByRole('heading', { level: 1, name: /Gouvernance partagée/ }).waitFor();
    for (const address of [new URL(page.url()).pathname, '/poles/figeacteurs/membres']) await expectCards(page, address);
  });

  test('a coordinator’s and the national admin’s pages', async () => {
    const page = await phonePage();
    await signIn(page, 'coord.occitanie@demo.ptce.fr');
    for (const address of [
      '/tableau-de-bord',
      '/coordination',
      '/coordination/cohorte',
      '/coordination/ponderations',
      '/coordination/inscriptions',
      '/moderation',
      '/moderation/journal',
    ]) {
      await expectFits(page, address);
    }
    await expectCards(page, '/coordination');
    const admin = await phonePage();
    await signIn(admin, 'admin@demo.ptce.fr');
    // The demo's active twinning (Pôle Sud → Pôle AlpEN), which the admin follows.
    const twinning = await firstLink(admin, '/jumelages', /^\/jumelages\/[0-9a-f-]{36}$/);
    for (const address of ['/tableau-de-bord', '/admin', '/coordination', '/jumelages', twinning]) {
      await expectFits(admin, address);
    }
    await expectCards(admin, '/jumelages');
  });
});
