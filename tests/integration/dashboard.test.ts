import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { postMessage } from '#app/models/threads.server';
import { action as signIn } from '#app/routes/connexion';
import { action, loader } from '#app/routes/tableau-de-bord';
import { offers, offerTopics, poles, requests, requestTopics, threads, twinningGoals, twinnings, visitBookings } from '#db/schema';
import { createPole, createUser } from '#db/seed/factories';
import { demoPassword } from '#db/seed/seed';
import { makeRequest, routeArgs, setupTestContext } from '#tests/setup/context';
import { createOffer, createPoleWithMember, createRequest } from '#tests/setup/market-factories';
import { flashOf, settle } from '#tests/setup/responses';
import { createProposedTwinning } from '#tests/setup/twinning-factories';
import { createGuestPole, createVisit, demoHostPole } from '#tests/setup/visit-factories';

/**
 * The start page /tableau-de-bord (issue 12): the pole member's part with the data of its
 * fixtures, the one-click state changes (and their refusals), the guards and where sign-in lands.
 * The coordination parts: dashboard-desks.test.ts.
 */

const { context, services, cookieFor } = await setupTestContext();
const db = services.db;
const dayMs = 24 * 60 * 60 * 1000;

async function dashboard(email?: string) {
  const cookie = email ? await cookieFor(email) : undefined;
  return settle(loader(routeArgs(context, makeRequest('/tableau-de-bord', { cookie }))));
}

async function post(form: Record<string, string>, email?: string) {
  const cookie = email ? await cookieFor(email) : undefined;
  return settle(action(routeArgs(context, makeRequest('/tableau-de-bord', { form, cookie }))));
}

const stateOfOffer = async (id: string) =>
  (await db.select({ state: offers.state, publishedAt: offers.publishedAt }).from(offers).where(eq(offers.id, id)))[0]!;
const stateOfRequest = async (id: string) => (await db.select({ state: requests.state }).from(requests).where(eq(requests.id, id)))[0]!.state;

async function tag(kind: 'offer' | 'request', id: string, slugs: string[]) {
  if (kind === 'offer') await db.insert(offerTopics).values(slugs.map((topicSlug) => ({ offerId: id, topicSlug })));
  else await db.insert(requestTopics).values(slugs.map((topicSlug) => ({ requestId: id, topicSlug })));
}

// ─── Fixtures: our pole (Occitanie, validated) and what surrounds it ───────

const ours = await createPoleWithMember(db, { verified: true, role: 'admin' });
const draft = await createOffer(db, { poleId: ours.pole.id, state: 'draft', publishedAt: null, title: 'Brouillon de notre pôle' });
const published = await createOffer(db, { poleId: ours.pole.id, state: 'published', title: 'Offre publiée de notre pôle' });
const paused = await createOffer(db, { poleId: ours.pole.id, state: 'paused', title: 'Offre en pause de notre pôle' });
const closed = await createOffer(db, { poleId: ours.pole.id, state: 'closed', title: 'Offre close de notre pôle' });
const needTopics = ['evaluation-impact', 'relations-collectivites'];
const openNeed = await createRequest(db, { poleId: ours.pole.id, state: 'open', title: 'Mesurer notre impact avec les collectivités' });
await tag('request', openNeed.id, needTopics);
const closedNeed = await createRequest(db, { poleId: ours.pole.id, state: 'closed', title: 'Une demande close' });
// Our own offer on the same topics is never suggested to us.
await tag('offer', published.id, needTopics);

// Offers of other poles: one that answers (national reach, both topics), and three that must not show.
const helper = await createPole(db, { verifiedAt: new Date(), maturity: 'mature', name: 'Pôle qui aide (test)' });
const answering = await createOffer(db, { poleId: helper.id, reach: 'national', title: 'Évaluer son impact avec les élus' });
await tag('offer', answering.id, needTopics);
const pausedElsewhere = await createOffer(db, { poleId: helper.id, state: 'paused', title: 'Offre en pause ailleurs' });
await tag('offer', pausedElsewhere.id, needTopics);
const farPole = await createPole(db, { verifiedAt: new Date(), maturity: 'mature', regionCode: '84' });
const regionalOnly = await createOffer(db, { poleId: farPole.id, reach: 'regional', title: 'Offre régionale d’une autre région' });
await tag('offer', regionalOnly.id, needTopics);

// An active twinning (ours mentored by `helper`) with goals, and a proposal ours has not answered.
const active = await createProposedTwinning(db, { mentorPoleId: helper.id, menteePoleId: ours.pole.id, requestId: openNeed.id });
await db
  .update(twinnings)
  .set({ state: 'active', activatedAt: new Date(), mentorAcceptedAt: new Date(), menteeAcceptedAt: new Date() })
  .where(eq(twinnings.id, active.id));
