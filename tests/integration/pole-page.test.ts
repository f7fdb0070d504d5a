import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { safeExternalUrl } from '#app/components/format';
import { contactPath } from '#app/domain/conversations/messages';
import { loader, meta } from '#app/routes/poles.$slug';
import { offers, poles, requests, twinnings } from '#db/schema';
import { createPole } from '#db/seed/factories';
import { makeRequest, setupTestContext } from '#tests/setup/context';
import { createOffer, createRequest } from '#tests/setup/market-factories';
import { createPoleWithAdmin, createProposedTwinning } from '#tests/setup/twinning-factories';

const { context, services, cookieFor } = await setupTestContext();

async function polePage(slug: string, email?: string) {
  const cookie = email ? await cookieFor(email) : undefined;
  return loader({ request: makeRequest(`/poles/${slug}`, { cookie }), context, params: { slug } });
}

describe('pole page /poles/<slug>', () => {
  test('shows every profile field of a real pole, with its report number', async () => {
    const { pole, canViewMembers } = await polePage('figeacteurs');
    expect(pole).toMatchObject({
      slug: 'figeacteurs',
      name: 'Figeacteurs',
      town: 'Figeac',
      departmentCode: '46',
      region: { code: '76', name: 'Occitanie', nameEn: 'Occitania' },
      status: 'active',
      maturity: 'mature',
      animation: 'carrying_structure',
      fictional: false,
      foundedYear: null,
      memberCount: null,
    });
    expect(pole.reportNumber).toEqual(expect.any(Number));
    expect(pole.description.length).toBeGreaterThan(0);
    expect(pole.sectors.length).toBeGreaterThan(0);
    expect(pole.verifiedAt).toBeInstanceOf(Date);
    expect(canViewMembers).toBe(false);
  });

  test('shows what the pole declared as a mentoring pole, and nothing for a pole that mentors nobody', async () => {
    const { mentoring } = await polePage('figeacteurs');
    expect(mentoring).toMatchObject({ capacity: 3, activeLoad: 0, languages: expect.arrayContaining(['fr']) });
    expect(mentoring!.topics.map((topic) => topic.slug)).toEqual(expect.arrayContaining(['juridique', 'gouvernance']));
    const emerging = await polePage('causses-cevennes-demo');
    expect(emerging.mentoring).toMatchObject({ capacity: 0, topics: [] });
  });

  test('a visitor sees the validation date, not who validated', async () => {
    const { pole } = await polePage('figeacteurs');
    expect(pole.verifiedAt).toBeInstanceOf(Date);
    expect(pole.verifiedByName).toBeNull();
  });

  test('members, coordinators of the region and the national admin get the members link; others do not', async () => {
    const allowed = ['membre@demo.ptce.fr', 'figeacteurs@demo.ptce.fr', 'coord.occitanie@demo.ptce.fr', 'admin@demo.ptce.fr'];
    for (const email of allowed) {
      const page = await polePage('figeacteurs', email);
      expect(page.canViewMembers, email).toBe(true);
      expect(page.pole.verifiedByName, email).toEqual(expect.any(String));
    }
    for (const email of ['coord.aura@demo.ptce.fr', 'emergent@demo.ptce.fr']) {
      const page = await polePage('figeacteurs', email);
      expect(page.canViewMembers, email).toBe(false);
      expect(page.pole.verifiedByName, email).toBeNull();
    }
  });

  test('a fictional pole says so', async () => {
    const { pole } = await polePage('causses-cevennes-demo');
    expect(pole.fictional).toBe(true);
    expect(pole.reportNumber).toBeNull();
  });

  test('optional fields come through when a pole has them', async () => {
    const created = await createPole(services.db, { foundedYear: 2016, memberCount: 42, website: 'https://exemple.fr/pole', animation: 'dedicated_team' });
    const { pole } = await polePage(created.slug);
    expect(pole).toMatchObject({ foundedYear: 2016, memberCount: 42, website: 'https://exemple.fr/pole', animation: 'dedicated_team', verifiedAt: null });
  });

  test('the page title is the pole name', async () => {
    const data = await polePage('figeacteurs');
    const tags = meta({ data, matches: [], params: { slug: 'figeacteurs' } } as unknown as Parameters<typeof meta>[0]);
    expect(tags).toContainEqual({ title: 'Figeacteurs — Erasmus PTCE' });
  });

  test('only http(s) websites become links', () => {
    expect(safeExternalUrl('https://exemple.fr/pole')).toBe('https://exemple.fr/pole');
    expect(safeExternalUrl('javascript:alert(1)')).toBeNull();
    expect(safeExternalUrl('pas une adresse')).toBeNull();
    expect(safeExternalUrl(null)).toBeNull();
  });

  test('an unknown slug is a 404', async () => {
    const error = await polePage('ce-pole-n-existe-pas').catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(Response);
    expect((error as Response).status).toBe(404);
  });

  test('the profile follows the database', async () => {
    await services.db.update(poles).set({ description: 'Nouvelle présentation.' }).where(eq(poles.slug, 'ardaines'));
    expect((await polePage('ardaines')).pole.description).toBe('Nouvelle présentation.');
  });
});

