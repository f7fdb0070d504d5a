import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { offers, poles } from '#db/schema';
import { expectValidHtml, javaMissing, javaMissingReason, nuTestTitle } from '#tests/setup/html-checker';
import { createOffer } from '#tests/setup/market-factories';
import { plainBrowser, startTestServer } from '#tests/setup/server';

/**
 * /tableau-de-bord as a browser without JavaScript gets it (the production build): each role's
 * page in French and English, valid for the Nu HTML checker (skipped without Java), and a
 * one-click state change that works as a plain form.
 */

const { origin, services, cookieFor } = await startTestServer();
const db = services.db;
const { page, submit } = plainBrowser(origin);
if (javaMissing) console.warn(`\n⚠ HTML validity check skipped: ${javaMissingReason}.\n`);

const [figeacteurs] = await db.select({ id: poles.id }).from(poles).where(eq(poles.slug, 'figeacteurs'));
const offer = await createOffer(db, { poleId: figeacteurs!.id, state: 'published', title: 'Offre à mettre en pause sans JavaScript' });
const people = ['figeacteurs@demo.ptce.fr', 'emergent@demo.ptce.fr', 'coord.occitanie@demo.ptce.fr', 'admin@demo.ptce.fr', 'observateur@demo.ptce.fr'];

describe('the start page in a browser without JavaScript', () => {
  test('a pole admin sees its offers with plain forms, and pausing one comes back with the state changed', async () => {
    const cookie = await cookieFor('figeacteurs@demo.ptce.fr');
    const before = await page('/tableau-de-bord', cookie);
    expect(before.status).toBe(200);
    expect(before.html).toContain('<h1 class="text-3xl font-bold">Tableau de bord</h1>');
    expect(before.html).toMatch(new RegExp(`<input type="hidden" name="itemId" value="${offer.id}"/>`));
    const after = await submit('/tableau-de-bord', cookie, { intent: 'offer-state', itemId: offer.id, state: 'paused' });
    expect(after.status).toBe(200);
    expect(after.html).toContain('Offre à mettre en pause sans JavaScript');
    expect(after.html).toContain('L’offre « Offre à mettre en pause sans JavaScript » est en pause.');
    const [row] = await db.select({ state: offers.state }).from(offers).where(eq(offers.id, offer.id));
    expect(row!.state).toBe('paused');
  });

  test('the coordinator and the national council get their parts; a visitor is sent to sign in', async () => {
    const coordinator = await page('/tableau-de-bord', await cookieFor('coord.occitanie@demo.ptce.fr'));
    expect(coordinator.html).toContain('Coordination : Occitanie');
    expect(coordinator.html).toContain('Pôles à valider');
    const national = await page('/tableau-de-bord', await cookieFor('admin@demo.ptce.fr'));
    expect(national.html).toContain('Vue nationale');
    expect(national.html).toContain('href="/coordination?region=84"');
    const observer = await page('/tableau-de-bord', await cookieFor('observateur@demo.ptce.fr'));
    expect(observer.html).toContain('Vue nationale');
    expect(observer.html).not.toContain('href="/coordination?region=');
    const response = await fetch(`${origin}/tableau-de-bord`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe('/connexion?redirectTo=%2Ftableau-de-bord');
  });

  test.skipIf(javaMissing)(
    nuTestTitle,
    async () => {
      const documents = new Map<string, string>();
      for (const email of people) {
        const cookie = await cookieFor(email);
        documents.set(`${email} (fr)`, (await page('/tableau-de-bord', cookie)).html);
        documents.set(`${email} (en)`, (await page('/tableau-de-bord?lng=en', cookie)).html);
      }
      await expectValidHtml(documents);
    },
    180_000,
  );
});
