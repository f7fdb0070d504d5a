import { and, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { messagesPerPage } from '#app/domain/threads/messages';
import { postMessage } from '#app/models/threads.server';
import { loader as rootLoader } from '#app/root';
import { action as conversationAction, loader as conversationLoader } from '#app/routes/conversations.$id';
import { action as visitAction, loader as visitLoader } from '#app/routes/visites.$id_.discussion';
import { loader as visitPageLoader } from '#app/routes/visites.$id';
import { messages, poles, threadMutes, threads, users, visitBookings, visits } from '#db/schema';
import { makeRequest, routeArgs, setupTestContext } from '#tests/setup/context';
import { inFrench, settle } from '#tests/setup/responses';
import { createVisit } from '#tests/setup/visit-factories';

/**
 * The live thread pages over HTTP, without JavaScript (decision 019): who reads, who writes, who
 * moderates a conversation between poles and a visit's discussion; posting with the plain form
 * (PRG, idempotent key), the refusals in French beside the field, unread marks and older pages.
 */
const { context, services, cookieFor } = await setupTestContext();
const db = services.db;

const emergent = 'emergent@demo.ptce.fr';
const figeacAdmin = 'figeacteurs@demo.ptce.fr';
const figeacMember = 'membre@demo.ptce.fr';
const coordinator = 'coord.occitanie@demo.ptce.fr';
const otherCoordinator = 'coord.aura@demo.ptce.fr';
const nationalAdmin = 'admin@demo.ptce.fr';
const otherRegionMember = 'cantal@demo.ptce.fr';

const cookies = new Map<string, string>();
async function cookieOf(email?: string) {
  if (!email) return undefined;
  if (!cookies.has(email)) cookies.set(email, await cookieFor(email));
  return cookies.get(email);
}
async function userId(email: string) {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return row!.id;
}
async function poleBySlug(slug: string) {
  const [row] = await db.select().from(poles).where(eq(poles.slug, slug));
  return row!;
}

const view = async (id: string, email?: string, search = '') =>
  settle(conversationLoader(routeArgs(context, makeRequest(`/conversations/${id}${search}`, { cookie: await cookieOf(email) }), { id })));
const post = async (id: string, form: Record<string, string>, email?: string) =>
  settle(
    conversationAction(routeArgs(context, makeRequest(`/conversations/${id}`, { form: { intent: 'post', ...form }, cookie: await cookieOf(email) }), { id })),
  );
const countIn = async (threadId: string) => (await db.select({ total: count() }).from(messages).where(eq(messages.threadId, threadId)))[0]!.total;

let figeac: typeof poles.$inferSelect;
let causses: typeof poles.$inferSelect;
/** A conversation Causses (emergent@) opened with Figeacteurs, in Occitanie. */
let conversation: string;

async function newConversation(title: string) {
  const [thread] = await db
    .insert(threads)
    .values({ subjectType: 'offer', initiatorPoleId: causses.id, recipientPoleId: figeac.id, regionCode: '76', title })
    .returning({ id: threads.id });
  const outcome = await postMessage(db, services, {
    threadId: thread!.id,
    authorId: await userId(emergent),
    poleId: causses.id,
    body: 'Bonjour, pouvons-nous en parler ?',
    clientKey: null,
    exemptFromSlowMode: false,
  });
  expect(outcome.status).toBe('sent');
  return thread!.id;
}

beforeAll(async () => {
  [figeac, causses] = await Promise.all([poleBySlug('figeacteurs'), poleBySlug('causses-cevennes-demo')]);
  conversation = await newConversation('Monter une crèche inter-entreprises');
});

describe('a conversation page: who reads, writes and moderates', () => {
  test('a visitor is sent to sign in', async () => {
    const outcome = await view(conversation);
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe(`/connexion?redirectTo=${encodeURIComponent(`/conversations/${conversation}`)}`);
  });

  test('members of both poles read and write; the region’s coordinator and the national admin read and moderate but do not write', async () => {
    for (const email of [emergent, figeacAdmin, figeacMember]) {
      const { status, data } = await view(conversation, email);
      expect(status, email).toBe(200);
      expect(data, email).toMatchObject({ canPost: true, moderator: false, live: true });
      expect(data.poles.length, email).toBe(1);
    }
    for (const email of [coordinator, nationalAdmin]) {
      const { status, data } = await view(conversation, email);
      expect(status, email).toBe(200);
      expect(data, email).toMatchObject({ canPost: false, moderator: true, poles: [] });
    }
  });

  test('another region’s coordinator and a pole outside the conversation get a 404', async () => {
    for (const email of [otherCoordinator, otherRegionMember]) expect((await view(conversation, email)).status, email).toBe(404);
  });

  test('a coordinator cannot post in a conversation between poles (404), and nothing is stored', async () => {
    const before = await countIn(conversation);
    expect((await post(conversation, { message: 'La coordination écrit ici.' }, coordinator)).status).toBe(404);
    expect((await post(conversation, { message: 'Hors du fil.' }, otherRegionMember)).status).toBe(404);
    expect(await countIn(conversation)).toBe(before);
  });
});

describe('posting without JavaScript', () => {
  test('a message is stored for the person’s pole, then the page is shown again at it (PRG), and others see it as theirs', async () => {
    const outcome = await post(conversation, { message: 'Avec plaisir, quand venez-vous ?', key: crypto.randomUUID() }, figeacMember);
    expect(outcome.status).toBe(302);
    const [stored] = await db.select().from(messages).where(eq(messages.body, 'Avec plaisir, quand venez-vous ?'));
    expect(stored!.authorPoleId).toBe(figeac.id);
    expect(outcome.location).toBe(`/conversations/${conversation}#message-${stored!.id}`);
    const page = (await view(conversation, emergent)).data;
    expect(page.messages.at(-1)).toMatchObject({
      id: stored!.id,
      authorName: 'Sophie Laurent (démo)',
      poleName: figeac.name,
      body: 'Avec plaisir, quand venez-vous ?',
    });
    expect(page.lastSeq).toBe(stored!.seq);
  });

  test('the same form sent twice, one after the other or at once, stores one message', async () => {
    const key = crypto.randomUUID();
    const before = await countIn(conversation);
    const first = await post(conversation, { message: 'Envoyé deux fois ?', key }, emergent);
    const again = await Promise.all(Array.from({ length: 5 }, () => post(conversation, { message: 'Envoyé deux fois ?', key }, emergent)));
    expect(await countIn(conversation)).toBe(before + 1);
    for (const outcome of [first, ...again]) expect(outcome.location).toBe(first.location);
  });

  test('each page gives a fresh key to its form', async () => {
    const [a, b] = await Promise.all([view(conversation, emergent), view(conversation, emergent)]);
    expect(a.data.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.data.key).not.toBe(b.data.key);
  });

  test('a pole outside the thread cannot be spoken for (404); an empty message gets its French error (400)', async () => {
    const before = await countIn(conversation);
    expect((await post(conversation, { message: 'Pour le pôle d’en face.', poleId: figeac.id }, emergent)).status).toBe(404);
    const empty = await post(conversation, { message: '   ' }, emergent);
    expect(empty.status).toBe(400);
    expect(empty.data.result.error.message).toEqual(['threads.errors.textRequired']);
    expect(inFrench('threads.errors.textRequired')).toBeTruthy();
    expect(await countIn(conversation)).toBe(before);
  });
});

describe('locked, muted, slow mode: said before the form, refused with a French reason', () => {
  test('locked: the page says so, and a post is refused with 409', async () => {
    const thread = await newConversation('Un fil verrouillé');
    await db.update(threads).set({ lockedAt: new Date() }).where(eq(threads.id, thread));
    expect((await view(thread, emergent)).data.state.locked).toBe(true);
    const outcome = await post(thread, { message: 'Trop tard ?' }, emergent);
    expect(outcome.status).toBe(409);
    expect(outcome.data.refusal.error).toBe('locked');
    expect(outcome.data.result.error.message[0]).toMatch(/verrouillé/);
    expect(await countIn(thread)).toBe(1);
  });

  test('muted in the region: the page shows until when, and a post is refused with the date in French', async () => {
    const thread = await newConversation('Un fil où l’on est en sourdine');
    const until = new Date(Date.now() + 24 * 3600 * 1000);
    const [mute] = await db
      .insert(threadMutes)
      .values({ userId: await userId(emergent), regionCode: '76', until, reason: 'Propos répétés hors sujet', mutedById: await userId(coordinator) })
      .returning();
    try {
      expect((await view(thread, emergent)).data.mute).toEqual({ until: until.toISOString() });
      const outcome = await post(thread, { message: 'Je peux parler ?' }, emergent);
      expect(outcome.status).toBe(409);
      expect(outcome.data.refusal).toEqual({ ok: false, error: 'muted', until: until.toISOString() });
      expect(outcome.data.result.error.message[0]).toMatch(/sourdine jusqu’au \d+ \S+ \d{4}/);
      // The other pole's members still write.
      expect((await post(thread, { message: 'Nous, oui.' }, figeacMember)).status).toBe(302);
    } finally {
      await db.delete(threadMutes).where(eq(threadMutes.id, mute!.id));
    }
  });

  test('slow mode: the page gives the remaining wait, a second post is refused with 429 and the seconds', async () => {
    const thread = await newConversation('Un fil en mode lent');
    await db
      .update(threads)
      .set({ slowModeSeconds: 60, slowModeUntil: new Date(Date.now() + 3600 * 1000) })
      .where(eq(threads.id, thread));
    expect((await post(thread, { message: 'Premier message.' }, figeacMember)).status).toBe(302);
    const page = (await view(thread, figeacMember)).data;
    expect(page.state.slowModeSeconds).toBe(60);
    expect(page.slowWait).toBeGreaterThan(55);
    const outcome = await post(thread, { message: 'Second message trop tôt.' }, figeacMember);
    expect(outcome.status).toBe(429);
    expect(outcome.data.refusal.error).toBe('slow');
    expect(outcome.data.result.error.message[0]).toMatch(/attendez encore \d+ secondes/);
    // Someone who has not posted yet is not waiting.
    expect((await view(thread, figeacAdmin)).data.slowWait).toBe(0);
  });
});

describe('reading: unread, hidden messages, older pages, the header', () => {
  test('the page opens at the first message the person has not read, and reading it marks it read', async () => {
    const thread = await newConversation('Un fil avec des non-lus');
    await view(thread, figeacAdmin);
    await post(thread, { message: 'Nouveau 1' }, emergent);
    await post(thread, { message: 'Nouveau 2' }, emergent);
    const [first] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.threadId, thread), eq(messages.body, 'Nouveau 1')));
    const header = async () => (await settle(rootLoader(routeArgs(context, makeRequest('/', { cookie: await cookieOf(figeacAdmin) }))))).data.unread;
    const before = await header();
    expect(before).toBeGreaterThanOrEqual(2);
    expect((await view(thread, figeacAdmin)).data.firstUnreadSeq).toBe(first!.seq);
    expect(await header()).toBe(before - 2);
    expect((await view(thread, figeacAdmin)).data.firstUnreadSeq).toBeNull();
    // One's own messages are never unread.
    expect((await view(thread, emergent)).data.firstUnreadSeq).toBeNull();
  });

  test('a hidden message: members get no text, moderators get it with hidden set', async () => {
    const thread = await newConversation('Un fil avec un message masqué');
    await post(thread, { message: 'Un propos déplacé.' }, figeacMember);
    await db.update(messages).set({ hiddenAt: new Date(), hiddenBy: 'moderator' }).where(eq(messages.body, 'Un propos déplacé.'));
    const member = (await view(thread, emergent)).data.messages.at(-1);
    expect(member).toMatchObject({ hidden: true, body: null });
    const moderator = (await view(thread, coordinator)).data.messages.at(-1);
    expect(moderator).toMatchObject({ hidden: true, body: 'Un propos déplacé.' });
  });

  test(`the page shows the last ${messagesPerPage} messages; « ?avant= » pages back, as plain history`, async () => {
    const thread = await newConversation('Un long fil');
    const author = await userId(emergent);
    await db
      .insert(messages)
      .values(
        Array.from({ length: messagesPerPage + 4 }, (_, index) => ({ threadId: thread, authorId: author, authorPoleId: causses.id, body: `Message ${index}` })),
      );
    const newest = (await view(thread, figeacMember)).data;
    expect(newest.messages).toHaveLength(messagesPerPage);
    expect(newest.messages.at(-1).body).toBe(`Message ${messagesPerPage + 3}`);
    expect(newest.olderBefore).toBe(newest.messages[0].seq);
    const older = (await view(thread, figeacMember, `?avant=${newest.olderBefore}`)).data;
    expect(older.live).toBe(false);
    expect(older.messages.map((message: { body: string }) => message.body)).toEqual([
      'Bonjour, pouvons-nous en parler ?',
      'Message 0',
      'Message 1',
      'Message 2',
      'Message 3',
    ]);
    expect(older.olderBefore).toBeNull();
    // A malformed « avant » is the newest page.
    expect((await view(thread, figeacMember, '?avant=abc')).data.live).toBe(true);
  });

  test('the header has the forum link for signed-in people; moderators reach moderation from their coordination desk', async () => {
    const nav = async (email?: string) => (await settle(rootLoader(routeArgs(context, makeRequest('/', { cookie: await cookieOf(email) }))))).data.nav;
    expect(await nav()).toMatchObject({ forum: false, coordination: false });
    expect(await nav(figeacMember)).toMatchObject({ forum: true, coordination: false });
    expect(await nav(coordinator)).toMatchObject({ forum: true, coordination: true });
    expect(await nav(nationalAdmin)).toMatchObject({ coordination: true });
  });
});

