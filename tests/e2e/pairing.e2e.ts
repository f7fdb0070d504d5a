import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { chromiumPath, screenshot, signIn, skipReason, useBrowser } from './browser';

/**
 * The pairing journey (issue 9): the Occitanie coordinator reads on the desk why Figeacteurs fits
 * the emerging pole's request and proposes it; both pole admins accept; the twinning is active and
 * a goal is ticked. Once with JavaScript, once without, each on one of the demo pole's requests
 * (the first twinning is closed with its evaluation, which frees the pair for the second).
 */

const emergingPole = 'Coopérative des Causses et Cévennes (fictif)';
const legalRequest = 'Choisir la forme juridique de notre pôle : association ou SCIC ?';
const cooperationRequest = 'Animer la coopération entre membres dispersés sur un territoire rural';

type Browser = ReturnType<typeof useBrowser>;

/** The coordinator's part: the top suggestion for the request is Figeacteurs, with its reasons; propose it. Returns the twinning's address. */
async function proposeTopPair(browser: Browser, coordinator: Page, requestTitle: string, shot: string): Promise<string> {
  await coordinator.goto('/coordination');
  await coordinator.getByRole('heading', { level: 1, name: 'Bureau des jumelages' }).waitFor();
  const request = coordinator.getByRole('article', { name: requestTitle });
  const top = request.getByRole('list', { name: 'Meilleures suggestions' }).getByRole('listitem').first();
  await top.getByRole('link', { name: 'Figeacteurs', exact: true }).waitFor();
  // Why it fits, in French: the shared topics, the distance, the load.
  const reasons = (await top.textContent()) ?? '';
  expect(reasons).toMatch(/thématiques? en commun : /);
  expect(reasons).toMatch(/\d+ km/);
  expect(reasons).toMatch(/jumelages? en cours sur 3 possibles/);
  await top.getByText('Détail du score').click();
  await top.getByText('Écart de maturité').waitFor();
  await browser.expectAccessible(coordinator);
  await screenshot(coordinator, `${shot}-desk`);

  await top.getByRole('textbox', { name: /Message aux deux pôles/ }).fill('Figeacteurs a monté une SCIC et anime un pôle rural : échangez !');
  await top.getByRole('button', { name: /Proposer ce jumelage/ }).click();
  await coordinator.getByText(/est proposé : les deux pôles sont prévenus/).waitFor();
  await coordinator
    .getByRole('article', { name: requestTitle })
    .getByRole('link', { name: /voir le jumelage/ })
    .click();
  await expect.poll(() => new URL(coordinator.url()).pathname).toMatch(/^\/jumelages\/[0-9a-f-]{36}$/);
  await coordinator.getByText('État : Proposé').waitFor();
  await browser.expectAccessible(coordinator);
  return new URL(coordinator.url()).pathname;
}

/** A pole admin accepts the proposal for their side. */
async function accept(browser: Browser, page: Page, twinning: string, pole: string) {
  await page.goto(twinning);
  await page.getByRole('button', { name: `Accepter le jumelage pour ${pole}` }).click();
  await page.locator('main').getByRole('status').first().waitFor();
  expect(await page.getByRole('button', { name: `Accepter le jumelage pour ${pole}` }).count()).toBe(0);
  await browser.expectAccessible(page);
}

/** The emerging pole adds a goal and ticks it; the history says who did what. */
async function tickAGoal(browser: Browser, page: Page, twinning: string, goal: string, shot: string) {
  await page.goto(twinning);
  await page.getByText('État : En cours').waitFor();
  const goals = page.getByRole('region', { name: 'Objectifs' });
  await goals.getByRole('textbox', { name: 'Objectif' }).fill(goal);
  await goals.getByLabel('Échéance (facultative)').fill('2027-03-31');
  await goals.getByRole('button', { name: 'Ajouter l’objectif' }).click();
  await page.getByRole('button', { name: `Marquer « ${goal} » comme fait` }).click();
  await page.getByRole('button', { name: `Marquer « ${goal} » comme à faire` }).waitFor();
  await page.getByText(/Fait par Nicolas Roux \(démo\) le/).waitFor();
  await page.getByText(`Nicolas Roux (démo) a coché l’objectif « ${goal} »`).waitFor();
  await page.getByRole('link', { name: 'Ouvrir la conversation entre les deux pôles' }).waitFor();
  await browser.expectAccessible(page);
  await screenshot(page, `${shot}-active`);
}

describe.skipIf(!chromiumPath)(`pairing journey${chromiumPath ? '' : ` (skipped: ${skipReason})`}`, () => {
  const browser = useBrowser();

  test('with JavaScript: the coordinator proposes the top pair, both poles accept, a goal is ticked, the twinning is closed', async () => {
    const coordinator = await browser.newPage();
    await signIn(coordinator, 'coord.occitanie@demo.ptce.fr');
    const twinning = await proposeTopPair(browser, coordinator, legalRequest, 'pairing-js');

    const figeacteurs = await browser.newPage();
    await signIn(figeacteurs, 'figeacteurs@demo.ptce.fr');
    await accept(browser, figeacteurs, twinning, 'Figeacteurs');
    await figeacteurs.getByText(`En attente de la réponse de : ${emergingPole}.`).waitFor();

    const emergent = await browser.newPage();
    await signIn(emergent, 'emergent@demo.ptce.fr');
    await accept(browser, emergent, twinning, emergingPole);
    await tickAGoal(browser, emergent, twinning, 'Rédiger les statuts de la SCIC', 'pairing-js');

    // The request is in progress; the emerging pole closes the twinning with its evaluation.
    const closing = emergent.getByRole('region', { name: `Clôturer le jumelage pour ${emergingPole}` });
    await closing.getByLabel('Oui').check();
    await closing.getByLabel('Note de 1 à 5').fill('5');
    await closing
      .getByRole('textbox', { name: 'Ce que le jumelage vous a appris' })
      .fill('Le choix entre association et SCIC, et comment associer les collectivités.');
    await closing.getByRole('button', { name: 'Clôturer avec cette évaluation' }).click();
    await emergent.getByText('État : Terminé').waitFor();
    await browser.expectAccessible(emergent);
  });

  test('without JavaScript: the same journey on the other request', async () => {
    const coordinator = await browser.newPage({ javaScriptEnabled: false });
    await signIn(coordinator, 'coord.occitanie@demo.ptce.fr');
    const twinning = await proposeTopPair(browser, coordinator, cooperationRequest, 'pairing-no-js');

    const emergent = await browser.newPage({ javaScriptEnabled: false });
    await signIn(emergent, 'emergent@demo.ptce.fr');
    await accept(browser, emergent, twinning, emergingPole);

    const figeacteurs = await browser.newPage({ javaScriptEnabled: false });
    await signIn(figeacteurs, 'figeacteurs@demo.ptce.fr');
    await accept(browser, figeacteurs, twinning, 'Figeacteurs');
    await tickAGoal(browser, emergent, twinning, 'Organiser une rencontre des membres', 'pairing-no-js');

    // The twinning's conversation is among both poles' conversations.
    await figeacteurs.goto('/conversations');
    await figeacteurs
      .getByText(/Jumelage Figeacteurs — Coopérative des Causses et Cévennes/)
      .first()
      .waitFor();
  });
});
