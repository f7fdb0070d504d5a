import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { homeListSizes } from '#app/models/home.server';
import { activityFigures, startOfParisYear } from '#app/models/stats.server';
import { loader } from '#app/routes/_index';
import { offers, poleMemberships, poles, requests, twinnings, visits } from '#db/schema';
import { addMembership, createPole, createUser } from '#db/seed/factories';
import { makeRequest, setupTestContext } from '#tests/setup/context';
import { createOffer, createRequest } from '#tests/setup/market-factories';
import { createPoleWithAdmin, createProposedTwinning } from '#tests/setup/twinning-factories';
import { createVisit } from '#tests/setup/visit-factories';

const { context, services, cookieFor } = await setupTestContext();
const db = services.db;

async function home(email?: string) {
  const cookie = email ? await cookieFor(email) : undefined;
  return loader({ request: makeRequest('/', { cookie }), context, params: {} });
}

async function figures() {
  return (await loader({ request: makeRequest('/'), context, params: {} })).figures;
}

describe('home page figures', () => {
  test('count real poles only, computed from the database', async () => {
    const [expected] = await db
      .select({
        active: sql<number>`(count(*) filter (where not fictional and status = 'active'))::int`,
        regions: sql<number>`(count(distinct region_code) filter (where not fictional))::int`,
        verified: sql<number>`(count(*) filter (where not fictional and verified_at is not null))::int`,
        fictional: sql<number>`(count(*) filter (where fictional))::int`,
      })
      .from(poles);
    const current = await figures();
    expect(current).toEqual({
      activePoles: expected!.active,
      regionsWithPoles: expected!.regions,
      members: 2, // the demo admin and member of Figeacteurs; the demo pole's admin is not counted
      verifiedPoles: expected!.verified,
      fictionalPoles: expected!.fictional,
    });
    // The report's figures: 56 active poles out of 74.
    expect(current.activePoles).toBe(56);
    expect(current.fictionalPoles).toBeGreaterThan(0);
  });

  test('follow the data: new poles, members and validations change them; demo poles do not', async () => {
    const before = await figures();

    const corsica = await createPole(db, { regionCode: '94', town: 'Corte', departmentCode: '2B' });
    const afterPole = await figures();
    expect(afterPole.activePoles).toBe(before.activePoles + 1);
    expect(afterPole.regionsWithPoles).toBe(before.regionsWithPoles + 1);

    await createPole(db, { fictional: true, regionCode: '06', town: 'Mamoudzou', departmentCode: '976' });
    const afterDemo = await figures();
    expect({ ...afterDemo, fictionalPoles: 0 }).toEqual({ ...afterPole, fictionalPoles: 0 });
    expect(afterDemo.fictionalPoles).toBe(afterPole.fictionalPoles + 1);

    const person = await createUser(db, { email: 'nouvelle.membre@exemple.fr', name: 'Nouvelle Membre', password: 'un mot de passe solide' });
    await addMembership(db, { userId: person.id, poleId: corsica.id, role: 'member' });
    const afterMember = await figures();
    expect(afterMember.members).toBe(before.members + 1);
    // A second membership of the same person does not count twice.
    const [figeac] = await db.select({ id: poles.id }).from(poles).where(eq(poles.slug, 'figeacteurs'));
    await addMembership(db, { userId: person.id, poleId: figeac!.id, role: 'member' });
    expect((await figures()).members).toBe(before.members + 1);

    await db.update(poles).set({ verifiedAt: new Date() }).where(eq(poles.id, corsica.id));
    expect((await figures()).verifiedPoles).toBe(before.verifiedPoles + 1);

    await db.update(poles).set({ status: 'inactive' }).where(eq(poles.id, corsica.id));
    expect((await figures()).activePoles).toBe(before.activePoles);

    await db.delete(poleMemberships).where(eq(poleMemberships.userId, person.id));
    expect((await figures()).members).toBe(before.members);
  });
});

