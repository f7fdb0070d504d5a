import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { chromiumPath, skipReason, useBrowser } from './browser';

/**
 * The pages' texts reach the browser as one JSON file per language (`/textes/:lng`), not inside the
 * JavaScript: the pages still start their scripts, move between pages without reloading, switch
 * language and sign in, and no script carries the catalogue.
 */

/** Every console error and page error, and every whole-document load (a navigation the app did not take over). */
function watch(page: Page) {
  const seen = { problems: [] as string[], documents: 0, texts: [] as string[], scripts: new Set<string>() };
  page.on('console', (message) => {
    if (message.type() === 'error') seen.problems.push(message.text());
  });
  page.on('pageerror', (error) => seen.problems.push(error.message));
  page.on('request', (request) => {
    if (request.resourceType() === 'document') seen.documents += 1;
    if (request.resourceType() === 'script') seen.scripts.add(request.url());
    if (new URL(request.url()).pathname.startsWith('/textes/')) seen.texts.push(request.url());
  });
  return seen;
}

/** Texts of the French catalogue that a page shows: none may appear inside a script. */
const catalogueSamples = ['Mot de passe oublié ?', 'Connectez-vous pour publier, réserver des visites', 'Aller au contenu'];

describe.skipIf(!chromiumPath)(`the pages' texts${chromiumPath ? '' : ` (skipped: ${skipReason})`}`, () => {
  const browser = useBrowser();

  test('a visitor: the texts come once as JSON, no script holds them, and the pages start their scripts and navigate without reloading', async () => {
    const page = await browser.newPage();
    const seen = watch(page);
    await page.goto('/');
    await page.getByRole('banner').getByRole('link', { name: 'Pôles', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /pôles/i }).waitFor();
    // The map's button appears only once the page's scripts run.
    await page.getByRole('button', { name: 'Carte interactive' }).waitFor();
    await page.getByRole('banner').getByRole('link', { name: 'Se connecter' }).click();
    await page.getByText('Mot de passe oublié ?').waitFor();
    await expect.poll(() => page.title()).toMatch(/^Connexion/);
    expect(seen.documents).toBe(1);
    expect(seen.texts).toHaveLength(1);
    expect(seen.texts[0]).toMatch(/\/textes\/fr\?v=[0-9a-f]{12}$/);
    expect(seen.problems).toEqual([]);

    for (const url of seen.scripts) {
      const source = await (await fetch(url)).text();
      for (const sample of catalogueSamples) expect(source.includes(sample), `${sample} in ${url}`).toBe(false);
    }
    const texts = await fetch(seen.texts[0]!);
    expect(texts.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(JSON.stringify(await texts.json())).toContain('Mot de passe oublié ?');
  });

  test('switching to English loads the English texts before the page shows, without reloading it', async () => {
    const page = await browser.newPage();
    const seen = watch(page);
    await page.goto('/poles');
    await page.getByRole('button', { name: 'Carte interactive' }).waitFor();
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('banner').getByRole('link', { name: 'Poles', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Interactive map' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(seen.documents).toBe(1);
    expect(seen.texts.map((url) => new URL(url).pathname)).toEqual(['/textes/fr', '/textes/en']);
    // And back: the French texts are already here.
    await page.getByRole('button', { name: 'Passer en français' }).click();
    await page.getByRole('banner').getByRole('link', { name: 'Pôles', exact: true }).waitFor();
    expect(seen.texts).toHaveLength(2);
    expect(seen.problems).toEqual([]);
  });

  test('signing in leads to the start page with its texts, in the same page load', async () => {
    const page = await browser.newPage();
    const seen = watch(page);
    await page.goto('/connexion');
    await page.waitForLoadState('networkidle');
    await page.getByLabel(/adresse e-mail/i).fill('figeacteurs@demo.ptce.fr');
    await page
      .getByLabel(/mot de passe/i)
      .first()
      .fill('erasmus-ptce-demo');
    await page.getByRole('button', { name: /se connecter/i }).click();
    await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
    await expect.poll(() => page.title()).toMatch(/^Tableau de bord/);
    expect(seen.documents).toBe(1);
    expect(seen.problems).toEqual([]);
  });
});
