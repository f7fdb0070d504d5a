import { count, eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { action as startAction } from '#app/routes/conversations.nouvelle';
import { action as replyAction, loader as threadLoader } from '#app/routes/conversations.$id';
import { loader as listLoader } from '#app/routes/conversations._index';
import { messages, outbox, poles, threads } from '#db/schema';
import { addMembership, createUser } from '#db/seed/factories';
import { makeRequest, routeArgs, setupTestContext, testOrigin } from '#tests/setup/context';
import { flushOutbox, markEverythingRead } from '#tests/setup/jobs';
import { createOffer, createPoleWithMember, createRequest } from '#tests/setup/market-factories';
import { inFrench, settle } from '#tests/setup/responses';

const { context, services, cookieFor } = await setupTestContext();
const db = services.db;

const emergent = 'emergent@demo.ptce.fr';
const figeacAdmin = 'figeacteurs@demo.ptce.fr';
const figeacMember = 'membre@demo.ptce.fr';
const nationalAdmin = 'admin@demo.ptce.fr';
const coordinator = 'coord.occitanie@demo.ptce.fr';
const firstWords = 'Bonjour, nous aimerions venir voir votre crèche inter-entreprises au printemps.';

async function poleBySlug(slug: string) {
  const [row] = await db.select().from(poles).where(eq(poles.slug, slug));
  return row!;
}

const cookieOf = (email?: string) => (email ? cookieFor(email) : Promise.resolve(undefined));

async function start(query: string, poleId: string, message: string, email: string) {
  const outcome = await settle(
    startAction(routeArgs(context, makeRequest(`/conversations/nouvelle?${query}`, { form: { poleId, message }, cookie: await cookieOf(email) }))),
  );
  if (outcome.status !== 302) throw new Error(`could not start a conversation: ${outcome.status}`);
  return outcome.location!.replace('/conversations/', '');
}

async function list(email?: string, search = '') {
  return settle(listLoader(routeArgs(context, makeRequest(`/conversations${search}`, { cookie: await cookieOf(email) }))));
}

async function view(id: string, email?: string) {
  return settle(threadLoader(routeArgs(context, makeRequest(`/conversations/${id}`, { cookie: await cookieOf(email) }), { id })));
}

async function reply(id: string, form: Record<string, string>, email?: string) {
  return settle(replyAction(routeArgs(context, makeRequest(`/conversations/${id}`, { form, cookie: await cookieOf(email) }), { id })));
}

/** The mails of the local outbox, once every mail handed off by the actions has left. */
const sentMail = async () => {
  await flushOutbox(context);
  return db.select().from(outbox);
};
const messageCount = async (threadId: string) => (await db.select({ total: count() }).from(messages).where(eq(messages.threadId, threadId)))[0]!.total;

let figeac: Awaited<ReturnType<typeof poleBySlug>>;
let causses: Awaited<ReturnType<typeof poleBySlug>>;
let thirdPole: Awaited<ReturnType<typeof createPoleWithMember>>;
let both: { id: string; email: string };
/** Causses asks Figeacteurs about its crèche offer. */
let offerThread: string;
/** Figeacteurs offers help on Causses' request, later. */
let requestThread: string;

beforeAll(async () => {
  [figeac, causses] = await Promise.all([poleBySlug('figeacteurs'), poleBySlug('causses-cevennes-demo')]);
  thirdPole = await createPoleWithMember(db, { verified: true });
  both = await createUser(db, { email: 'dans-les-deux@test.ptce.fr', name: 'Alex Deux-Pôles', password: 'mot-de-passe-de-test' });
  await addMembership(db, { userId: both.id, poleId: figeac.id, role: 'member' });
  await addMembership(db, { userId: both.id, poleId: causses.id, role: 'member' });
  const offer = await createOffer(db, { poleId: figeac.id, title: 'Monter une crèche inter-entreprises' });
  const request = await createRequest(db, { poleId: causses.id, title: 'Trouver des financements' });
  offerThread = await start(`offre=${offer.id}`, causses.id, firstWords, emergent);
  requestThread = await start(`demande=${request.id}`, figeac.id, 'Nous pouvons partager nos dossiers de financement.', figeacAdmin);
});

beforeEach(async () => {
  await flushOutbox(context);
  await db.delete(outbox);
  // Each test starts outside any digest's quarter hour, with everything before it read.
  await markEverythingRead(db);
});

describe('/conversations: the list of one’s poles’ conversations', () => {
  test('a visitor is sent to sign in', async () => {
    const outcome = await list();
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe(`/connexion?redirectTo=${encodeURIComponent('/conversations')}`);
  });

  test('members of both poles see both conversations, newest activity first, with what each is about', async () => {
    for (const email of [emergent, figeacAdmin, figeacMember]) {
      const outcome = await list(email);
      expect(outcome.status).toBe(200);
      expect(outcome.data.total).toBe(2);
      expect(outcome.data.conversations.map((conversation: { id: string }) => conversation.id)).toEqual([requestThread, offerThread]);
    }
    const [latest, earlier] = (await list(emergent)).data.conversations;
    expect(latest).toMatchObject({
      title: 'Trouver des financements',
      subjectType: 'request',
      initiator: { id: figeac.id, name: figeac.name, slug: 'figeacteurs' },
      recipient: { id: causses.id, name: causses.name },
      messageCount: 1,
      lastMessage: { excerpt: 'Nous pouvons partager nos dossiers de financement.', hidden: false },
    });
    expect(earlier).toMatchObject({
      title: 'Monter une crèche inter-entreprises',
      subjectType: 'offer',
      initiator: { id: causses.id },
      recipient: { id: figeac.id },
    });
  });

  test('a reply moves its conversation to the top, and the count follows', async () => {
    await reply(offerThread, { poleId: figeac.id, message: 'Avec plaisir ! Quelles dates vous conviendraient ?' }, figeacAdmin);
    const { conversations } = (await list(emergent)).data;
    expect(conversations[0]).toMatchObject({
      id: offerThread,
      messageCount: 2,
      lastMessage: { excerpt: 'Avec plaisir ! Quelles dates vous conviendraient ?' },
    });
  });

  test('a long last message is cut, and a hidden one is not shown at all', async () => {
    const long = `${'Une très longue présentation de notre pôle. '.repeat(10)}FIN`;
    await reply(requestThread, { poleId: causses.id, message: long }, emergent);
    const shown = (await list(emergent)).data.conversations.find((conversation: { id: string }) => conversation.id === requestThread);
    expect(shown.lastMessage.excerpt.length).toBeLessThanOrEqual(161);
    expect(shown.lastMessage.excerpt).toMatch(/…$/);
    await db.update(messages).set({ hiddenAt: new Date() }).where(eq(messages.body, long));
    const hidden = (await list(emergent)).data.conversations.find((conversation: { id: string }) => conversation.id === requestThread);
    expect(hidden.lastMessage).toMatchObject({ excerpt: null, hidden: true });
    expect(JSON.stringify(hidden)).not.toContain('FIN');
  });

  test('people outside both poles see none of them: coordinator, national admin, a third pole', async () => {
    for (const email of [coordinator, nationalAdmin, thirdPole.email]) {
      const outcome = await list(email);
      expect(outcome.status).toBe(200);
      expect(outcome.data).toMatchObject({ conversations: [], total: 0, page: 1, pageCount: 1 });
    }
  });

  test('a page number out of range or not a number falls back to a page that exists', async () => {
    expect((await list(emergent, '?page=99')).data.page).toBe(1);
    expect((await list(emergent, '?page=abc')).data.page).toBe(1);
  });
});

describe('/conversations: unread messages', () => {
  test('each conversation shows how many messages the other pole wrote since the person last read it; reading clears it', async () => {
    const offer = await createOffer(db, { poleId: figeac.id, title: 'Compter les non-lus' });
    const thread = await start(`offre=${offer.id}`, causses.id, 'Bonjour, une première question sur votre offre.', emergent);
    const unreadFor = async (email: string) => ((await list(email)).data as { unread: Record<string, number> }).unread[thread];
    await markEverythingRead(db);
    expect(await unreadFor(figeacMember)).toBeUndefined();
    await reply(thread, { intent: 'post', poleId: causses.id, message: 'Une question de plus.' }, emergent);
    await reply(thread, { intent: 'post', poleId: causses.id, message: 'Et une autre.' }, emergent);
    // Every member of Figeacteurs follows its conversations; the author has nothing unread.
    expect(await unreadFor(figeacMember)).toBe(2);
    expect(await unreadFor(figeacAdmin)).toBe(2);
    expect(await unreadFor(emergent)).toBeUndefined();
    await view(thread, figeacMember);
    expect(await unreadFor(figeacMember)).toBeUndefined();
    expect(await unreadFor(figeacAdmin)).toBe(2);
  });
});

describe('/conversations/<id>: reading a conversation', () => {
  test('a visitor is sent to sign in', async () => {
    const outcome = await view(offerThread);
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe(`/connexion?redirectTo=${encodeURIComponent(`/conversations/${offerThread}`)}`);
  });

  test('members of either pole read the messages in order, with author, pole and date', async () => {
    for (const email of [emergent, figeacAdmin, figeacMember]) {
      const outcome = await view(offerThread, email);
      expect(outcome.status).toBe(200);
      expect(outcome.data.conversation).toMatchObject({
        id: offerThread,
        title: 'Monter une crèche inter-entreprises',
        initiator: { id: causses.id },
        recipient: { id: figeac.id },
      });
      expect(
        outcome.data.messages.map((message: { authorName: string; poleName: string; body: string }) => [message.authorName, message.poleName, message.body]),
      ).toEqual([
        ['Nicolas Roux (démo)', causses.name, firstWords],
        ['Claire Dubois (démo)', figeac.name, 'Avec plaisir ! Quelles dates vous conviendraient ?'],
      ]);
      expect(new Date(outcome.data.messages[0].createdAt).getTime()).not.toBeNaN();
      expect(outcome.data.messages.map((message: { seq: number }) => message.seq)).toEqual(
        [...outcome.data.messages.map((message: { seq: number }) => message.seq)].sort((a, b) => a - b),
      );
    }
  });

  test('each reader answers for their own pole in the conversation; someone in both chooses', async () => {
    expect((await view(offerThread, emergent)).data.poles).toEqual([{ id: causses.id, name: causses.name }]);
    expect((await view(offerThread, figeacMember)).data.poles).toEqual([{ id: figeac.id, name: figeac.name }]);
    expect((await view(offerThread, both.email)).data.poles).toEqual([
      { id: causses.id, name: causses.name },
      { id: figeac.id, name: figeac.name },
    ]);
  });

  test('a member of a third pole gets a 404, as for an unknown conversation', async () => {
    expect((await view(offerThread, thirdPole.email)).status).toBe(404);
  });

  test('the region’s coordinator and the national admin read it as moderators, with no form to write', async () => {
    for (const email of [coordinator, nationalAdmin]) {
      const outcome = await view(offerThread, email);
      expect(outcome.status, email).toBe(200);
      expect(outcome.data, email).toMatchObject({ moderator: true, canPost: false, poles: [] });
    }
  });

  test('an unknown or malformed id is not found', async () => {
    expect((await view(crypto.randomUUID(), emergent)).status).toBe(404);
    expect((await view('pas-un-uuid', emergent)).status).toBe(404);
  });

  test('a message hidden by moderation keeps its place but its text never reaches the page', async () => {
    const secret = 'Ce message sera masqué par la coordination régionale.';
    await reply(offerThread, { poleId: causses.id, message: secret }, emergent);
    await db.update(messages).set({ hiddenAt: new Date() }).where(eq(messages.body, secret));
    const { messages: shown } = (await view(offerThread, figeacMember)).data;
    expect(shown.at(-1)).toMatchObject({ hidden: true, body: null, authorName: 'Nicolas Roux (démo)' });
    expect(JSON.stringify(shown)).not.toContain(secret);
    expect(inFrench('conversations.thread.hidden')).toBe('Message masqué par la modération');
  });
});

describe('/conversations/<id>: replying', () => {
  test('a reply is stored, moves the activity date, and mails the other pole’s admins only', async () => {
    const [before] = await db.select().from(threads).where(eq(threads.id, offerThread));
    const count = await messageCount(offerThread);
    const outcome = await reply(offerThread, { poleId: figeac.id, message: 'Le 12 avril, cela vous irait-il ?' }, figeacMember);
    expect(outcome.status).toBe(302);
    const [stored] = await db.select().from(messages).where(eq(messages.body, 'Le 12 avril, cela vous irait-il ?'));
    // Back to the page, at the message (PRG).
    expect(outcome.location).toBe(`/conversations/${offerThread}#message-${stored!.id}`);
    expect(await messageCount(offerThread)).toBe(count + 1);
    const [after] = await db.select().from(threads).where(eq(threads.id, offerThread));
    expect(after!.lastMessageAt.getTime()).toBeGreaterThanOrEqual(before!.lastMessageAt.getTime());

    const mails = await sentMail();
    expect(mails.map((mail) => mail.to)).toEqual([emergent]);
    expect(mails[0]!.subject).toBe(`Nouveau message de ${figeac.name} : Monter une crèche inter-entreprises`);
    expect(mails[0]!.text).toContain('Le 12 avril, cela vous irait-il ?');
    expect(mails[0]!.text).toContain(`${testOrigin}/conversations/${offerThread}`);
  });

  test('someone in both poles answers for the one they choose; the other pole is mailed', async () => {
    const outcome = await reply(offerThread, { poleId: causses.id, message: 'Je réponds pour les Causses et Cévennes.' }, both.email);
    expect(outcome.status).toBe(302);
    const [stored] = await db.select().from(messages).where(eq(messages.body, 'Je réponds pour les Causses et Cévennes.'));
    expect(stored!.authorPoleId).toBe(causses.id);
    expect((await sentMail()).map((mail) => mail.to)).toEqual([figeacAdmin]);
  });

  test('the author is never mailed about their own message, even as admin of the other pole', async () => {
    await addMembership(db, { userId: both.id, poleId: figeac.id, role: 'admin' });
    await reply(offerThread, { poleId: causses.id, message: 'Un message de la personne des deux pôles.' }, both.email);
    expect((await sentMail()).map((mail) => mail.to)).toEqual([figeacAdmin]);
    await addMembership(db, { userId: both.id, poleId: figeac.id, role: 'member' });
  });

  test('two replies at once are both kept', async () => {
    const count = await messageCount(requestThread);
    const outcomes = await Promise.all([
      reply(requestThread, { poleId: causses.id, message: 'Première réponse simultanée.' }, emergent),
      reply(requestThread, { poleId: figeac.id, message: 'Seconde réponse simultanée.' }, figeacAdmin),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([302, 302]);
    expect(await messageCount(requestThread)).toBe(count + 2);
  });

  test('a live thread takes a one-character reply (the first contact still asks for 20)', async () => {
    const count = await messageCount(offerThread);
    expect((await reply(offerThread, { poleId: causses.id, message: 'D' }, emergent)).status).toBe(302);
    expect(await messageCount(offerThread)).toBe(count + 1);
  });

  test.each([
    ['empty', { message: '   ' }, 'message', 'threads.errors.textRequired'],
    ['too long', { message: 'b'.repeat(4001) }, 'message', 'threads.errors.textTooLong'],
    ['a pole id that is not a uuid', { message: 'Un message parfaitement valable.', poleId: 'causses' }, 'poleId', 'threads.errors.poleRequired'],
  ])('a reply %s gets a 400 and its French error beside the field', async (_, form, field, key) => {
    const count = await messageCount(offerThread);
    const outcome = await reply(offerThread, { poleId: causses.id, ...form }, emergent);
    expect(outcome.status).toBe(400);
    expect(outcome.data.result.error[field]).toEqual([key]);
    expect(inFrench(key)).toBeTruthy();
    expect(await messageCount(offerThread)).toBe(count);
  });

  test('answering for a pole outside the conversation, or from outside it, is refused and writes nothing', async () => {
    const count = await messageCount(offerThread);
    const message = 'Je tente d’écrire sans en avoir le droit.';
    const attempts: Array<[string, string]> = [
      [emergent, figeac.id], // the other pole, not theirs
      [thirdPole.email, thirdPole.pole.id], // their pole, not in the conversation
      [thirdPole.email, causses.id],
      [coordinator, causses.id],
      [nationalAdmin, figeac.id],
      [emergent, crypto.randomUUID()],
    ];
    for (const [email, poleId] of attempts) {
      expect((await reply(offerThread, { poleId, message }, email)).status, `${email} for ${poleId}`).toBe(404);
    }
    // A visitor is sent to sign in, writing nothing either.
    expect((await reply(offerThread, { poleId: causses.id, message })).location).toMatch(/^\/connexion\?redirectTo=/);
    expect(await messageCount(offerThread)).toBe(count);
    expect(await sentMail()).toEqual([]);
    expect((await reply(crypto.randomUUID(), { poleId: causses.id, message }, emergent)).status).toBe(404);
  });

  test('a locked conversation shows why and refuses replies (409) with a French message', async () => {
    await db.update(threads).set({ lockedAt: new Date() }).where(eq(threads.id, requestThread));
    const count = await messageCount(requestThread);
    const outcome = await reply(requestThread, { poleId: causses.id, message: 'Une réponse qui arrive trop tard.' }, emergent);
    expect(outcome.status).toBe(409);
    expect(outcome.data.refusal).toEqual({ ok: false, error: 'locked' });
    expect(outcome.data.result.error.message).toEqual([inFrench('liveThread.refusals.locked')]);
    expect(inFrench('liveThread.refusals.locked')).toMatch(/verrouillé/);
    expect(await messageCount(requestThread)).toBe(count);
    expect(await sentMail()).toEqual([]);
    expect((await view(requestThread, emergent)).data.state.locked).toBe(true);
  });
});

describe('/conversations for a coordinator', () => {
  test('says what a coordinator does with the discussions (moderation, forums) instead of an empty list of their own', async () => {
    expect((await list(coordinator)).data).toMatchObject({ moderates: true });
    expect((await list(nationalAdmin)).data).toMatchObject({ moderates: true });
    expect((await list(figeacMember)).data).toMatchObject({ moderates: false });
  });
});
