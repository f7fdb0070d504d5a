import { describe, expect, test } from 'vitest';
import { chromiumPath, screenshot, signIn, skipReason, useBrowser } from './browser';

const offerTitle = 'Monter une crèche interentreprises : montage juridique et financier';

describe.skipIf(!chromiumPath)(`marketplace journey${chromiumPath ? '' : ` (skipped: ${skipReason})`}`, () => {
  const browser = useBrowser();

  test('an emerging pole finds legal know-how, asks for support, and the offering pole sees the conversation', async () => {
    const emergent = await browser.newPage();
    await signIn(emergent, 'emergent@demo.ptce.fr');
    await emergent.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Offres', exact: true }).click();
    await emergent.getByRole('heading', { level: 1 }).waitFor();

    // "juridique" also finds the plural and the accented forms the offers are written with.
    await emergent.getByRole('search').getByLabel('Mots-clés').fill('juridique');
    await emergent.getByRole('button', { name: 'Rechercher' }).click();
    await expect.poll(() => new URL(emergent.url()).searchParams.get('q')).toBe('juridique');
    const result = emergent.getByRole('link', { name: offerTitle });
    await result.waitFor();
    // The matched word is highlighted in the result (once the searched page has replaced the list).
    await expect
      .poll(() =>
        emergent
          .locator('mark')
          .filter({ hasText: /juridique/i })
          .count(),
      )
      .toBeGreaterThan(0);
    await browser.expectAccessible(emergent);
    await screenshot(emergent, 'search-juridique');

    await result.click();
    await emergent.getByRole('heading', { level: 1, name: offerTitle }).waitFor();
    await browser.expectAccessible(emergent);
    await emergent.getByRole('link', { name: 'Demander un accompagnement' }).click();
    await emergent.getByRole('heading', { level: 1, name: 'Demander un accompagnement' }).waitFor();
    await browser.expectAccessible(emergent);
    const message = 'Bonjour, notre coopérative lozérienne voudrait ouvrir une crèche interentreprises : pouvons-nous en parler ?';
    await emergent.getByRole('textbox', { name: 'Message' }).fill(message);
    await emergent.getByRole('button', { name: /envoyer|demander un accompagnement/i }).click();
    await expect.poll(() => new URL(emergent.url()).pathname).toMatch(/^\/conversations\/[0-9a-f-]{36}$/);
    await emergent.getByText(message).waitFor();
    await browser.expectAccessible(emergent);
    await screenshot(emergent, 'conversation-started');

    const figeacteurs = await browser.newPage();
    await signIn(figeacteurs, 'figeacteurs@demo.ptce.fr');
    await figeacteurs.goto('/conversations');
    const conversation = figeacteurs.getByRole('link', { name: new RegExp(offerTitle.slice(0, 30)) }).first();
    await conversation.waitFor();
    await figeacteurs.getByText('Coopérative des Causses et Cévennes (fictif)').first().waitFor();
    await browser.expectAccessible(figeacteurs);
    await screenshot(figeacteurs, 'conversations-figeacteurs');
    await conversation.click();
    await figeacteurs.getByText(message).waitFor();
    await browser.expectAccessible(figeacteurs);
  });
});
