import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { chromiumPath, screenshot, signIn, skipReason, useBrowser } from './browser';

/**
 * A way in for new poles (issue 12, point 3): a visitor who wants support is told how to join,
 * registers their pole, the region's coordinator accepts, and the contact is invited as the new
 * pole's admin. Once with JavaScript, once without; the pages fit a 390 px phone.
 */
describe.skipIf(!chromiumPath)(`joining${chromiumPath ? '' : ` (skipped: ${skipReason})`}`, () => {
  const browser = useBrowser();

  async function fillApplication(page: Page, pole: string, email: string) {
    await page.getByLabel('Nom du pôle').fill(pole);
    await page.getByLabel('Commune').fill('Mende');
    await page.getByLabel('Code postal').fill('48000');
    await page.getByLabel('Région', { exact: true }).selectOption({ label: 'Occitanie' });
    await page
      .getByLabel('Présentation du pôle')
      .fill('Une coopération de producteurs, d’associations et de la communauté de communes autour de l’alimentation.');
    await page.getByLabel('Votre nom et prénom').fill('Anne Testeuse');
    await page.getByLabel('Votre adresse e-mail').fill(email);
    await page.getByRole('button', { name: 'Envoyer la demande' }).click();
    await page.getByRole('heading', { level: 1, name: 'Demande transmise' }).waitFor();
    await page.getByText(`La demande d’inscription du pôle « ${pole} » a été transmise à CRESS Occitanie`).waitFor();
  }

  /** The coordinator of Occitanie accepts the application, then finds the invitation on the new pole's members page. */
  async function accept(page: Page, pole: string, email: string) {
    await page.goto('/coordination');
    await page.getByRole('link', { name: /demandes? d’inscription en attente/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Demandes d’inscription' }).waitFor();
    const card = page.locator('article', { has: page.getByRole('heading', { level: 3, name: pole }) });
    await card.getByRole('button', { name: 'Accepter et inviter le contact' }).click();
    await page.getByText(`Le pôle « ${pole} » est inscrit et validé ; son contact a reçu une invitation à l’animer.`).waitFor();
    await browser.expectAccessible(page);
    const decided = page.locator('li', { hasText: pole });
    await decided.getByRole('link', { name: 'voir le pôle' }).click();
    await page.getByRole('heading', { level: 1, name: pole }).waitFor();
    await page.goto(`${new URL(page.url()).pathname}/membres`);
    await page.getByText(email).first().waitFor();
  }

  test('with JavaScript: from an offer to « Inscrire mon pôle », then the coordinator accepts and the contact is invited', async () => {
    const suffix = Date.now().toString(36);
    const pole = `Pôle du parcours ${suffix}`;
    const email = `parcours-${suffix}@exemple.fr`;
    const visitor = await browser.newPage();
    await visitor.goto('/offres');
    await visitor.locator('main article h3 a').first().click();
    await visitor.getByRole('heading', { level: 2, name: 'Pour demander un accompagnement, votre pôle doit être inscrit sur Erasmus PTCE' }).waitFor();
    expect(await visitor.getByRole('link', { name: 'Demander un accompagnement' }).count()).toBe(0);
    await browser.expectAccessible(visitor);
    await screenshot(visitor, 'joining-offer-visitor');
    await visitor.getByRole('main').getByRole('link', { name: 'Inscrire mon pôle' }).click();
    await visitor.getByRole('heading', { level: 1, name: 'Inscrire mon pôle' }).waitFor();
    // Checked by the server (the public pages load no zod), the errors shown beside the fields,
    // and what was typed kept.
    await visitor.getByLabel('Nom du pôle').fill(pole);
    await visitor.getByLabel('Code postal').fill('480');
    await visitor.getByRole('button', { name: 'Envoyer la demande' }).click();
    await visitor.getByText('Saisissez un code postal français à 5 chiffres, par exemple 46100.').waitFor();
    expect(await visitor.getByLabel('Nom du pôle').inputValue()).toBe(pole);
    expect(await visitor.getByLabel('Code postal').getAttribute('aria-invalid')).toBe('true');
    await fillApplication(visitor, pole, email);
    await browser.expectAccessible(visitor);
    await screenshot(visitor, 'joining-receipt');

    const coordinator = await browser.newPage();
    await signIn(coordinator, 'coord.occitanie@demo.ptce.fr');
    await accept(coordinator, pole, email);
    await screenshot(coordinator, 'joining-pole-members');

    // The acknowledgment's link now says the application was accepted.
    await visitor.reload();
    await visitor.getByText('État : acceptée. L’invitation à animer le pôle a été envoyée par e-mail.').waitFor();
  }, 120_000);

  test('without JavaScript: the same way in, and a declined application with its reason', async () => {
    const suffix = Date.now().toString(36);
    const pole = `Pôle sans script ${suffix}`;
    const email = `sans-script-${suffix}@exemple.fr`;
    const visitor = await browser.newPage({ javaScriptEnabled: false });
    await visitor.goto('/demandes');
    await visitor.locator('main article h3 a').first().click();
    await visitor.getByRole('heading', { level: 2, name: 'Pour proposer votre aide, votre pôle doit être inscrit sur Erasmus PTCE' }).waitFor();
    await visitor.getByRole('link', { name: 'Qui coordonne ma région ?' }).click();
    await visitor.getByRole('heading', { level: 1, name: 'Coordinations régionales' }).waitFor();
    await visitor.getByRole('link', { name: 'Inscrire mon pôle dans cette région' }).and(visitor.locator('[aria-describedby="region-76"]')).click();
    await visitor.getByRole('heading', { level: 1, name: 'Inscrire mon pôle' }).waitFor();
    expect(await visitor.getByLabel('Région', { exact: true }).inputValue()).toBe('76');
    // The server answers a bad field beside it.
    await visitor.getByRole('button', { name: 'Envoyer la demande' }).click();
    await visitor.getByText('Indiquez le nom du pôle.').waitFor();
    await browser.expectAccessible(visitor);
    await fillApplication(visitor, pole, email);

    const coordinator = await browser.newPage({ javaScriptEnabled: false });
    await signIn(coordinator, 'coord.occitanie@demo.ptce.fr');
    await accept(coordinator, pole, email);

    const declined = `Pôle à refuser ${suffix}`;
    const other = await browser.newPage({ javaScriptEnabled: false });
    await other.goto('/inscrire-mon-pole');
    await fillApplication(other, declined, `refus-${suffix}@exemple.fr`);
    await coordinator.goto('/coordination/inscriptions');
    const card = coordinator.locator('article', { has: coordinator.getByRole('heading', { level: 3, name: declined }) });
    await card.getByRole('button', { name: 'Refuser la demande' }).click();
    await coordinator.getByText('Expliquez à la personne pourquoi la demande n’est pas retenue.').waitFor();
    await coordinator
      .locator('article', { has: coordinator.getByRole('heading', { level: 3, name: declined }) })
      .getByLabel('Motif du refus')
      .fill('Le projet ne réunit pas encore plusieurs structures.');
    await coordinator
      .locator('article', { has: coordinator.getByRole('heading', { level: 3, name: declined }) })
      .getByRole('button', { name: 'Refuser la demande' })
      .click();
    await coordinator.getByText(`La demande pour « ${declined} » est refusée ; le motif a été envoyé au contact.`).waitFor();
    await coordinator.getByText('« Le projet ne réunit pas encore plusieurs structures. »').waitFor();
  }, 120_000);

  test('the joining pages fit a 390 px phone without sideways scrolling', async () => {
    const phone = await browser.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto('/offres');
    await phone.locator('main article h3 a').first().click();
    await phone.getByRole('main').getByRole('link', { name: 'Inscrire mon pôle' }).waitFor();
    const offer = new URL(phone.url()).pathname;
    const coordinator = await browser.newPage();
    await coordinator.setViewportSize({ width: 390, height: 844 });
    await signIn(coordinator, 'coord.aura@demo.ptce.fr');
    for (const [page, path] of [
      [phone, offer],
      [phone, '/inscrire-mon-pole'],
      [phone, '/coordinations'],
      [phone, '/connexion'],
      [coordinator, '/coordination/inscriptions'],
      [coordinator, '/coordination/contact'],
    ] as const) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).waitFor();
      const [scrollWidth, innerWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      expect(scrollWidth, `${path} is wider than a 390 px phone`).toBeLessThanOrEqual(innerWidth);
    }
    await screenshot(coordinator, 'joining-desk-phone');
    await phone.goto('/inscrire-mon-pole');
    await screenshot(phone, 'joining-form-phone');
  }, 120_000);
});
