import { and, eq, notInArray, sql } from 'drizzle-orm';
import { createElement } from 'react';
import { describe, expect, test } from 'vitest';
import { backlogLinks, RegionDeskSection } from '#app/components/dashboard/region-backlog';
import { reportMessage } from '#app/models/moderation.server';
import { homeFigures } from '#app/models/stats.server';
import { postMessage } from '#app/models/threads.server';
import { loader } from '#app/routes/tableau-de-bord';
import { offers, poleApplications, poles, regionalBodies, regionalBodyRegions, regions, threads } from '#db/schema';
import { addMembership, assignCoordinator, createPole, createUser } from '#db/seed/factories';
import { makeRequest, routeArgs, setupTestContext } from '#tests/setup/context';
import { createRequest } from '#tests/setup/market-factories';
import { settle } from '#tests/setup/responses';
import { renderAt } from '#tests/setup/search-fixtures';
import { createProposedTwinning } from '#tests/setup/twinning-factories';
import { createGuestPole } from '#tests/setup/visit-factories';

/**
 * The coordination parts of /tableau-de-bord (issue 12): a coordinator's regions, and the national
 * council's figures and backlogs, on a region of their own (Corse) with items in each list.
 */

const { context, services, cookieFor } = await setupTestContext();
const db = services.db;

async function dashboard(email: string) {
  return settle(loader(routeArgs(context, makeRequest('/tableau-de-bord', { cookie: await cookieFor(email) }))));
}

const helper = await createPole(db, { verifiedAt: new Date(), maturity: 'mature', mentoringCapacity: 2, name: 'Pôle qui aide (test)' });

const [body] = await db
  .insert(regionalBodies)
  .values({ slug: `corse-test-${Date.now()}`, name: 'Instance de test (Corse)' })
  .returning();
await db.insert(regionalBodyRegions).values({ regionalBodyId: body!.id, regionCode: '94' });
const coordinator = await createUser(db, { email: `coord-corse-${Date.now()}@test.ptce.fr`, name: 'Coordinatrice Corse', password: 'mot-de-passe-de-test' });
await assignCoordinator(db, { userId: coordinator.id, regionalBodyId: body!.id });
const corsica = { regionCode: '94', departmentCode: '2A', town: 'Ajaccio', latitude: 41.92, longitude: 8.74 };
const toValidate = await createPole(db, { ...corsica, name: 'Pôle corse à valider' });
const corsican = await createPole(db, { ...corsica, verifiedAt: new Date(), name: 'Pôle corse validé' });
const waitingNeed = await createRequest(db, { poleId: corsican.id, title: 'Demande corse sans jumelage' });
const answeredNeed = await createRequest(db, { poleId: corsican.id, title: 'Demande corse déjà proposée' });
const corsicanProposal = await createProposedTwinning(db, { mentorPoleId: helper.id, menteePoleId: corsican.id, requestId: answeredNeed.id });
const corsicanGuest = await createGuestPole(db);
const [corsicanThread] = await db
  .insert(threads)
  .values({ subjectType: 'offer', initiatorPoleId: corsicanGuest.pole.id, recipientPoleId: corsican.id, regionCode: '94', title: 'Fil corse signalé' })
  .returning();
const reported = await postMessage(db, services, {
  threadId: corsicanThread!.id,
  authorId: corsicanGuest.admin.id,
  poleId: corsicanGuest.pole.id,
  body: 'Un message à examiner',
  clientKey: null,
  exemptFromSlowMode: false,
});
if (reported.status !== 'sent') throw new Error('fixture message not sent');
const reporter = await createUser(db, { email: `signale-${Date.now()}@test.ptce.fr`, name: 'Signaleuse', password: 'mot-de-passe-de-test' });
await reportMessage(services, { messageId: reported.message.id, reporterId: reporter.id, reason: 'Propos déplacés' });

// « Inscrire mon pôle »: two applications wait in Corse (the older first), one was decided already.
const application = (poleName: string, createdAt: Date, state: 'pending' | 'declined' = 'pending') => ({
  regionCode: '94',
  poleName,
  town: 'Bastia',
  postalCode: '20200',
  contactName: 'Paule Santoni',
  contactEmail: `${poleName.replace(/\W+/g, '-')}@exemple.fr`,
  description: 'Une coopération insulaire.',
  state,
  createdAt,
  ...(state === 'declined' ? { decidedAt: new Date(), decisionNote: 'Hors du programme' } : {}),
});
const [olderApplication, newerApplication] = await db
  .insert(poleApplications)
  .values([
    application('Pôle corse candidat ancien', new Date(Date.now() - 3 * 86_400_000)),
    application('Pôle corse candidat récent', new Date(Date.now() - 86_400_000)),
    application('Pôle corse refusé', new Date(Date.now() - 5 * 86_400_000), 'declined'),
  ])
  .returning();

