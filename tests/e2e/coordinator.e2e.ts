import { describe, expect, test } from 'vitest';
import { chromiumPath, screenshot, signIn, skipReason, useBrowser } from './browser';

describe.skipIf(!chromiumPath)(`coordinator journey${chromiumPath ? '' : ` (skipped: ${skipReason})`}`, () => {
  const browser = useBrowser();

  test('the Occitanie coordinator sees the region’s poles, validates one and signs out', async () => {
    const page = await browser.newPage();
    await signIn(page, 'coord.occitanie@demo.ptce.fr');

    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Coordination', exact: true }).click();
    await expect.poll(() => page.url()).toContain('/coordination');
    await page.getByRole('heading', { level: 2, name: 'Occitanie' }).waitFor();
    const table = page.getByRole('table', { name: /Pôles de la région Occitanie/ });
    await table.getByRole('link', { name: 'Figeacteurs', exact: true }).waitFor();
    // Only Occitanie: a pole of Auvergne-Rhône-Alpes is not listed.
    expect(await page.getByRole('link', { name: 'Le BOL' }).count()).toBe(0);
    await browser.expectAccessible(page);
    await screenshot(page, 'coordination-before');

    await table.getByRole('button', { name: 'Valider La Bio Pour Tous' }).click();
    await page.getByRole('status').filter({ hasText: 'Le pôle « La Bio Pour Tous » est validé.' }).waitFor();
    const row = table.getByRole('row', { name: /La Bio Pour Tous/ });
    await expect.poll(() => row.textContent()).toMatch(/Validé le/);
    await browser.expectAccessible(page);
    await screenshot(page, 'coordination-after');

    // The directory now shows the badge on the pole's page.
    await page.goto('/poles/la-bio-pour-tous');
    await page.getByText('Vérifié', { exact: false }).first().waitFor();
    await browser.expectAccessible(page);

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('banner').getByRole('link', { name: 'Se connecter' }).waitFor();
    await page.goto('/coordination');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/connexion');
    await browser.expectAccessible(page);
  });
});
