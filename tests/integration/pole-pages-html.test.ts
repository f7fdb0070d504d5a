import { eq, inArray } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { twinnings, visits } from '#db/schema';
import { javaMissing, javaMissingReason, nuHtmlErrors } from '#tests/setup/html-checker';
import { plainBrowser, startTestServer } from '#tests/setup/server';
import { createPoleWithAdmin, createProposedTwinning } from '#tests/setup/twinning-factories';

/**
 * The home page, pole pages and a twinning's publicity form over HTTP on the production build,
 * as a browser without JavaScript gets them: the small map is plain SVG, the consent is a plain
 * form, a zero figure never shows as « 0 », and every document is valid HTML.
 */
const { origin, services, cookieFor } = await startTestServer();
const db = services.db;
const { page, submit } = plainBrowser(origin);
const documents = new Map<string, string>();

/** The text of the element that carries this `data-testid`, up to its closing tag (enough for these checks). */
function part(html: string, testId: string): string {
  const start = html.indexOf(`data-testid="${testId}"`);
  if (start === -1) return '';
  return html.slice(start, html.indexOf('</section>', start));
}

describe('pole pages and home page without JavaScript', () => {
  test('a pole page: its offers, its twinning under way, the SVG map, and « Inscrire mon pôle » for a visitor', async () => {
    const sud = await page('/poles/pole-sud');
    expect(sud.status).toBe(200);
    expect(sud.html).toContain('Offres publiées');
    expect(sud.html).toContain('Demandes ouvertes');
    expect(sud.html).toContain('Jumelages en cours');
    expect(sud.html).toContain('href="/poles/pole-alpen"');
    // The map: an SVG image with its name in words, the pole's dot and the others', no script needed.
    expect(sud.html).toMatch(/<svg role="img" aria-labelledby="pole-locator-title"/);
    expect(sud.html).toMatch(/<title id="pole-locator-title">Carte de France métropolitaine : Pôle Sud à [^<]+\(Auvergne-Rhône-Alpes\)/);
    expect(sud.html).toContain('data-testid="pole-locator-here"');
    expect((sud.html.match(/<circle /g) ?? []).length).toBeGreaterThan(40);
    expect(sud.html).toContain('href="https://www.openstreetmap.org/?mlat=');
    expect(sud.html).toContain('href="/poles?region=84"');
    expect(part(sud.html, 'join-block')).toContain('href="/inscrire-mon-pole?region=84"');
    expect(part(sud.html, 'join-block')).toContain('href="/connexion?redirectTo=%2Fpoles%2Fpole-sud"');
    documents.set('/poles/pole-sud', sud.html);

    const overseas = await page('/poles/ecopal');
    expect(overseas.html).not.toContain('pole-locator-here');
    expect(overseas.html).toContain('la carte de métropole ne le montre pas');
    documents.set('/poles/ecopal', overseas.html);

    const signedIn = await page('/poles/figeacteurs', await cookieFor('emergent@demo.ptce.fr'));
    expect(signedIn.html).toContain('Contacter ce pôle');
    expect(signedIn.html).toContain('href="/conversations/nouvelle?offre=');
    expect(signedIn.html).toContain('Demander un jumelage');
    expect(signedIn.html).not.toContain('data-testid="join-block"');
    documents.set('/poles/figeacteurs (emergent)', signedIn.html);

    const english = await page('/poles/figeacteurs?lng=en');
    expect(english.html).toContain('Published offers');
    expect(english.html).toContain('Register my pole');
    documents.set('/poles/figeacteurs?lng=en', english.html);
  });

  test('the consent form works without JavaScript, and the twinning then shows on both poles’ pages', async () => {
    const mentor = await createPoleWithAdmin(db, { mentoringCapacity: 2 });
    const mentee = await createPoleWithAdmin(db);
    const twinning = await createProposedTwinning(db, { mentorPoleId: mentor.pole.id, menteePoleId: mentee.pole.id });
    await db.update(twinnings).set({ state: 'active', activatedAt: new Date() }).where(eq(twinnings.id, twinning.id));
    const address = `/jumelages/${twinning.id}`;
    const mentorCookie = await cookieFor(mentor.email);
    const menteeCookie = await cookieFor(mentee.email);

    const before = await page(address, mentorCookie);
    expect(part(before.html, 'twinning-publicity')).toContain('name="intent" value="publicity"');
    expect(before.html).toContain('Montrer ce jumelage sur les pages publiques');
    documents.set(address, before.html);

    const given = await submit(address, mentorCookie, { intent: 'publicity', side: 'mentor', shows: 'true' });
    expect(given.html).toContain('Votre pôle accepte de montrer ce jumelage sur les pages publiques.');
    expect(given.html).toContain(`${mentor.pole.name} accepte de le montrer.`);
    expect(given.html).toContain(`${mentee.pole.name} n’a pas accepté de le montrer.`);
    expect((await page(`/poles/${mentee.pole.slug}`)).html).not.toContain(`href="/poles/${mentor.pole.slug}"`);

    const both = await submit(address, menteeCookie, { intent: 'publicity', side: 'mentee', shows: 'true' });
    expect(both.html).toContain('Ce jumelage est montré sur les pages publiques des deux pôles');
    expect(both.html).toContain('Ne plus montrer ce jumelage sur les pages publiques');
    documents.set(`${address} (both)`, both.html);
    expect((await page(`/poles/${mentee.pole.slug}`)).html).toContain(`href="/poles/${mentor.pole.slug}"`);
    expect((await page(`/poles/${mentor.pole.slug}`)).html).toContain(`href="/poles/${mentee.pole.slug}"`);
  });

  test('the home page: direct links, the joining block for a visitor, the dashboard for a member', async () => {
    const visitor = await page('/');
    for (const link of ['/offres', '/demandes', '/visites', '/poles', '/inscrire-mon-pole', '/connexion', '/coordinations']) {
      expect(visitor.html, link).toContain(`href="${link}"`);
    }
    expect(visitor.html).toContain('data-testid="home-join"');
    expect(visitor.html).not.toContain('href="/tableau-de-bord"');
    expect(visitor.html).toContain('Dernières offres de savoir-faire');
    expect(visitor.html).toContain('Prochaines visites apprenantes');
    documents.set('/', visitor.html);

    const member = await page('/', await cookieFor('figeacteurs@demo.ptce.fr'));
    expect(member.html).not.toContain('data-testid="home-join"');
    expect(member.html).toContain('href="/tableau-de-bord"');
    expect(member.html).toContain('href="/offres/nouvelle"');
    documents.set('/ (member)', member.html);

    const english = await page('/?lng=en');
    expect(english.html).toContain('Latest know-how offers');
    documents.set('/?lng=en', english.html);
  });

  test('a figure that is zero is left out, never shown as « 0 »; its list says how to be the first', async () => {
    const scheduled = await db.select({ id: visits.id }).from(visits).where(eq(visits.state, 'scheduled'));
    await db
      .update(visits)
      .set({ state: 'cancelled' })
      .where(
        inArray(
          visits.id,
          scheduled.map((visit) => visit.id),
        ),
      );
    const home = await page('/');
    const figures = part(home.html, 'home-figures');
    expect(figures).toContain('pôles actifs');
    expect(figures).not.toContain('visites apprenantes organisées');
    expect(figures).not.toMatch(/>0</);
    expect(home.html).toContain('Les prochaines visites apprenantes restent à annoncer');
    documents.set('/ (no visits)', home.html);
    await db
      .update(visits)
      .set({ state: 'scheduled' })
      .where(
        inArray(
          visits.id,
          scheduled.map((visit) => visit.id),
        ),
      );
  });

  test.skipIf(javaMissing)(
    'every page above is valid HTML',
    async () => {
      if (javaMissing) console.warn(`\n⚠ ${javaMissingReason}\n`);
      expect(await nuHtmlErrors(documents)).toEqual([]);
    },
    120_000,
  );
});