describe('home page: what is alive', () => {
  test('the latest published offers and the latest requests still looking for help, with their pole and its logo', async () => {
    const page = await home();
    expect(page.offers.length).toBeGreaterThan(0);
    expect(page.offers.length).toBeLessThanOrEqual(homeListSizes.offers);
    const expectedOffers = await db
      .select({ id: offers.id })
      .from(offers)
      .where(eq(offers.state, 'published'))
      .orderBy(desc(offers.publishedAt), desc(offers.id))
      .limit(homeListSizes.offers);
    expect(page.offers.map((offer) => offer.id)).toEqual(expectedOffers.map((offer) => offer.id));
    expect(page.offers[0]).toMatchObject({ pole: { slug: expect.any(String), name: expect.any(String) }, region: { name: expect.any(String) } });
    expect(page.offers[0]!.pole).toHaveProperty('logoUpdatedAt');

    const pole = await createPole(db, {});
    const draft = await createOffer(db, { poleId: pole.id, state: 'draft', title: 'Brouillon jamais montré' });
    const published = await createOffer(db, { poleId: pole.id, title: 'Offre publiée à l’instant' });
    const answered = await createRequest(db, { poleId: pole.id, state: 'answered', title: 'Demande déjà satisfaite' });
    const open = await createRequest(db, { poleId: pole.id, title: 'Demande ouverte à l’instant' });
    const after = await home();
    expect(after.offers[0]!.id).toBe(published.id);
    expect(after.offers.map((offer) => offer.id)).not.toContain(draft.id);
    expect(after.requests[0]!.id).toBe(open.id);
    expect(after.requests.map((request) => request.id)).not.toContain(answered.id);
    expect(after.requests.every((request) => ['open', 'in_progress'].includes(request.state))).toBe(true);
    await db.delete(offers).where(inArray(offers.id, [draft.id, published.id]));
    await db.delete(requests).where(inArray(requests.id, [answered.id, open.id]));
  });

  test('the next visits, soonest first, with the seats left; past and cancelled ones are not there', async () => {
    const soon = await createVisit(db, { startsAt: new Date(Date.now() + 2 * 86_400_000), title: 'Visite très prochaine', seats: 7 });
    const cancelled = await createVisit(db, { startsAt: new Date(Date.now() + 86_400_000), title: 'Visite annulée', state: 'cancelled' });
    const page = await home();
    expect(page.visits.length).toBeLessThanOrEqual(homeListSizes.visits);
    expect(page.visits[0]).toMatchObject({ id: soon.id, seats: 7, free: 7, host: { slug: 'figeacteurs' } });
    expect(page.visits.map((visit) => visit.id)).not.toContain(cancelled.id);
    const starts = page.visits.map((visit) => new Date(visit.startsAt).getTime());
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(starts.every((start) => start > Date.now())).toBe(true);
    await db.delete(visits).where(inArray(visits.id, [soon.id, cancelled.id]));
  });

  test('twinnings under way: the ones both poles agreed to show by name, the others as a count only', async () => {
    const before = await home();
    // The demo's active twinning (Pôle Sud → Pôle Alpen) was consented to by both poles.
    expect(before.twinnings.shown.map((twinning) => [twinning.mentor.slug, twinning.mentee.slug])).toContainEqual(['pole-sud', 'pole-alpen']);
    const mentor = await createPoleWithAdmin(db, { mentoringCapacity: 2 });
    const mentee = await createPoleWithAdmin(db);
    const twinning = await createProposedTwinning(db, { mentorPoleId: mentor.pole.id, menteePoleId: mentee.pole.id });
    await db.update(twinnings).set({ state: 'active', activatedAt: new Date(), mentorShowsPublicly: true }).where(eq(twinnings.id, twinning.id));
    const after = await home();
    expect(after.twinnings.shown.map((shown) => shown.id)).not.toContain(twinning.id);
    expect(after.twinnings.unnamed).toBe(before.twinnings.unnamed + 1);
    // Nothing of the unnamed twinning travels to the page: only the count.
    expect(JSON.stringify(after)).not.toContain(mentee.pole.name);
  });

  test('each visitor gets the parts that apply to them', async () => {
    expect((await home()).viewer).toBe('anonymous');
    expect((await home('figeacteurs@demo.ptce.fr')).viewer).toBe('pole-member');
    expect((await home('coord.occitanie@demo.ptce.fr')).viewer).toBe('staff');
    expect((await home('observateur@demo.ptce.fr')).viewer).toBe('staff');
    const loner = await createUser(db, { email: 'sans.pole@exemple.fr', name: 'Sans Pôle', password: 'un mot de passe solide' });
    expect(loner.id).toBeTruthy();
    expect((await home('sans.pole@exemple.fr')).viewer).toBe('no-pole');
  });
});

describe('home page activity figures', () => {
  test('count what exists on real poles, with this year’s offers, the visits to come and the twinnings under way', async () => {
    const now = new Date();
    const before = await activityFigures(db, now);
    expect(before.offers.published).toBeGreaterThan(0);
    // The demo's two twinnings (one completed, one active) at least.
    expect(before.twinnings.started).toBeGreaterThanOrEqual(2);
    expect(before.twinnings.active).toBeGreaterThanOrEqual(1);

    const pole = await createPole(db, {});
    const lastYear = new Date(startOfParisYear(now).getTime() - 86_400_000);
    const old = await createOffer(db, { poleId: pole.id, publishedAt: lastYear });
    const fresh = await createOffer(db, { poleId: pole.id });
    const paused = await createOffer(db, { poleId: pole.id, state: 'paused' });
    const demo = await createPole(db, { fictional: true });
    const demoOffer = await createOffer(db, { poleId: demo.id });
    const demoRequest = await createRequest(db, { poleId: demo.id });
    const demoVisit = await createVisit(db, { hostPoleId: demo.id });
    const past = await createVisit(db, { startsAt: new Date(now.getTime() - 86_400_000) });
    const mentor = await createPoleWithAdmin(db, { mentoringCapacity: 2 });
    const mentee = await createPoleWithAdmin(db);
    const real = await createProposedTwinning(db, { mentorPoleId: mentor.pole.id, menteePoleId: mentee.pole.id });
    const withDemo = await createProposedTwinning(db, { mentorPoleId: mentor.pole.id, menteePoleId: demo.id });
    await db
      .update(twinnings)
      .set({ state: 'active' })
      .where(inArray(twinnings.id, [real.id, withDemo.id]));
    const after = await activityFigures(db, now);
    expect(after.twinnings).toEqual({ started: before.twinnings.started + 1, active: before.twinnings.active + 1 });
    expect(after.offers).toEqual({ published: before.offers.published + 2, thisYear: before.offers.thisYear + 1 });
    expect(after.openRequests).toBe(before.openRequests);
    expect(after.visits).toEqual({ scheduled: before.visits.scheduled + 1, upcoming: before.visits.upcoming });
    await db.delete(offers).where(inArray(offers.id, [old.id, fresh.id, paused.id, demoOffer.id]));
    await db.delete(requests).where(eq(requests.id, demoRequest.id));
    await db.delete(visits).where(inArray(visits.id, [demoVisit.id, past.id]));
  });

  test('requests of fictional demo poles are not counted, real ones are', async () => {
    const [real] = await db
      .select({ total: sql<number>`count(*)::int` })
      .from(requests)
      .innerJoin(poles, eq(poles.id, requests.poleId))
      .where(and(inArray(requests.state, ['open', 'in_progress']), eq(poles.fictional, false)));
    expect((await activityFigures(db)).openRequests).toBe(real!.total);
  });
});
