import { count, eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { action, loader } from '#app/routes/conversations.nouvelle';
import { messages, outbox, poles, threads, users } from '#db/schema';
import { addMembership, createUser } from '#db/seed/factories';
import { makeRequest, routeArgs, setupTestContext, testOrigin } from '#tests/setup/context';
import { flushOutbox, mailerSendingWith, markEverythingRead } from '#tests/setup/jobs';
import { createOffer, createPoleWithMember, createRequest } from '#tests/setup/market-factories';
import { flashOf, inFrench, settle } from '#tests/setup/responses';

const { context, services, cookieFor, logs } = await setupTestContext();
const db = services.db;

const emergent = 'emergent@demo.ptce.fr';
const figeacAdmin = 'figeacteurs@demo.ptce.fr';
const figeacMember = 'membre@demo.ptce.fr';
const nationalAdmin = 'admin@demo.ptce.fr';
const coordinator = 'coord.occitanie@demo.ptce.fr';
const longEnough = 'Bonjour, notre pôle émergent aimerait comprendre comment vous avez monté votre SCIC.';

async function poleBySlug(slug: string) {
  const [row] = await db.select().from(poles).where(eq(poles.slug, slug));
  return row!;
}

async function userIdOf(email: string) {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return row!.id;
}

async function open(query: string, email?: string) {
  const cookie = email ? await cookieFor(email) : undefined;
  return settle(loader(routeArgs(context, makeRequest(`/conversations/nouvelle?${query}`, { cookie }))));
}

async function send(query: string, form: Record<string, string>, email?: string, ctx = context) {
  const cookie = email ? await cookieFor(email) : undefined;
  return settle(action(routeArgs(ctx, makeRequest(`/conversations/nouvelle?${query}`, { form, cookie }))));
}

const countOf = async (table: typeof threads | typeof messages) => (await db.select({ total: count() }).from(table))[0]!.total;
const sentMail = async () => {
  await flushOutbox(context);
  return db.select().from(outbox);
};

let figeac: Awaited<ReturnType<typeof poleBySlug>>;
let causses: Awaited<ReturnType<typeof poleBySlug>>;
let offer: Awaited<ReturnType<typeof createOffer>>;
let request: Awaited<ReturnType<typeof createRequest>>;
let unverified: Awaited<ReturnType<typeof createPoleWithMember>>;
let thirdPole: Awaited<ReturnType<typeof createPoleWithMember>>;

beforeAll(async () => {
  [figeac, causses] = await Promise.all([poleBySlug('figeacteurs'), poleBySlug('causses-cevennes-demo')]);
  offer = await createOffer(db, { poleId: figeac.id, title: 'Monter une crèche inter-entreprises' });
  request = await createRequest(db, { poleId: causses.id, title: 'Structurer notre gouvernance en SCIC' });
  unverified = await createPoleWithMember(db, { verified: false });
  thirdPole = await createPoleWithMember(db, { verified: true });
});

beforeEach(async () => {
  await flushOutbox(context);
  await db.delete(outbox);
  // Each test starts outside any digest's quarter hour, with everything before it read.
  await markEverythingRead(db);
});

describe('contact page: who sees the form', () => {
  test('a visitor is sent to sign in, and comes back to this very page', async () => {
    const outcome = await open(`offre=${offer.id}`);
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe(`/connexion?redirectTo=${encodeURIComponent(`/conversations/nouvelle?offre=${offer.id}`)}`);
  });

  test('a member of a validated pole may ask for support, with their pole chosen for them', async () => {
    const outcome = await open(`offre=${offer.id}`, emergent);
    expect(outcome.status).toBe(200);
    expect(outcome.data.subject).toEqual({
      kind: 'offer',
      id: offer.id,
      title: 'Monter une crèche inter-entreprises',
      pole: { name: figeac.name, slug: 'figeacteurs' },
    });
    expect(outcome.data.poles).toEqual([{ id: causses.id, name: causses.name }]);
    expect(outcome.data.blocked).toBeNull();
  });

  test('a member of the owning pole cannot contact their own pole', async () => {
    for (const email of [figeacAdmin, figeacMember]) {
      const outcome = await open(`offre=${offer.id}`, email);
      expect(outcome.data.poles).toEqual([]);
      expect(outcome.data.blocked).toBe('ownPole');
    }
    expect(inFrench('conversations.start.blocked.ownPole')).toMatch(/propre pôle/);
  });

  test('a member of a pole not yet validated is told to get it validated', async () => {
    const outcome = await open(`offre=${offer.id}`, unverified.email);
    expect(outcome.data.poles).toEqual([]);
    expect(outcome.data.blocked).toBe('notVerified');
    expect(inFrench('conversations.start.blocked.notVerified')).toMatch(/validé/);
  });

  test('a coordinator or the national admin belongs to no pole, so writes for none', async () => {
    for (const email of [coordinator, nationalAdmin]) {
      const outcome = await open(`offre=${offer.id}`, email);
      expect(outcome.data.blocked).toBe('noPole');
    }
  });

  test('someone in several poles chooses among those allowed to write', async () => {
    const both = await createUser(db, { email: 'deux-poles@test.ptce.fr', name: 'Deux Pôles', password: 'mot-de-passe-de-test' });
    await addMembership(db, { userId: both.id, poleId: causses.id, role: 'member' });
    await addMembership(db, { userId: both.id, poleId: thirdPole.pole.id, role: 'member' });
    await addMembership(db, { userId: both.id, poleId: unverified.pole.id, role: 'member' });
    const outcome = await open(`offre=${offer.id}`, both.email);
    expect(outcome.data.poles.map((pole: { id: string }) => pole.id).sort()).toEqual([causses.id, thirdPole.pole.id].sort());
  });

  test('from a request, another pole offers its help', async () => {
    const outcome = await open(`demande=${request.id}`, figeacMember);
    expect(outcome.data.subject).toMatchObject({ kind: 'request', title: 'Structurer notre gouvernance en SCIC' });
    expect(outcome.data.poles).toEqual([{ id: figeac.id, name: figeac.name }]);
  });

  test('only a published offer or an open / in-progress request can be contacted; anything else is not found', async () => {
    const draft = await createOffer(db, { poleId: figeac.id, state: 'draft', publishedAt: null });
    const paused = await createOffer(db, { poleId: figeac.id, state: 'paused' });
    const answered = await createRequest(db, { poleId: causses.id, state: 'answered' });
    const inProgress = await createRequest(db, { poleId: causses.id, state: 'in_progress' });
    expect((await open(`demande=${inProgress.id}`, figeacAdmin)).status).toBe(200);
    // The demo has forum topics with messages: none is added here.
    const messagesBefore = await countOf(messages);
    for (const query of [
      `offre=${draft.id}`,
      `offre=${paused.id}`,
      `demande=${answered.id}`,
      `offre=${request.id}`,
      'offre=pas-un-uuid',
      `offre=${crypto.randomUUID()}`,
      `offre=${offer.id}&demande=${request.id}`,
      '',
    ]) {
      expect((await open(query, emergent)).status, query).toBe(404);
      expect((await send(query, { poleId: causses.id, message: longEnough }, emergent)).status, query).toBe(404);
    }
    expect(await countOf(messages)).toBe(messagesBefore);
  });
});

describe('contact: sending the first message', () => {
  test('asking for support creates the conversation, stores the message and mails the other pole’s admins only', async () => {
    const outcome = await send(`offre=${offer.id}`, { poleId: causses.id, message: `  ${longEnough}  ` }, emergent);
    expect(outcome.status).toBe(302);
    const threadId = outcome.location!.replace('/conversations/', '');
    expect(await flashOf(outcome, context)).toEqual({ message: 'conversations.notices.started', values: { pole: figeac.name } });

    const [thread] = await db.select().from(threads).where(eq(threads.id, threadId));
    expect(thread).toMatchObject({
      subjectType: 'offer',
      offerId: offer.id,
      requestId: null,
      initiatorPoleId: causses.id,
      recipientPoleId: figeac.id,
      regionCode: figeac.regionCode,
      title: 'Monter une crèche inter-entreprises',
      createdById: await userIdOf(emergent),
      lockedAt: null,
    });
    const stored = await db.select().from(messages).where(eq(messages.threadId, threadId));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ authorId: await userIdOf(emergent), authorPoleId: causses.id, body: longEnough, hiddenAt: null });
    expect(thread!.lastMessageAt.getTime()).toBeGreaterThanOrEqual(stored[0]!.createdAt.getTime());

    // Figeacteurs' admin is told; its plain member and the writer are not.
    const mails = await sentMail();
    expect(mails.map((mail) => mail.to)).toEqual([figeacAdmin]);
    const [mail] = mails;
    expect(mail!.subject).toBe(`Demande d’accompagnement de ${causses.name} : Monter une crèche inter-entreprises`);
    expect(mail!.text).toContain('Bonjour Claire Dubois (démo),');
    expect(mail!.text).toContain(`demande au pôle « ${figeac.name} » un accompagnement`);
    expect(mail!.text).toContain(longEnough);
    expect(mail!.text).toContain(`Lire et répondre : ${testOrigin}/conversations/${threadId}`);
    expect(mail!.html).toContain(`href="${testOrigin}/conversations/${threadId}"`);
  });

  test('contacting again about the same offer adds to the same conversation', async () => {
    const first = await send(`offre=${offer.id}`, { poleId: causses.id, message: `${longEnough} Encore une question.` }, emergent);
    const [thread] = await db.select().from(threads).where(eq(threads.offerId, offer.id));
    expect(first.location).toBe(`/conversations/${thread!.id}`);
    expect(await db.select().from(messages).where(eq(messages.threadId, thread!.id))).toHaveLength(2);
  });

  test('offering help on a request opens a conversation of type request, mailed to the requesting pole’s admin', async () => {
    const outcome = await send(`demande=${request.id}`, { poleId: figeac.id, message: 'Nous avons monté notre SCIC en 2019, parlons-en !' }, figeacMember);
    expect(outcome.status).toBe(302);
    const [thread] = await db.select().from(threads).where(eq(threads.requestId, request.id));
    expect(thread).toMatchObject({
      subjectType: 'request',
      offerId: null,
      initiatorPoleId: figeac.id,
      recipientPoleId: causses.id,
      regionCode: causses.regionCode,
    });
    const mails = await sentMail();
    expect(mails.map((mail) => mail.to)).toEqual([emergent]);
    expect(mails[0]!.subject).toBe(`${figeac.name} propose son aide : Structurer notre gouvernance en SCIC`);
  });

  test('two first contacts at the same moment make one conversation with both messages', async () => {
    const fresh = await createOffer(db, { poleId: figeac.id, title: 'Essaimer la méthode Start-up de territoire' });
    const colleague = await createUser(db, { email: 'collegue.causses@test.ptce.fr', name: 'Collègue', password: 'mot-de-passe-de-test' });
    await addMembership(db, { userId: colleague.id, poleId: causses.id, role: 'member' });
    const outcomes = await Promise.all([
      send(`offre=${fresh.id}`, { poleId: causses.id, message: `${longEnough} (premier)` }, emergent),
      send(`offre=${fresh.id}`, { poleId: causses.id, message: `${longEnough} (second)` }, colleague.email),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([302, 302]);
    const created = await db.select().from(threads).where(eq(threads.offerId, fresh.id));
    expect(created).toHaveLength(1);
    expect(outcomes.map((outcome) => outcome.location)).toEqual([`/conversations/${created[0]!.id}`, `/conversations/${created[0]!.id}`]);
    const bodies = (await db.select().from(messages).where(eq(messages.threadId, created[0]!.id))).map((message) => message.body).sort();
    expect(bodies).toEqual([`${longEnough} (premier)`, `${longEnough} (second)`]);
  });

  test('a mail that cannot be sent stays queued with its error for a retry, and the message is still stored', async () => {
    const fresh = await createOffer(db, { poleId: figeac.id });
    const broken = mailerSendingWith(context, () => Promise.reject(new Error('SMTP indisponible')));
    const before = logs.length;
    const outcome = await send(`offre=${fresh.id}`, { poleId: causses.id, message: longEnough }, emergent);
    expect(outcome.status).toBe(302);
    const [thread] = await db.select().from(threads).where(eq(threads.offerId, fresh.id));
    expect(await db.select().from(messages).where(eq(messages.threadId, thread!.id))).toHaveLength(1);
    expect(await flushOutbox(context, broken)).toMatchObject({ retry: 1 });
    expect(await db.select().from(outbox)).toEqual([
      expect.objectContaining({ to: figeacAdmin, status: 'queued', attempts: 1, lastError: 'SMTP indisponible' }),
    ]);
    expect(logs.slice(before)).toEqual([
      expect.objectContaining({ level: 40, msg: 'mail not sent, will retry', err: expect.objectContaining({ message: 'SMTP indisponible' }) }),
    ]);
  });

  test('a conversation locked by moderation takes no new first message', async () => {
    const fresh = await createOffer(db, { poleId: figeac.id });
    await send(`offre=${fresh.id}`, { poleId: causses.id, message: longEnough }, emergent);
    await db.update(threads).set({ lockedAt: new Date() }).where(eq(threads.offerId, fresh.id));
    await flushOutbox(context);
    await db.delete(outbox);
    const outcome = await send(`offre=${fresh.id}`, { poleId: causses.id, message: `${longEnough} bis` }, emergent);
    expect(outcome.status).toBe(409);
    expect(outcome.data.result.error['']).toEqual(['conversations.errors.locked']);
    expect(inFrench('conversations.errors.locked')).toMatch(/verrouillée/);
    const [thread] = await db.select().from(threads).where(eq(threads.offerId, fresh.id));
    expect(await db.select().from(messages).where(eq(messages.threadId, thread!.id))).toHaveLength(1);
    expect(await sentMail()).toEqual([]);
  });
});

describe('contact: bad input and refused permissions write nothing', () => {
  test.each([
    ['a message too short', { poleId: 'causses', message: 'Trop court.' }, 'message', 'conversations.errors.messageTooShort'],
    ['only spaces', { poleId: 'causses', message: ' '.repeat(40) }, 'message', 'conversations.errors.messageTooShort'],
    ['a message too long', { poleId: 'causses', message: 'a'.repeat(5001) }, 'message', 'conversations.errors.messageTooLong'],
    ['no message', { poleId: 'causses' }, 'message', 'conversations.errors.messageRequired'],
    ['no pole', { message: longEnough }, 'poleId', 'conversations.errors.poleRequired'],
    ['a pole id that is not a uuid', { poleId: 'figeacteurs', message: longEnough }, 'poleId', 'conversations.errors.poleRequired'],
    ['a pole that does not exist', { poleId: crypto.randomUUID(), message: longEnough }, 'poleId', 'conversations.errors.unknownPole'],
  ])('%s: 400, the error beside its field in French', async (_, form: Record<string, string>, field, key) => {
    const [threadsBefore, messagesBefore] = await Promise.all([countOf(threads), countOf(messages)]);
    const posted = { ...form, ...(form.poleId === 'causses' ? { poleId: causses.id } : {}) };
    const outcome = await send(`offre=${offer.id}`, posted, emergent);
    expect(outcome.status).toBe(400);
    expect(outcome.data.result.error[field]).toEqual([key]);
    expect(inFrench(key)).toBeTruthy();
    expect([await countOf(threads), await countOf(messages)]).toEqual([threadsBefore, messagesBefore]);
    expect(await sentMail()).toEqual([]);
  });

  test('a visitor posting is sent to sign in', async () => {
    const outcome = await send(`offre=${offer.id}`, { poleId: causses.id, message: longEnough });
    expect(outcome.status).toBe(302);
    expect(outcome.location).toMatch(/^\/connexion\?redirectTo=/);
  });

  test('writing for a pole one does not belong to, one’s own pole, or an unvalidated pole is refused (404, like an unknown pole)', async () => {
    const [threadsBefore, messagesBefore] = await Promise.all([countOf(threads), countOf(messages)]);
    const attempts: Array<[string, string]> = [
      [emergent, thirdPole.pole.id], // not their pole
      [thirdPole.email, causses.id], // not their pole either
      [nationalAdmin, causses.id], // no pole at all
      [coordinator, causses.id],
      [figeacAdmin, figeac.id], // the offer's own pole
      [unverified.email, unverified.pole.id], // not validated yet
    ];
    for (const [email, poleId] of attempts) {
      const outcome = await send(`offre=${offer.id}`, { poleId, message: longEnough }, email);
      expect(outcome.status, email).toBe(404);
    }
    expect([await countOf(threads), await countOf(messages)]).toEqual([threadsBefore, messagesBefore]);
    expect(await sentMail()).toEqual([]);
  });
});