await db.insert(twinningGoals).values([
  { twinningId: active.id, title: 'Objectif du 10 janvier', dueOn: '2030-01-10' },
  { twinningId: active.id, title: 'Objectif du 5 janvier', dueOn: '2030-01-05' },
  { twinningId: active.id, title: 'Objectif sans échéance', dueOn: null },
  { twinningId: active.id, title: 'Objectif atteint', dueOn: '2029-12-01', doneAt: new Date() },
  { twinningId: active.id, title: 'Objectif de février', dueOn: '2030-02-01' },
]);
const otherMentor = await createPole(db, { verifiedAt: new Date(), maturity: 'mature' });
const proposal = await createProposedTwinning(db, { mentorPoleId: otherMentor.id, menteePoleId: ours.pole.id });

// Visits: one we host (full, one pole waiting), one past, and one we booked and wait for.
const [guest1, guest2] = [await createGuestPole(db), await createGuestPole(db)];
const hosted = await createVisit(db, { hostPoleId: ours.pole.id, seats: 2, title: 'Notre visite à venir' });
await createVisit(db, {
  hostPoleId: ours.pole.id,
  title: 'Notre visite passée',
  startsAt: new Date(Date.now() - 3 * dayMs),
  bookingDeadline: new Date(Date.now() - 4 * dayMs),
});
await db.insert(visitBookings).values([
  { visitId: hosted.id, poleId: guest1.pole.id, state: 'confirmed', seats: 2 },
  { visitId: hosted.id, poleId: guest2.pole.id, state: 'waiting', seats: 1 },
]);
const elsewhere = await createVisit(db, { hostPoleId: (await demoHostPole(db)).id, seats: 1, title: 'Visite chez Figeacteurs, complète' });
await db.insert(visitBookings).values({ visitId: elsewhere.id, poleId: guest1.pole.id, state: 'confirmed', seats: 1 });
await db.insert(visitBookings).values({ visitId: elsewhere.id, poleId: guest2.pole.id, state: 'waiting', seats: 1 });
const ourBooking = (await db.insert(visitBookings).values({ visitId: elsewhere.id, poleId: ours.pole.id, state: 'waiting', seats: 2 }).returning())[0]!;

// A conversation where a guest wrote to us: unread for our member.
const [conversation] = await db
  .insert(threads)
  .values({ subjectType: 'offer', initiatorPoleId: guest1.pole.id, recipientPoleId: ours.pole.id, regionCode: '76', title: 'Une question sur votre offre' })
  .returning();
for (const body of ['Bonjour !', 'Êtes-vous disponibles ?']) {
  const posted = await postMessage(db, services, {
    threadId: conversation!.id,
    authorId: guest1.admin.id,
    poleId: guest1.pole.id,
    body,
    clientKey: null,
    exemptFromSlowMode: false,
  });
  if (posted.status !== 'sent') throw new Error('fixture message not sent');
}

describe('who gets in, and where sign-in lands', () => {
  test('a visitor is sent to sign in and comes back here, for the page and for its action', async () => {
    expect(await dashboard()).toMatchObject({ status: 302, location: '/connexion?redirectTo=%2Ftableau-de-bord' });
    expect(await post({ intent: 'offer-state', itemId: published.id, state: 'paused' })).toMatchObject({
      status: 302,
      location: expect.stringMatching(/^\/connexion\?redirectTo=/),
    });
    expect((await stateOfOffer(published.id)).state).toBe('published');
  });

  test('signing in lands on the start page unless a same-site redirectTo says otherwise', async () => {
    const signInWith = (form: Record<string, string>) => settle(signIn(routeArgs(context, makeRequest('/connexion', { form }))));
    expect(await signInWith({ email: 'membre@demo.ptce.fr', password: demoPassword })).toMatchObject({ status: 302, location: '/tableau-de-bord' });
    expect(await signInWith({ email: 'membre@demo.ptce.fr', password: demoPassword, redirectTo: '/visites' })).toMatchObject({ location: '/visites' });
    expect(await signInWith({ email: 'membre@demo.ptce.fr', password: demoPassword, redirectTo: 'https://ailleurs.example/' })).toMatchObject({
      location: '/tableau-de-bord',
    });
  });

  test('a person with no pole and no region gets the page with no part but the unread threads', async () => {
    const person = await createUser(db, { email: `sans-role-${Date.now()}@test.ptce.fr`, name: 'Sans rôle', password: 'mot-de-passe-de-test' });
    const { status, data } = await dashboard(person.email);
    expect(status).toBe(200);
    expect(data).toMatchObject({ poles: [], regions: [], national: null, unread: { total: 0, threads: [] } });
  });
});

