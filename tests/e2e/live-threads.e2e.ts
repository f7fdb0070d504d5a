import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { chromiumPath, signIn, skipReason, useBrowser } from './browser';

/**
 * Live threads in three browsers (issue 11, point 7): emergent@ and figeacteurs@ chat in the same
 * conversation, each seeing the other's message without a reload; coord.occitanie@ hides one of
 * them with a reason on the thread page, and it turns into « Message masqué par la modération »
 * live in both members' pages, and its author is told why. A mention tells the person named, live.
 * Screenshots go to /tmp/shots for a person to look at.
 */

const offerTitle = 'Monter une crèche interentreprises : montage juridique et financier';

async function shot(page: Page, name: string) {
  mkdirSync('/tmp/shots', { recursive: true });
  await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true });
}

/** Marks the document: still marked later means the page was never reloaded. */
const markDocument = (page: Page) => page.evaluate(() => ((window as unknown as { unreloaded: boolean }).unreloaded = true));
const stillSameDocument = (page: Page) => page.evaluate(() => (window as unknown as { unreloaded?: boolean }).unreloaded === true);

/** The list item of the message whose text contains `text`. */
const messageItem = (page: Page, text: string) => page.locator('li[id^="message-"]').filter({ hasText: text });

async function send(page: Page, text: string) {
  const box = page.getByRole('textbox', { name: 'Votre message' });
  await box.fill(text);
  await page.getByRole('button', { name: 'Envoyer' }).click();
  // Sent over the socket: the box empties and keeps the focus, without a page load.
  await expect.poll(() => box.inputValue()).toBe('');
  expect(await box.evaluate((element) => element === document.activeElement)).toBe(true);
}

describe.skipIf(!chromiumPath)(`live threads${chromiumPath ? '' : ` (skipped: ${skipReason})`}`, () => {
  const browser = useBrowser();

  test('two poles chat live; the coordinator hides a message and it disappears live from both pages', async () => {
    // Emergent asks Figeacteurs about its crèche offer (or adds to the conversation it already has).
    const emergent = await browser.newPage();
    await signIn(emergent, 'emergent@demo.ptce.fr');
    await emergent.goto('/offres?q=juridique');
    await emergent.getByRole('link', { name: offerTitle }).first().click();
    await emergent.getByRole('link', { name: 'Demander un accompagnement' }).click();
    await emergent.getByRole('textbox', { name: 'Message' }).fill('Bonjour, pouvons-nous parler de votre crèche interentreprises en direct ?');
    await emergent.getByRole('button', { name: /envoyer|demander un accompagnement/i }).click();
    await expect.poll(() => new URL(emergent.url()).pathname).toMatch(/^\/conversations\/[0-9a-f-]{36}$/);
    const address = new URL(emergent.url()).pathname;

    const figeacteurs = await browser.newPage();
    await signIn(figeacteurs, 'figeacteurs@demo.ptce.fr');
    await figeacteurs.goto(address);
    await figeacteurs.getByRole('heading', { level: 1 }).waitFor();

    // Each page has joined: each sees the other here now.
    await figeacteurs.getByText(/Ici maintenant : .*Nicolas Roux/).waitFor({ timeout: 15_000 });
    await emergent.getByText(/Ici maintenant : .*Claire Dubois/).waitFor({ timeout: 15_000 });
    await markDocument(emergent);
    await markDocument(figeacteurs);

    const fromEmergent = `Pouvons-nous venir le 12 avril ? (${Date.now()})`;
    await send(emergent, fromEmergent);
    await messageItem(figeacteurs, fromEmergent).waitFor({ timeout: 10_000 });
    // Figeacteurs sees emergent's message as another's; emergent sees it as its own (« Vous »).
    await expect.poll(() => messageItem(figeacteurs, fromEmergent).innerText()).toContain('Nicolas Roux');
    await expect.poll(() => messageItem(emergent, fromEmergent).innerText()).toContain('Vous, pour');

    const fromFigeacteurs = `Avec plaisir, le 12 avril nous convient : https://exemple.org/acces (${Date.now()})`;
    await send(figeacteurs, fromFigeacteurs);
    await messageItem(emergent, fromFigeacteurs).waitFor({ timeout: 10_000 });
    expect(await messageItem(emergent, fromFigeacteurs).getByRole('link', { name: 'https://exemple.org/acces' }).getAttribute('rel')).toBe(
      'nofollow noopener noreferrer ugc',
    );
    // Each message once, though it came both in the answer and from the room.
    expect(await messageItem(emergent, fromEmergent).count()).toBe(1);
    expect(await messageItem(figeacteurs, fromFigeacteurs).count()).toBe(1);
    // A mention tells the person named, live, wherever their page is.
    await send(emergent, 'Merci @Claire Dubois (démo) !');
    await figeacteurs.getByText(/Nicolas Roux \(démo\) vous a mentionné·e dans/).waitFor({ timeout: 10_000 });
    await shot(emergent, 'live-thread-emergent');
    await shot(figeacteurs, 'live-thread-figeacteurs');

    // The regional coordinator hides figeacteurs' message from the thread page, with a reason.
    const coordinator = await browser.newPage();
    await signIn(coordinator, 'coord.occitanie@demo.ptce.fr');
    await coordinator.goto(address);
    const target = messageItem(coordinator, fromFigeacteurs);
    // A click that lands before hydration can be undone by it: open the disclosure until its form shows.
    const reason = target.getByRole('textbox', { name: /Motif du masquage/ });
    await expect
      .poll(
        async () => {
          if (!(await reason.isVisible())) await target.getByText('Masquer', { exact: true }).click();
          return reason.isVisible();
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    await reason.fill('Lien vers un site sans rapport avec la discussion');
    await target.getByRole('button', { name: 'Masquer le message' }).click();

    for (const page of [emergent, figeacteurs]) {
      await expect.poll(() => messageItem(page, 'Message masqué par la modération').count(), { timeout: 10_000 }).toBeGreaterThan(0);
      expect(await page.getByText(fromFigeacteurs).count()).toBe(0);
      expect(await stillSameDocument(page)).toBe(true);
    }
    // Its author is told, live, which message was hidden and why.
    await figeacteurs.getByText(/La modération a masqué l’un de vos messages : Lien vers un site sans rapport/).waitFor({ timeout: 10_000 });
    // The moderator still reads the text, marked « masqué ».
    await coordinator.getByText(fromFigeacteurs).waitFor();
    await expect.poll(() => messageItem(coordinator, fromFigeacteurs).innerText()).toMatch(/masqué/);
    await shot(emergent, 'live-thread-hidden-emergent');
    await shot(figeacteurs, 'live-thread-hidden-figeacteurs');
    await shot(coordinator, 'live-thread-coordinator');
    await browser.expectAccessible(emergent);
    await browser.expectAccessible(coordinator);
  });
});