describe('a coordinator', () => {
  test('sees their region’s five lists, counted, with the first items and where each is dealt with', async () => {
    const { data } = await dashboard(coordinator.email);
    expect(data.poles).toEqual([]);
    expect(data.national).toBeNull();
    expect(data.regions.map((region: { code: string }) => region.code)).toEqual(['94']);
    const { backlog } = data.regions[0];
    expect(backlog.poles).toEqual({ total: 1, items: [expect.objectContaining({ id: toValidate.id, name: 'Pôle corse à valider' })] });
    expect(backlog.requests).toEqual({ total: 1, items: [expect.objectContaining({ id: waitingNeed.id, poleName: 'Pôle corse validé' })] });
    expect(backlog.proposals).toEqual({
      total: 1,
      items: [expect.objectContaining({ id: corsicanProposal.id, mentorName: 'Pôle qui aide (test)', menteeName: 'Pôle corse validé', mentorAnswered: false })],
    });
    expect(backlog.reports).toEqual({
      total: 1,
      items: [
        expect.objectContaining({
          messageId: reported.message.id,
          title: 'Fil corse signalé',
          reports: 1,
          path: `/conversations/${corsicanThread!.id}#message-${reported.message.id}`,
        }),
      ],
    });
    expect(backlog.applications).toEqual({
      total: 2,
      items: [
        { id: olderApplication!.id, poleName: 'Pôle corse candidat ancien', town: 'Bastia', receivedAt: olderApplication!.createdAt },
        { id: newerApplication!.id, poleName: 'Pôle corse candidat récent', town: 'Bastia', receivedAt: newerApplication!.createdAt },
      ],
    });
    expect(data.deskRegions).toEqual(['94']);
    expect(data.reviewRegions).toEqual(['94']);
    expect(data.moderates).toBe(true);
  });

  test('the page lists the pending applications first, each linking to its card on the applications desk', async () => {
    const { data } = await dashboard(coordinator.email);
    const [region] = data.regions;
    const links = backlogLinks(region.code, { desk: true, applications: true, moderation: true });
    const html = await renderAt('/tableau-de-bord', createElement(RegionDeskSection, { region, links }));
    const desk = '/coordination/inscriptions?region=94';
    expect(html).toContain(`href="${desk}#demande-${olderApplication!.id}"`);
    expect(html).toContain('Pôle corse candidat ancien');
    expect(html).not.toContain('Pôle corse refusé');
    expect(html).toContain('Demandes d’inscription à examiner');
    expect(html).toMatch(new RegExp(`<a [^>]*href="${desk.replace('?', '\\?')}"[^>]*>Ouvrir les demandes d’inscription</a>`));
    // The figures: the applications' count, linked to the desk, before the poles to validate.
    expect(html.indexOf('Demandes d’inscription à examiner')).toBeLessThan(html.indexOf('Pôles à valider'));
    const english = await renderAt('/tableau-de-bord', createElement(RegionDeskSection, { region, links }), 'en');
    expect(english).toContain('Registration applications to review');
    // Without the right to review them, the count stays and the links go.
    const withoutReview = await renderAt(
      '/tableau-de-bord',
      createElement(RegionDeskSection, { region, links: backlogLinks(region.code, { desk: true, applications: false, moderation: true }) }),
    );
    expect(withoutReview).toContain('Pôle corse candidat ancien');
    expect(withoutReview).not.toContain(desk);
  });

  test('shows at most three items of a list but counts them all; a reviewed report leaves the count', async () => {
    for (let index = 0; index < 3; index += 1) await createPole(db, { ...corsica, name: `Autre pôle corse ${index}` });
    const { backlog } = (await dashboard(coordinator.email)).data.regions[0];
    expect(backlog.poles.total).toBe(4);
    expect(backlog.poles.items).toHaveLength(3);
    const more = await db
      .insert(poleApplications)
      .values([1, 2].map((index) => application(`Pôle corse candidat ${index}`, new Date())))
      .returning();
    expect((await dashboard(coordinator.email)).data.regions[0].backlog.applications).toMatchObject({ total: 4, items: { length: 3 } });
    await db.execute(sql`delete from pole_applications where id in (${more[0]!.id}, ${more[1]!.id})`);
    await db.execute(sql`update messages set reviewed_at = now() + interval '1 second' where id = ${reported.message.id}`);
    expect((await dashboard(coordinator.email)).data.regions[0].backlog.reports).toEqual({ total: 0, items: [] });
    await db.execute(sql`update messages set reviewed_at = null where id = ${reported.message.id}`);
  });

  test('another region’s coordinator does not see it', async () => {
    const { data } = await dashboard('coord.occitanie@demo.ptce.fr');
    expect(data.regions.map((region: { code: string }) => region.code)).toEqual(['76']);
  });
});