describe('a pole member', () => {
  test('sees the unread threads of the pole, with their count and page', async () => {
    const { data } = await dashboard(ours.email);
    expect(data.unread.total).toBe(2);
    expect(data.unread.threads).toEqual([
      { id: conversation!.id, title: 'Une question sur votre offre', path: `/conversations/${conversation!.id}`, unread: 2 },
    ]);
  });

  test('sees its offers and requests in every state, drafts first, with what it may do', async () => {
    const { data } = await dashboard(ours.email);
    expect(data.poles).toHaveLength(1);
    const [item] = data.poles;
    expect(item.pole).toMatchObject({ id: ours.pole.id, slug: ours.pole.slug, verified: true });
    expect(item.offers.map((offer: { id: string; state: string }) => [offer.id, offer.state])).toEqual([
      [draft.id, 'draft'],
      [published.id, 'published'],
      [paused.id, 'paused'],
      [closed.id, 'closed'],
    ]);
    expect(item.requests.map((need: { id: string; state: string }) => [need.id, need.state])).toEqual([
      [openNeed.id, 'open'],
      [closedNeed.id, 'closed'],
    ]);
    expect(item.rights).toEqual({
      role: 'admin',
      offers: { mayCreate: true, mayPublish: true },
      requests: { mayCreate: true, mayPublish: true },
      mayHost: true,
    });
    expect(data.regions).toEqual([]);
    expect(data.national).toBeNull();
  });

  test('sees its twinnings: the active one with its next goals by due date, the proposal waiting for its answer', async () => {
    const [item] = (await dashboard(ours.email)).data.poles;
    const byId = new Map(item.twinnings.map((twinning: { id: string }) => [twinning.id, twinning]));
    expect(byId.get(active.id)).toMatchObject({
      state: 'active',
      side: 'mentee',
      otherPole: { name: 'Pôle qui aide (test)', slug: helper.slug },
      requestTitle: openNeed.title,
      openGoals: 4,
      nextGoals: [
        { title: 'Objectif du 5 janvier', dueOn: '2030-01-05' },
        { title: 'Objectif du 10 janvier', dueOn: '2030-01-10' },
        { title: 'Objectif de février', dueOn: '2030-02-01' },
      ].map((goal) => expect.objectContaining(goal)),
    });
    expect(byId.get(proposal.id)).toMatchObject({ state: 'proposed', side: 'mentee', awaitsOurAnswer: true, nextGoals: [] });
    expect(item.twinnings).toHaveLength(2);
  });

  test('sees the upcoming visits it hosts (seats, waiting list) and those it booked (its place in the waiting list)', async () => {
    const [item] = (await dashboard(ours.email)).data.poles;
    expect(item.hosted).toEqual([expect.objectContaining({ id: hosted.id, title: 'Notre visite à venir', seats: 2, taken: 2, waiting: 1, toConfirm: 0 })]);
    expect(item.booked).toEqual([
      expect.objectContaining({
        bookingId: ourBooking.id,
        visitId: elsewhere.id,
        state: 'waiting',
        seats: 2,
        rank: 2,
        host: { name: 'Figeacteurs', slug: 'figeacteurs' },
      }),
    ]);
  });

  test('is suggested published offers of other poles that share its open requests’ topics and reach it, with the shared topics', async () => {
    const [item] = (await dashboard(ours.email)).data.poles;
    expect(item.suggestions.map((entry: { request: { id: string } }) => entry.request.id)).toEqual([openNeed.id]);
    const [first, ...rest] = item.suggestions[0].offers;
    expect(first).toMatchObject({ id: answering.id, title: answering.title, pole: { slug: helper.slug } });
    expect(first.sharedTopics.map((topic: { slug: string }) => topic.slug).sort()).toEqual([...needTopics].sort());
    const suggested = item.suggestions[0].offers.map((offer: { id: string }) => offer.id);
    for (const excluded of [published.id, pausedElsewhere.id, regionalOnly.id]) expect(suggested).not.toContain(excluded);
    expect(rest.length).toBeLessThanOrEqual(2);
  });
});

