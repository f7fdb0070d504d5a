import { describe, expect, test } from 'vitest';
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

  test('a host: the pole page’s visits and rating, a visit’s attendance, printable sheet and feedback pages', async () => {
    const page = await browser.newPage();
    await signIn(page, 'figeacteurs@demo.ptce.fr');
    await page.goto('/poles/figeacteurs');
    await page.getByText(/Note des pôles venus : 5\/5 sur 1 avis/).waitFor();
    await browser.expectAccessible(page);
    await page.getByRole('link', { name: /Une journée chez Figeacteurs/ }).click();
    await page.getByRole('heading', { level: 2, name: 'Après la visite' }).waitFor();
    const visit = new URL(page.url()).pathname;
    for (const [path, heading] of [
      ['presences', /^Présences/],
      ['emargement', /^Feuille d’émargement/],
      ['avis', /^Avis/],
    ] as const) {
      await page.goto(`${visit}/${path}`);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await browser.expectAccessible(page);
    }
    // With JavaScript the sheet offers « Imprimer ».
    await page.goto(`${visit}/emargement`);
    await page.getByRole('button', { name: 'Imprimer' }).waitFor();
    // Printed: the sheet alone, without the site's header, footer or the button.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('banner').isVisible()).toBe(false);
    expect(await page.getByRole('contentinfo').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Imprimer' }).isVisible()).toBe(false);
    expect(await page.getByRole('heading', { level: 1, name: /^Feuille d’émargement/ }).isVisible()).toBe(true);
    await screenshot(page, 'attendance-sheet-print');
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
  test('live threads: the forums, a region’s forum and a topic, in French and English; the moderation queue and log', async () => {
    const page = await browser.newPage();
    await signIn(page, 'emergent@demo.ptce.fr');
    for (const path of ['/forum', '/forum/76']) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await browser.expectAccessible(page);
    }
    await page.locator('main article h3 a').first().click();
    await page.getByRole('textbox', { name: 'Votre message' }).waitFor();
    await browser.expectAccessible(page);
    await page.goto(`${new URL(page.url()).pathname}?lng=en`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await browser.expectAccessible(page);
    await screenshot(page, 'forum-topic-en');

    const coordinator = await browser.newPage();
    await signIn(coordinator, 'coord.occitanie@demo.ptce.fr');
    for (const path of ['/moderation', '/moderation/journal']) {
      await coordinator.goto(path);
      await coordinator.getByRole('heading', { level: 1 }).waitFor();
      await browser.expectAccessible(coordinator);
    }
    await screenshot(coordinator, 'moderation-journal');
  });
});