describe('the national council', () => {
  test('the national admin sees the national figures and every region’s backlog, each linking to its desk', async () => {
    const { data } = await dashboard('admin@demo.ptce.fr');
    expect(data.poles).toEqual([]);
    expect(data.regions).toEqual([]);
    const home = await homeFigures(db);
    const [published] = await db
      .select({ count: sql<number>`count(*)::int` })
      .from(offers)
      .innerJoin(poles, eq(poles.id, offers.poleId))
      .where(and(eq(offers.state, 'published'), eq(poles.fictional, false)));
    expect(data.national.figures).toMatchObject({ ...home, publishedOffers: Number(published!.count), activeTwinnings: expect.any(Number) });
    const corse = data.national.regions.find((region: { code: string }) => region.code === '94');
    expect(corse.backlog).toMatchObject({
      applications: { total: 2 },
      poles: { total: 4 },
      requests: { total: 1 },
      proposals: { total: 1 },
      reports: { total: 1 },
    });
    expect(corse.backlog.poles.items).toEqual([]);
    expect(corse.backlog.applications.items).toEqual([]);
    const withPoles = await db.selectDistinct({ code: poles.regionCode }).from(poles);
    expect(data.national.regions.map((region: { code: string }) => region.code).sort()).toEqual(withPoles.map((row) => row.code).sort());
    expect(data.deskRegions.sort()).toEqual(withPoles.map((row) => row.code).sort());
    // The national admin reviews every region's applications (those of a region no body coordinates land with them).
    expect(data.reviewRegions.sort()).toEqual(withPoles.map((row) => row.code).sort());
    expect(data.moderates).toBe(true);
  });

  test('a region with no pole yet is listed once an application waits there, linked to its applications', async () => {
    const withPoles = new Set((await db.selectDistinct({ code: poles.regionCode }).from(poles)).map((row) => row.code));
    const [empty] = await db
      .select({ code: regions.code })
      .from(regions)
      .where(notInArray(regions.code, db.select({ code: poles.regionCode }).from(poles)))
      .orderBy(regions.code)
      .limit(1);
    expect(withPoles.has(empty!.code)).toBe(false);
    const [waiting] = await db
      .insert(poleApplications)
      .values({ ...application('Premier pôle de la région', new Date()), regionCode: empty!.code })
      .returning();
    const { data } = await dashboard('admin@demo.ptce.fr');
    const region = data.national.regions.find((item: { code: string }) => item.code === empty!.code);
    expect(region).toMatchObject({ poleCount: 0, backlog: { applications: { total: 1 }, poles: { total: 0 } } });
    expect(data.reviewRegions).toContain(empty!.code);
    const links = backlogLinks(empty!.code, { desk: true, applications: true, moderation: true });
    expect(links.applications).toBe(`/coordination/inscriptions?region=${empty!.code}`);
    await db.delete(poleApplications).where(eq(poleApplications.id, waiting!.id));
  });

  test('the observer reads the same figures but opens no desk and no moderation queue', async () => {
    const { data } = await dashboard('observateur@demo.ptce.fr');
    expect(data.national.regions.find((region: { code: string }) => region.code === '94').backlog.requests.total).toBe(1);
    expect(data.national.regions.find((region: { code: string }) => region.code === '94').backlog.applications.total).toBe(2);
    expect(data.deskRegions).toEqual([]);
    expect(data.reviewRegions).toEqual([]);
    expect(data.moderates).toBe(false);
  });

  test('a pole member has no national part', async () => {
    expect((await dashboard('membre@demo.ptce.fr')).data.national).toBeNull();
  });

  test('a person who is both a pole member and a coordinator gets both parts', async () => {
    await addMembership(db, { userId: coordinator.id, poleId: corsican.id, role: 'member' });
    const { data } = await dashboard(coordinator.email);
    expect(data.poles.map((item: { pole: { id: string } }) => item.pole.id)).toEqual([corsican.id]);
    expect(data.regions.map((region: { code: string }) => region.code)).toEqual(['94']);
    await db.execute(sql`delete from pole_memberships where user_id = ${coordinator.id}`);
  });
});