describe('the one-click state changes', () => {
  test('pause, republish, publish a draft and close: each changes the state and comes back with a note', async () => {
    const paused1 = await post({ intent: 'offer-state', itemId: published.id, state: 'paused' }, ours.email);
    expect(paused1).toMatchObject({ status: 302, location: '/tableau-de-bord' });
    expect(await flashOf(paused1, context)).toMatchObject({ message: 'market.notices.offerState.paused', values: { title: published.title } });
    expect((await stateOfOffer(published.id)).state).toBe('paused');
    expect(await post({ intent: 'offer-state', itemId: published.id, state: 'published' }, ours.email)).toMatchObject({ status: 302 });
    expect((await stateOfOffer(published.id)).state).toBe('published');

    expect(await post({ intent: 'offer-state', itemId: draft.id, state: 'published' }, ours.email)).toMatchObject({ status: 302 });
    expect(await stateOfOffer(draft.id)).toMatchObject({ state: 'published', publishedAt: expect.any(Date) });
    expect(await post({ intent: 'offer-state', itemId: draft.id, state: 'closed' }, ours.email)).toMatchObject({ status: 302 });
    expect((await stateOfOffer(draft.id)).state).toBe('closed');

    expect(await post({ intent: 'request-state', itemId: closedNeed.id, state: 'open' }, ours.email)).toMatchObject({ status: 302 });
    expect(await stateOfRequest(closedNeed.id)).toBe('open');
    expect(await post({ intent: 'request-state', itemId: closedNeed.id, state: 'closed' }, ours.email)).toMatchObject({ status: 302 });
    expect(await stateOfRequest(closedNeed.id)).toBe('closed');
  });

  test('another pole’s offer or request, an unknown id: 404, and nothing changes', async () => {
    const figeacOffer = (
      await db
        .select()
        .from(offers)
        .where(and(eq(offers.poleId, (await demoHostPole(db)).id), eq(offers.state, 'published')))
    )[0]!;
    expect((await post({ intent: 'offer-state', itemId: figeacOffer.id, state: 'paused' }, ours.email)).status).toBe(404);
    expect((await stateOfOffer(figeacOffer.id)).state).toBe('published');
    expect((await post({ intent: 'offer-state', itemId: answering.id, state: 'closed' }, ours.email)).status).toBe(404);
    expect((await stateOfOffer(answering.id)).state).toBe('published');
    const causses = (
      await db.select({ id: requests.id }).from(requests).innerJoin(poles, eq(poles.id, requests.poleId)).where(eq(poles.slug, 'causses-cevennes-demo'))
    )[0]!;
    expect((await post({ intent: 'request-state', itemId: causses.id, state: 'closed' }, ours.email)).status).toBe(404);
    expect(await stateOfRequest(causses.id)).toBe('open');
    expect((await post({ intent: 'offer-state', itemId: randomUUID(), state: 'paused' }, ours.email)).status).toBe(404);
    // A coordinator or the national admin has no pole's items to change either.
    for (const email of ['coord.occitanie@demo.ptce.fr', 'admin@demo.ptce.fr']) {
      expect((await post({ intent: 'offer-state', itemId: published.id, state: 'closed' }, email)).status).toBe(404);
    }
    expect((await stateOfOffer(published.id)).state).toBe('published');
  });

  test('a malformed form answers 400 with the message beside the item, never 500', async () => {
    const badState = await post({ intent: 'offer-state', itemId: published.id, state: 'vanished' }, ours.email);
    expect(badState).toMatchObject({ status: 400, data: { itemId: published.id, errors: ['market.errors.stateRequired'] } });
    expect(await post({ intent: 'offer-state', itemId: 'pas-un-id', state: 'paused' }, ours.email)).toMatchObject({
      status: 400,
      data: { errors: ['dashboard.errors.unknownItem'] },
    });
    expect(await post({ intent: 'tout-casser', itemId: published.id }, ours.email)).toMatchObject({ status: 400 });
    expect((await stateOfOffer(published.id)).state).toBe('published');
  });

  test('a pole waiting for validation may pause and close, not publish: 403 with the reason, and its page hides those buttons', async () => {
    const waiting = await createPoleWithMember(db, { verified: false });
    const live = await createOffer(db, { poleId: waiting.pole.id, state: 'published' });
    const pausedOne = await createOffer(db, { poleId: waiting.pole.id, state: 'paused' });
    expect(await post({ intent: 'offer-state', itemId: live.id, state: 'paused' }, waiting.email)).toMatchObject({ status: 302 });
    expect(await post({ intent: 'offer-state', itemId: pausedOne.id, state: 'published' }, waiting.email)).toMatchObject({
      status: 403,
      data: { itemId: pausedOne.id, errors: ['market.errors.publishingNeedsValidation'] },
    });
    expect((await stateOfOffer(pausedOne.id)).state).toBe('paused');
    const [item] = (await dashboard(waiting.email)).data.poles;
    expect(item.pole.verified).toBe(false);
    expect(item.rights).toMatchObject({ offers: { mayCreate: false, mayPublish: false }, mayHost: false, role: 'member' });
  });

  test('two people pausing and closing the same offer at once: both land, one after the other', async () => {
    const offer = await createOffer(db, { poleId: ours.pole.id, state: 'published' });
    const outcomes = await Promise.all([
      post({ intent: 'offer-state', itemId: offer.id, state: 'paused' }, ours.email),
      post({ intent: 'offer-state', itemId: offer.id, state: 'closed' }, ours.email),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([302, 302]);
    expect(['paused', 'closed']).toContain((await stateOfOffer(offer.id)).state);
  });
});
