import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { expectValidHtml, javaMissing } from '../setup/html-checker';
import { chromiumPath, screenshot, skipReason, useBrowser } from './browser';

/**
 * The list pages on a 390 × 844 phone: the filters fold into a « Filtres (n) » panel (a
 * <details>, so it opens without JavaScript), the search box stays in sight, the results start
 * on the first screen and nothing scrolls sideways. On a wide screen the filters are simply shown.
 */
describe.skipIf(!chromiumPath)(`search filters on a phone${chromiumPath ? '' : ` (skipped: ${skipReason})`}`, () => {
  const browser = useBrowser();
  const phone = { width: 390, height: 844 };

  async function phonePage(options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
    const page = await browser.newPage(options);
    await page.setViewportSize(phone);
    return page;
  }
  const panel = (page: Page) => page.getByRole('search').locator('details');
  const summary = (page: Page) => panel(page).locator('> summary');
  const firstResult = (page: Page) => page.locator('main section[aria-labelledby$="-results"] li').first();

  test.each([
    ['/offres', 'offres', 0, 'Région'],
    ['/offres?format=workshop&region=76', 'offres-filtrees', 2, 'Région'],
    ['/demandes?state=open', 'demandes', 1, 'Région'],
    ['/poles?region=76&status=active', 'poles', 2, 'Statut'],
    ['/visites?region=76', 'visites', 1, 'Thématique'],
  ] as const)('%s: « Filtres (n) » folded, results on the first screen, no sideways scroll', async (path, name, count, field) => {
    const page = await phonePage();
    await page.goto(path);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await summary(page).isVisible()).toBe(true);
    expect((await summary(page).textContent())?.trim()).toMatch(new RegExp(`Filtres \\(${count}\\)$`));
    expect(await panel(page).getByLabel(field, { exact: true }).isVisible()).toBe(false);
    const box = await firstResult(page).boundingBox();
    expect(box, 'a first result').not.toBeNull();
    expect(box!.y).toBeLessThan(phone.height);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await browser.expectAccessible(page);
    await screenshot(page, `phone-${name}`);

    // Opened, the fields show, still within the width, and still accessible.
    await summary(page).click();
    await panel(page).getByLabel(field, { exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await browser.expectAccessible(page);
  });

  test('on a wide screen the filters are shown without a panel to open', async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    for (const [path, field] of [
      ['/offres', 'Région'],
      ['/demandes', 'Région'],
      ['/poles', 'Statut'],
      ['/visites', 'Thématique'],
    ]) {
      await page.goto(path!);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await summary(page).isVisible(), path).toBe(false);
      expect(await panel(page).getByLabel(field!, { exact: true }).isVisible(), path).toBe(true);
    }
  });

  test('without JavaScript: open the panel, choose a filter, search; the address keeps only what was chosen', async () => {
    const page = await phonePage({ javaScriptEnabled: false });
    await page.goto('/offres');
    await summary(page).click();
    await panel(page).getByLabel('Région', { exact: true }).selectOption({ label: 'Occitanie' });
    await panel(page).getByRole('button', { name: 'Filtrer' }).click();
    await expect.poll(() => new URL(page.url()).search).toBe('?region=76');
    expect((await summary(page).textContent())?.trim()).toMatch(/Filtres \(1\)$/);
    await browser.expectAccessible(page);

    // The search box stays in sight, with its own button; the chosen region goes along.
    await page.getByRole('search').getByLabel('Mots-clés').fill('startup');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect.poll(() => new URL(page.url()).search).toBe('?q=startup&region=76');
    await screenshot(page, 'phone-offres-no-js');
  });

  test.skipIf(javaMissing)('the pages with the panel, a place and only stop words are valid HTML', async () => {
    const documents = new Map<string, string>();
    for (const path of ['/offres?q=Occitanie&format=workshop', '/demandes?q=le+la+des', '/poles?region=76', '/visites?region=76']) {
      documents.set(path, await (await fetch(`${browser.baseUrl()}${path}`)).text());
    }
    await expectValidHtml(documents);
  });

  test('with JavaScript, the same form lands on the same clean address', async () => {
    const page = await phonePage();
    await page.goto('/poles', { waitUntil: 'networkidle' });
    await summary(page).click();
    await panel(page).getByLabel('Statut', { exact: true }).selectOption({ label: 'Actif' });
    await panel(page).getByRole('button', { name: 'Filtrer' }).click();
    // Through the redirect, by Remix's client navigation: two requests on a busy machine.
    await expect.poll(() => new URL(page.url()).search, { timeout: 15_000 }).toBe('?status=active');
    await expect.poll(async () => (await summary(page).textContent())?.trim(), { timeout: 15_000 }).toMatch(/Filtres \(1\)$/);
  });
});