async function poleBySlug(slug: string) {
  const [row] = await services.db.select().from(poles).where(eq(poles.slug, slug));
  return row!;
}

/** An active twinning between two new poles, with the consents given. */
async function activeTwinning(consents: { mentor: boolean; mentee: boolean }, state: 'active' | 'completed' = 'active') {
  const mentor = await createPoleWithAdmin(services.db, { mentoringCapacity: 3 });
  const mentee = await createPoleWithAdmin(services.db);
  const twinning = await createProposedTwinning(services.db, { mentorPoleId: mentor.pole.id, menteePoleId: mentee.pole.id });
  await services.db
    .update(twinnings)
    .set({ state, activatedAt: new Date(), mentorShowsPublicly: consents.mentor, menteeShowsPublicly: consents.mentee })
    .where(eq(twinnings.id, twinning.id));
  return { twinning, mentor, mentee };
}

describe('pole page: what the pole offers, asks, and does', () => {
  test('lists the published offers only, newest first: no draft, paused or closed one', async () => {
    const figeac = await poleBySlug('figeacteurs');
    const paused = await createOffer(services.db, { poleId: figeac.id, state: 'paused', title: 'Offre en pause de Figeacteurs' });
    const closed = await createOffer(services.db, { poleId: figeac.id, state: 'closed', title: 'Offre close de Figeacteurs' });
    const fresh = await createOffer(services.db, { poleId: figeac.id, title: 'Offre toute neuve de Figeacteurs' });
    const expected = await services.db
      .select({ id: offers.id })
      .from(offers)
      .where(and(eq(offers.poleId, figeac.id), eq(offers.state, 'published')));
    const page = await polePage('figeacteurs');
    expect(page.offers.map((offer) => offer.id).sort()).toEqual(expected.map((offer) => offer.id).sort());
    expect(page.offers[0]!.id).toBe(fresh.id);
    const titles = page.offers.map((offer) => offer.title);
    expect(titles).toContain('Monter une crèche interentreprises : montage juridique et financier');
    expect(titles.some((title) => title.startsWith('Brouillon'))).toBe(false);
    expect(titles).not.toContain(paused.title);
    expect(titles).not.toContain(closed.title);
    await services.db.delete(offers).where(inArray(offers.id, [paused.id, closed.id, fresh.id]));
  });

  test('lists the requests still looking for help (open or in progress), not the answered or closed ones', async () => {
    const causses = await poleBySlug('causses-cevennes-demo');
    const inProgress = await createRequest(services.db, { poleId: causses.id, state: 'in_progress', title: 'Demande en cours de traitement' });
    const answered = await createRequest(services.db, { poleId: causses.id, state: 'answered', title: 'Demande satisfaite' });
    const closed = await createRequest(services.db, { poleId: causses.id, state: 'closed', title: 'Demande close' });
    const page = await polePage('causses-cevennes-demo');
    const titles = page.requests.map((request) => request.title);
    expect(titles).toEqual(expect.arrayContaining(['Choisir la forme juridique de notre pôle : association ou SCIC ?', inProgress.title]));
    expect(titles).not.toContain(answered.title);
    expect(titles).not.toContain(closed.title);
    expect(page.requests.find((request) => request.id === inProgress.id)?.state).toBe('in_progress');
    expect((await polePage('figeacteurs')).requests).toEqual([]);
    await services.db.delete(requests).where(inArray(requests.id, [inProgress.id, answered.id, closed.id]));
  });

  test('shows a twinning under way only when both poles consented, from either side', async () => {
    const sud = await polePage('pole-sud');
    expect(sud.twinnings.map((twinning) => [twinning.mentor.slug, twinning.mentee.slug])).toEqual([['pole-sud', 'pole-alpen']]);
    expect((await polePage('pole-alpen')).twinnings).toHaveLength(1);

    const one = await activeTwinning({ mentor: true, mentee: false });
    const other = await activeTwinning({ mentor: false, mentee: true });
    const both = await activeTwinning({ mentor: true, mentee: true });
    const ended = await activeTwinning({ mentor: true, mentee: true }, 'completed');
    expect((await polePage(one.mentor.pole.slug)).twinnings).toEqual([]);
    expect((await polePage(one.mentee.pole.slug)).twinnings).toEqual([]);
    expect((await polePage(other.mentor.pole.slug)).twinnings).toEqual([]);
    expect((await polePage(ended.mentee.pole.slug)).twinnings).toEqual([]);
    const shown = await polePage(both.mentee.pole.slug);
    expect(shown.twinnings).toMatchObject([
      { id: both.twinning.id, mentor: { slug: both.mentor.pole.slug, logoUpdatedAt: null }, mentee: { slug: both.mentee.pole.slug }, request: null },
    ]);
    expect(shown.twinnings[0]!.activatedAt).toBeInstanceOf(Date);
  });

  test('the pole’s own people learn how many of its twinnings the page does not name; visitors learn nothing', async () => {
    const hidden = await activeTwinning({ mentor: true, mentee: false });
    expect((await polePage(hidden.mentor.pole.slug)).unnamedTwinnings).toBe(0);
    expect((await polePage(hidden.mentor.pole.slug, hidden.mentor.email)).unnamedTwinnings).toBe(1);
    expect((await polePage(hidden.mentor.pole.slug, hidden.mentee.email)).unnamedTwinnings).toBe(0);
  });

  test('contact buttons: a person of another pole writes about the latest offer; a visitor is offered to register and sign in', async () => {
    const fromElsewhere = await polePage('figeacteurs', 'emergent@demo.ptce.fr');
    expect(fromElsewhere.offers.length).toBeGreaterThan(0);
    expect(fromElsewhere.contactPath).toBe(contactPath({ kind: 'offer', id: fromElsewhere.offers[0]!.id }));
    expect(fromElsewhere).toMatchObject({ canAskTwinning: true, joining: null });

    const visitor = await polePage('figeacteurs');
    expect(visitor).toMatchObject({ contactPath: null, canAskTwinning: false, joining: 'anonymous' });
    const own = await polePage('figeacteurs', 'figeacteurs@demo.ptce.fr');
    expect(own).toMatchObject({ contactPath: null, canAskTwinning: false, joining: null, canPublish: true });
    // Coordinators and the national council have no pole but are not invited to register one.
    expect((await polePage('figeacteurs', 'coord.occitanie@demo.ptce.fr')).joining).toBeNull();
    expect((await polePage('figeacteurs', 'observateur@demo.ptce.fr')).joining).toBeNull();

    // A pole with requests only is contacted about its latest request.
    const causses = await polePage('causses-cevennes-demo', 'figeacteurs@demo.ptce.fr');
    expect(causses.offers).toEqual([]);
    expect(causses.contactPath).toBe(contactPath({ kind: 'request', id: causses.requests[0]!.id }));
    // Nothing to write about: no conversation button (the public e-mail and the twinning ask remain).
    const quiet = await createPole(services.db, {});
    expect((await polePage(quiet.slug, 'figeacteurs@demo.ptce.fr')).contactPath).toBeNull();
  });

  test('the small map places a metropolitan pole among the others, and leaves an overseas pole to OpenStreetMap', async () => {
    const { locator } = await polePage('figeacteurs');
    expect(locator.here).toEqual({ x: expect.any(Number), y: expect.any(Number) });
    expect(locator.others.length).toBeGreaterThan(40);
    expect(locator.openStreetMap).toMatch(/^https:\/\/www\.openstreetmap\.org\/\?mlat=44\.\d+&mlon=2\.\d+#map=11\//);
    // Soissons is north-east of Figeac: higher and further right on the drawing.
    const soissons = (await polePage('aliss-ptce')).locator.here!;
    expect(soissons.y).toBeLessThan(locator.here!.y);
    expect(soissons.x).toBeGreaterThan(locator.here!.x);
    const overseas = await polePage('ecopal');
    expect(overseas.locator.here).toBeNull();
    expect(overseas.locator.openStreetMap).toContain('mlat=-');
  });
});
