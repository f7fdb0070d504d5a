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
    await page.getByRole('banner').getByRole('link', { name: 'Poles', exact: true }).waitFor();
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
  test('home and pole pages (metropolitan and overseas), in French and English', async () => {
    const page = await browser.newPage();
    for (const path of ['/', '/poles/pole-sud', '/poles/ecopal', '/?lng=en', '/poles/pole-sud?lng=en']) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await browser.expectAccessible(page);
    }
  }, 180_000);

  test('the home page and pole pages fit a 390 px phone without sideways scrolling', async () => {
    const phone = await browser.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    for (const path of ['/', '/poles/pole-sud', '/poles/figeacteurs']) {
      await phone.goto(path);
      await phone.getByRole('heading', { level: 1 }).waitFor();
      const fits = await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
      expect(fits, `${path} is wider than a 390 px phone`).toBe(true);
    }
    await screenshot(phone, 'pole-page-phone');
  }, 120_000);

  test('joining: « Inscrire mon pôle » (with its errors), the regional coordinations and the applications desk, in French and English', async () => {
    const page = await browser.newPage();
    for (const path of ['/inscrire-mon-pole', '/inscrire-mon-pole?lng=en', '/coordinations', '/coordinations?lng=en']) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await browser.expectAccessible(page);
    }
    await page.goto('/inscrire-mon-pole');
    await page.getByRole('button', { name: 'Envoyer la demande' }).click();
    await page.getByText('Indiquez le nom du pôle.').waitFor();
    await browser.expectAccessible(page);
    const coordinator = await browser.newPage();
    await signIn(coordinator, 'coord.occitanie@demo.ptce.fr');
    for (const [path, title] of [
      ['/coordination/inscriptions', 'Demandes d’inscription'],
      ['/coordination/inscriptions?lng=en', 'Registration applications'],
      ['/coordination/contact', 'Contact public de l’instance régionale'],
    ] as const) {
      await coordinator.goto(path);
      await coordinator.getByRole('heading', { level: 1, name: title }).waitFor();
      await browser.expectAccessible(coordinator);
    }
  }, 120_000);

  test('a twinning page with its public visibility, in French and English', async () => {
    // The demo's active twinning, as a coordinator of its region sees it: who agreed to show it.
    const coordinator = await browser.newPage();
    await signIn(coordinator, 'coord.aura@demo.ptce.fr');
    await coordinator.goto('/jumelages');
    await coordinator.getByRole('link', { name: /Voir le jumelage Pôle Sud/ }).click();
    await coordinator.getByRole('heading', { level: 2, name: 'Visibilité sur les pages publiques' }).waitFor();
    await browser.expectAccessible(coordinator);
    await coordinator.goto(`${new URL(coordinator.url()).pathname}?lng=en`);
    await coordinator.getByRole('heading', { level: 2, name: 'Visibility on public pages' }).waitFor();
    await browser.expectAccessible(coordinator);
  }, 120_000);

  test('the start page of a pole admin, a coordinator and the national admin, in French and English', async () => {
    for (const email of ['figeacteurs@demo.ptce.fr', 'coord.occitanie@demo.ptce.fr', 'admin@demo.ptce.fr']) {
      const page = await browser.newPage();
      await signIn(page, email);
      for (const [path, title] of [
        ['/tableau-de-bord', 'Tableau de bord'],
        ['/tableau-de-bord?lng=en', 'Dashboard'],
      ] as const) {
        await page.goto(path);
        await page.getByRole('heading', { level: 1, name: title }).waitFor();
        await browser.expectAccessible(page);
      }
    }
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
