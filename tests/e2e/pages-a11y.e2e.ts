import { describe, test } from 'vitest';
import { chromiumPath, screenshot, signIn, skipReason, useBrowser } from './browser';

/** Every page of the foundation, as each role sees it, passes axe-core's WCAG 2.1 A/AA rules. */
describe.skipIf(!chromiumPath)(`pages by role${chromiumPath ? '' : ` (skipped: ${skipReason})`}`, () => {
  const browser = useBrowser();

  test('visitor pages: sign-in (with its errors), password reset request, English home', async () => {
    const page = await browser.newPage();
    await page.goto('/connexion');
    await browser.expectAccessible(page);
    await page.getByLabel(/adresse e-mail/i).fill('personne@exemple.fr');
    await page.getByLabel(/mot de passe/i).fill('mauvais-mot-de-passe');
    await page.getByRole('button', { name: /se connecter/i }).click();
    await page.getByText('Adresse e-mail ou mot de passe incorrect.').waitFor();
    await browser.expectAccessible(page);
    await screenshot(page, 'sign-in-error');
    await page.getByRole('link', { name: /mot de passe oublié/i }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await browser.expectAccessible(page);
    await page.goto('/?lng=en');
    await page.getByRole('link', { name: 'Poles', exact: true }).waitFor();
    await browser.expectAccessible(page);
  });

  test('a pole admin: account page and the pole’s members', async () => {
    const page = await browser.newPage();
    await signIn(page, 'figeacteurs@demo.ptce.fr');
    await page.goto('/compte');
    await page.getByText('Figeacteurs').first().waitFor();
    await browser.expectAccessible(page);
    await screenshot(page, 'account');
    await page.goto('/poles/figeacteurs/membres');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await browser.expectAccessible(page);
    await screenshot(page, 'members');
  });

  test('the national admin: regional bodies and coordinator invitations', async () => {
    const page = await browser.newPage();
    await signIn(page, 'admin@demo.ptce.fr');
    await page.goto('/admin');
    await page.getByRole('rowheader', { name: 'CRESS Occitanie' }).waitFor();
    await browser.expectAccessible(page);
    await screenshot(page, 'admin');
    // The national admin has every region's pairing desk, a region at a time.
    await page.goto('/coordination?region=84');
    await page.getByRole('heading', { level: 1, name: 'Bureau des jumelages' }).waitFor();
    await page.getByText('Région affichée : Auvergne-Rhône-Alpes').waitFor();
    await browser.expectAccessible(page);
    await screenshot(page, 'desk-national-admin');
  });
});
