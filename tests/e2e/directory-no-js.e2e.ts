import { describe, expect, test } from 'vitest';
import { chromiumPath, screenshot, skipReason, useBrowser } from './browser';

describe.skipIf(!chromiumPath)(`directory without JavaScript${chromiumPath ? '' : ` (skipped: ${skipReason})`}`, () => {
  const browser = useBrowser();

  test('a visitor filters the directory, pages through it and opens a pole, with JavaScript off', async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await page.goto('/');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await browser.expectAccessible(page);
    await screenshot(page, 'home');

    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Pôles', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Annuaire des pôles' }).waitFor();
    await browser.expectAccessible(page);

    // Page 2 of the whole directory, by the pagination links.
    await page
      .getByRole('navigation', { name: 'Pagination' })
      .getByRole('link', { name: /suivante/i })
      .click();
    await expect.poll(() => new URL(page.url()).searchParams.get('page')).toBe('2');
    await page.getByText('Page 2 sur').first().waitFor();

    const search = page.getByRole('search', { name: 'Filtrer les pôles' });
    await search.getByLabel('Région').selectOption({ label: 'Occitanie' });
    await search.getByLabel('Statut').selectOption({ label: 'Actif' });
    await search.getByRole('button', { name: 'Filtrer' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('region')).toBe('76');
    await page.getByRole('link', { name: 'Figeacteurs' }).waitFor();
    expect(await page.getByRole('link', { name: 'Le BOL' }).count()).toBe(0);
    await browser.expectAccessible(page);
    await screenshot(page, 'directory-occitanie');

    await page.getByRole('link', { name: 'Figeacteurs' }).click();
    await page.getByRole('heading', { level: 1, name: 'Figeacteurs' }).waitFor();
    await page.getByText('Figeac').first().waitFor();
    await browser.expectAccessible(page);
    await screenshot(page, 'pole-figeacteurs');

    // The language switch is a plain form too.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('banner').getByRole('link', { name: 'Poles', exact: true }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await browser.expectAccessible(page);
  });

  test('an unknown address shows the French 404 page', async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    const response = await page.goto('/cette-adresse-n-existe-pas');
    expect(response?.status()).toBe(404);
    await page.getByRole('heading', { level: 1, name: 'Page introuvable' }).waitFor();
    await browser.expectAccessible(page);
  });
});
