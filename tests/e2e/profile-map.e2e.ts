import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { chromiumPath, screenshot, signIn, skipReason, useBrowser } from './browser';

/** Browser errors and CSP refusals: the map must load without either. */
function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !/tile\.openstreetmap\.org|ERR_FAILED|Failed to load resource/.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

/** No tile server in the test run: every tile fails, as it would offline. */
async function offlineTiles(page: Page) {
  await page.route('https://tile.openstreetmap.org/**', (route) => route.abort('internetdisconnected'));
}

describe.skipIf(!chromiumPath)(`pole profiles and the map${chromiumPath ? '' : ` (skipped: ${skipReason})`}`, () => {
  const browser = useBrowser();

  test('the directory map shows the poles as dots, opens the interactive map on demand without tiles, with no console or CSP error, and passes axe', async () => {
    const page = await browser.newPage();
    const problems = watchConsole(page);
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });
    await offlineTiles(page);
    await page.goto('/poles?region=76');
    // First the overview drawn on the server: a dot per pole, and Leaflet not loaded.
    await expect.poll(() => page.getByTestId('pole-map-overview').locator('circle').count()).toBeGreaterThan(3);
    const open = page.getByRole('button', { name: 'Carte interactive' });
    await open.waitFor();
    await browser.expectAccessible(page);
    expect(scripts.filter((url) => url.includes('leaflet'))).toEqual([]);
    expect(await page.locator('.leaflet-container').count()).toBe(0);

    await open.click();
    await page.locator('.pole-map.leaflet-container').waitFor();
    const markers = page.locator('.pole-map path.leaflet-interactive');
    await expect.poll(() => markers.count()).toBeGreaterThan(3);
    await expect.poll(() => page.getByTestId('pole-map-overview').count()).toBe(0);
    // The list, the accessible equivalent, is all there and usable.
    await page.getByRole('link', { name: 'Figeacteurs', exact: true }).first().waitFor();
    await browser.expectAccessible(page);
    await screenshot(page, 'directory-map-offline');

    await markers.first().click({ force: true });
    const popupLink = page.locator('.leaflet-popup-content a');
    await popupLink.waitFor();
    const target = await popupLink.getAttribute('href');
    await popupLink.click();
    await page.waitForURL((url) => url.pathname === target);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(problems).toEqual([]);
  });

  test('the whole directory fits metropolitan France and names the overseas poles beside the map', async () => {
    const page = await browser.newPage();
    await offlineTiles(page);
    await page.goto('/poles');
    await page.getByRole('button', { name: 'Carte interactive' }).click();
    await page.locator('.pole-map.leaflet-container').waitFor();
    await page.getByText(/Hors de la carte, en outre-mer/).waitFor();
    await browser.expectAccessible(page);
  });

  test('without JavaScript the map shows the poles as dots, offers no button that would do nothing, and the list works', async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await page.goto('/poles?region=76');
    await page.getByRole('img', { name: 'Carte des pôles correspondant aux critères.' }).waitFor();
    expect(await page.getByTestId('pole-map-overview').locator('circle').count()).toBeGreaterThan(3);
    expect(await page.getByRole('button', { name: 'Carte interactive' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Figeacteurs', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Figeacteurs' }).waitFor();
    await browser.expectAccessible(page);
  });

  test('a pole admin edits the profile and uploads a logo, with errors beside the fields first', async () => {
    const page = await browser.newPage();
    await signIn(page, 'figeacteurs@demo.ptce.fr');
    await page.goto('/poles/figeacteurs');
    await page.getByRole('link', { name: 'Modifier la fiche' }).click();
    await page.getByRole('heading', { level: 1, name: /Modifier la fiche de Figeacteurs/ }).waitFor();
    await browser.expectAccessible(page);

    await page.getByLabel('Site web (facultatif)').fill('figeacteurs');
    await page.getByLabel('Année de création (facultatif)').fill('1800');
    await page.getByRole('button', { name: 'Enregistrer la fiche' }).click();
    await page.getByText('Saisissez une adresse web complète', { exact: false }).waitFor();
    await page.getByText('L’année de création doit être comprise entre 1990 et l’année en cours.').waitFor();
    await browser.expectAccessible(page);
    await screenshot(page, 'profile-errors');

    await page.getByLabel('Site web (facultatif)').fill('https://www.figeacteurs.fr');
    await page.getByLabel('Année de création (facultatif)').fill('2011');
    await page.getByLabel('Contact public (facultatif)').fill('05 65 34 00 00');
    await page.getByLabel('Nouveau logo (facultatif)').setInputFiles({
      name: 'logo.png',
      mimeType: 'image/png',
      buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'),
    });
    await page.getByRole('button', { name: 'Enregistrer la fiche' }).click();
    await page.waitForURL((url) => url.pathname === '/poles/figeacteurs');
    await page.getByText('La fiche de Figeacteurs est enregistrée.').waitFor();
    await page.getByRole('img', { name: 'Logo de Figeacteurs' }).waitFor();
    await page.getByRole('link', { name: '05 65 34 00 00' }).waitFor();
    await browser.expectAccessible(page);
    await screenshot(page, 'profile-saved');
  });

  test('without JavaScript the editor answers from the server, in French, beside the field', async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await signIn(page, 'figeacteurs@demo.ptce.fr');
    await page.goto('/poles/figeacteurs/modifier');
    await page.getByLabel('Nombre de membres (facultatif)').fill('-4');
    await page.getByLabel('Nouveau logo (facultatif)').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('pas une image') });
    await page.getByRole('button', { name: 'Enregistrer la fiche' }).click();
    await page.getByText('Le nombre de membres doit être compris entre 0 et 100 000.').waitFor();
    await page.getByText('Le logo doit être une image PNG, JPEG ou WebP.').waitFor();
    await browser.expectAccessible(page);
  });

  test('the coordinator sees the maturity change of a validated pole of the region', async () => {
    const admin = await browser.newPage();
    await signIn(admin, 'figeacteurs@demo.ptce.fr');
    await admin.goto('/poles/figeacteurs/modifier');
    await admin.getByLabel('En consolidation').check();
    await admin.getByRole('button', { name: 'Enregistrer la fiche' }).click();
    await admin.waitForURL((url) => url.pathname === '/poles/figeacteurs');

    const page = await browser.newPage();
    await signIn(page, 'coord.occitanie@demo.ptce.fr');
    await page.goto('/coordination');
    const changes = page.getByRole('table', { name: /Changements récents de maturité/ });
    await changes.getByRole('rowheader', { name: 'Figeacteurs' }).waitFor();
    await changes.getByText('Mature → En consolidation').waitFor();
    await browser.expectAccessible(page);
    await screenshot(page, 'coordination-maturity');
  });
});