describe('a learning visit’s discussion', () => {
  const discussion = async (visitId: string, email?: string) =>
    settle(visitLoader(routeArgs(context, makeRequest(`/visites/${visitId}/discussion`, { cookie: await cookieOf(email) }), { id: visitId })));
  const threadOf = async (visitId: string) => (await db.select({ threadId: visits.threadId }).from(visits).where(eq(visits.id, visitId)))[0]!.threadId;

  test('the host and the booked poles read and write; others get a 404 and open nothing', async () => {
    const visit = await createVisit(db);
    await db.insert(visitBookings).values({ visitId: visit.id, poleId: causses.id, state: 'confirmed', seats: 1 });
    expect((await discussion(visit.id, otherRegionMember)).status).toBe(404);
    expect((await discussion(visit.id)).status).toBe(302);
    expect(await threadOf(visit.id)).toBeNull();

    const host = await discussion(visit.id, figeacMember);
    expect(host.status).toBe(200);
    expect(host.data).toMatchObject({ canPost: true, visit: { id: visit.id } });
    const threadId = await threadOf(visit.id);
    expect(threadId).not.toBeNull();
    const [thread] = await db.select().from(threads).where(eq(threads.id, threadId!));
    expect(thread).toMatchObject({ subjectType: 'visit', initiatorPoleId: figeac.id, regionCode: '76' });

    const sent = await settle(
      visitAction(
        routeArgs(
          context,
          makeRequest(`/visites/${visit.id}/discussion`, { form: { intent: 'post', message: 'Nous arriverons en train.' }, cookie: await cookieOf(emergent) }),
          { id: visit.id },
        ),
      ),
    );
    expect(sent.status).toBe(302);
    expect(sent.location).toMatch(new RegExp(`^/visites/${visit.id}/discussion#message-`));
    expect((await discussion(visit.id, coordinator)).data).toMatchObject({ moderator: true, canPost: false });
    // The visit page links to it for them, not for others.
    const link = async (email?: string) =>
      (await settle(visitPageLoader(routeArgs(context, makeRequest(`/visites/${visit.id}`, { cookie: await cookieOf(email) }), { id: visit.id })))).data
        .discussion;
    expect(await link(emergent)).toBe(true);
    expect(await link(otherRegionMember)).toBe(false);
    expect(await link()).toBe(false);
  });

  test('a cancelled booking loses the discussion', async () => {
    const visit = await createVisit(db);
    await db.insert(visitBookings).values({ visitId: visit.id, poleId: causses.id, state: 'cancelled', seats: 1 });
    expect((await discussion(visit.id, emergent)).status).toBe(404);
  });

  test('two first views at once open one thread', async () => {
    const visit = await createVisit(db, { title: `Visite ouverte à deux ${crypto.randomUUID()}` });
    await db.insert(visitBookings).values({ visitId: visit.id, poleId: causses.id, state: 'confirmed', seats: 1 });
    const outcomes = await Promise.all([figeacMember, figeacAdmin, emergent, figeacMember, emergent].map((email) => discussion(visit.id, email)));
    expect(outcomes.map((outcome) => outcome.status)).toEqual([200, 200, 200, 200, 200]);
    const ids = new Set(outcomes.map((outcome) => outcome.data.thread.id));
    expect(ids.size).toBe(1);
    const [opened] = await db
      .select({ total: count() })
      .from(threads)
      .where(and(eq(threads.subjectType, 'visit'), eq(threads.title, visit.title)));
    expect(opened!.total).toBe(1);
    expect(await threadOf(visit.id)).toBe([...ids][0]);
  });

  test('an unknown or malformed visit is not found', async () => {
    expect((await discussion(crypto.randomUUID(), figeacMember)).status).toBe(404);
    expect((await discussion('pas-un-uuid', figeacMember)).status).toBe(404);
  });
});
