import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { formatInParis } from '#app/domain/visits/time';
import { serializeLanguageCookie } from '#app/i18next.server';
import * as conversationPage from '#app/routes/conversations.$id';
import * as newVisit from '#app/routes/visites.nouvelle';
import { rooms, type Published } from '#app/utils/realtime.server';
import { messages, poleMemberships, threads, visits } from '#db/schema';
import { addMembership } from '#db/seed/factories';
import { fieldErrors, poleIdOf, userIdOf } from '#tests/setup/market-forms';
import { createOffer, createPoleWithMember } from '#tests/setup/market-factories';
import { makeRequest, testOrigin } from '#tests/setup/context';
import { flashOf, inFrench, settle } from '#tests/setup/responses';
import { host, idFrom, member, otherAdmin, setupHosting } from './visit-hosting-fixtures';

/**
 * « Proposer une visite » from a conversation (issue 10, point 9): the link on the conversation's
 * page for the admins of its validated poles, the form for that conversation, and the message
 * that announces the visit once created, in the host pole's name, to both poles.
 */

const { context, services, db, call, visitForm, create } = await setupHosting();

type ConversationPage = {
  canProposeVisit: boolean;
  siteOrigin: string;
  messages: Array<{ body: string | null; poleName: string | null; authorName: string | null }>;
};
type NewVisitPage = { hosts: Array<{ id: string; name: string }>; defaultValue: Record<string, unknown>; conversation: { title: string } | null };

/** A conversation between the demo poles: Causses et Cévennes (emergent@) writes about an offer of Figeacteurs (figeacteurs@). */
async function newConversation(title = 'Accueillir une délégation') {
  const [figeacteurs, causses] = [await poleIdOf(db, 'figeacteurs'), await poleIdOf(db, 'causses-cevennes-demo')];
  const offer = await createOffer(db, { poleId: figeacteurs, title });
  const [thread] = await db
    .insert(threads)
    .values({ subjectType: 'offer', offerId: offer.id, initiatorPoleId: causses, recipientPoleId: figeacteurs, title })
    .returning();
  await db
    .insert(messages)
    .values({ threadId: thread!.id, authorId: await userIdOf(db, otherAdmin), authorPoleId: causses, body: 'Pouvons-nous venir vous voir ?' });
  return { id: thread!.id, title, figeacteurs, causses };
}

const viewConversation = (id: string, as: string) => call<ConversationPage>(conversationPage, `/conversations/${id}`, { as, params: { id } });
const proposeFrom = (id: string) => `/visites/nouvelle?conversation=${id}`;

describe('the « Proposer une visite » link of a conversation', () => {
  test('the admins of its validated poles see it, on both sides; a member who is not admin does not', async () => {
    const conversation = await newConversation();
    expect((await viewConversation(conversation.id, host)).data.canProposeVisit).toBe(true);
    expect((await viewConversation(conversation.id, otherAdmin)).data.canProposeVisit).toBe(true);
    const page = await viewConversation(conversation.id, member);
    expect(page.status).toBe(200);
    expect(page.data.canProposeVisit).toBe(false);
  });

  test('an admin of a pole whose validation was withdrawn does not; nor anyone on a locked conversation', async () => {
    const unvalidated = await createPoleWithMember(db, { verified: false, role: 'admin' });
    const offer = await createOffer(db, { poleId: await poleIdOf(db, 'figeacteurs') });
    const [thread] = await db
      .insert(threads)
      .values({ subjectType: 'offer', offerId: offer.id, initiatorPoleId: unvalidated.pole.id, recipientPoleId: offer.poleId, title: offer.title })
      .returning();
    expect((await viewConversation(thread!.id, unvalidated.email)).data.canProposeVisit).toBe(false);
    expect((await call(newVisit, proposeFrom(thread!.id), { as: unvalidated.email })).status).toBe(404);

    const conversation = await newConversation();
    await db.update(threads).set({ lockedAt: new Date() }).where(eq(threads.id, conversation.id));
    expect((await viewConversation(conversation.id, host)).data.canProposeVisit).toBe(false);
    expect((await call(newVisit, proposeFrom(conversation.id), { as: host })).status).toBe(404);
  });

  test('someone outside the conversation gets a 404 for its page and for the form; so do a malformed and an unknown id', async () => {
    const conversation = await newConversation();
    const outsider = await createPoleWithMember(db, { verified: true, role: 'admin' });
    expect((await viewConversation(conversation.id, outsider.email)).status).toBe(404);
    expect((await call(newVisit, proposeFrom(conversation.id), { as: outsider.email })).status).toBe(404);
    // A member of the host pole may write there, but hosts nothing: the form for that conversation is not theirs.
    expect((await call(newVisit, proposeFrom(conversation.id), { as: member })).status).toBe(404);
    expect((await call(newVisit, proposeFrom('pas-un-id'), { as: host })).status).toBe(404);
    expect((await call(newVisit, proposeFrom('00000000-0000-4000-8000-000000000000'), { as: host })).status).toBe(404);
    // Posting to it is refused the same way, and nothing is written.
    const form = visitForm({ poleId: outsider.pole.id });
    expect((await create(form, outsider.email, proposeFrom(conversation.id))).status).toBe(404);
    expect(
      await db
        .select()
        .from(visits)
        .where(eq(visits.title, form.title as string)),
    ).toEqual([]);
  });
});

describe('the form for a conversation', () => {
  test('says which conversation, and offers only the person’s poles that are in it', async () => {
    const conversation = await newConversation('Échanger sur la gouvernance');
    // The host admin also administers another validated pole, outside this conversation.
    const elsewhere = await createPoleWithMember(db, { verified: true, role: 'admin' });
    await addMembership(db, { userId: await userIdOf(db, host), poleId: elsewhere.pole.id, role: 'admin' });
    try {
      const page = await call<NewVisitPage>(newVisit, proposeFrom(conversation.id), { as: host });
      expect(page.status).toBe(200);
      expect(page.data.conversation).toEqual({ title: 'Échanger sur la gouvernance' });
      expect(page.data.hosts.map((pole) => pole.id)).toEqual([conversation.figeacteurs]);
      expect(page.data.defaultValue.poleId).toBe(conversation.figeacteurs);
      expect(inFrench('visitHosting.conversation.intro')).toContain('{{title}}');

      // A pole outside the conversation, posted anyway: the field says why, nothing is written.
      const form = visitForm({ poleId: elsewhere.pole.id });
      const refused = await create(form, host, proposeFrom(conversation.id));
      expect(refused.status).toBe(400);
      expect(fieldErrors(refused).poleId).toEqual(['visitHosting.conversation.poleOutside']);
      expect(
        await db
          .select()
          .from(visits)
          .where(eq(visits.title, form.title as string)),
      ).toEqual([]);
      expect(await db.select().from(messages).where(eq(messages.threadId, conversation.id))).toHaveLength(1);
    } finally {
      await db.delete(poleMemberships).where(and(eq(poleMemberships.poleId, elsewhere.pole.id), eq(poleMemberships.userId, await userIdOf(db, host))));
    }
  });
});

describe('creating the visit from the conversation', () => {
  test('posts one message there, by its creator in the host pole’s name, with the title, the Paris date and the link; both poles see it', async () => {
    const conversation = await newConversation();
    const seen: Published[] = [];
    const stop = services.realtime.onPublish((published) => seen.push(published));
    const jobsBefore = context.jobs.unsent.length;
    try {
      const form = visitForm({ date: '2027-03-31', time: '09:30' });
      const created = await create(form, host, proposeFrom(conversation.id));
      expect(created.status).toBe(302);
      const visitId = idFrom(created.location);
      expect(await flashOf(created, context)).toEqual({ message: 'visitHosting.conversation.created', values: { title: form.title } });

      const posted = await db.select().from(messages).where(eq(messages.threadId, conversation.id)).orderBy(asc(messages.createdAt), asc(messages.id));
      expect(posted).toHaveLength(2);
      const announcement = posted[1]!;
      expect(announcement).toMatchObject({ authorId: await userIdOf(db, host), authorPoleId: conversation.figeacteurs });
      expect(announcement.body).toBe(
        `Nous vous proposons une visite apprenante : « ${form.title as string} », le mercredi 31 mars 2027 à 09:30 (heure de Paris). Détails et réservation : ${testOrigin}/visites/${visitId}`,
      );

      // The other pole's admin reads it on the conversation's page, its link a link to the visit.
      const page = await viewConversation(conversation.id, otherAdmin);
      expect(page.data.messages.at(-1)).toMatchObject({ body: announcement.body, poleName: 'Figeacteurs' });
      expect(page.data.siteOrigin).toBe(testOrigin);

      // Live: the message itself to the conversation's room (its open pages), and « new message »
      // to the people of both poles but the author, once each.
      const liveEvents = seen.filter((published) => published.event === 'thread:message');
      expect(liveEvents.map((published) => published.rooms)).toEqual([[rooms.thread(conversation.id)]]);
      expect(liveEvents[0]!.payload).toMatchObject({ threadId: conversation.id, message: { id: announcement.id, body: announcement.body } });
      const messageEvents = seen.filter((published) => published.event === 'message:new');
      expect(messageEvents).toHaveLength(1);
      expect(messageEvents[0]!.rooms).toContain(rooms.user(await userIdOf(db, otherAdmin)));
      expect(messageEvents[0]!.rooms).not.toContain(rooms.user(await userIdOf(db, host)));
      expect(messageEvents[0]!.payload).toMatchObject({ threadId: conversation.id, fromPole: { id: conversation.figeacteurs, name: 'Figeacteurs' } });
      // The other pole's digest is asked for in the same transaction, as for any message.
      expect(context.jobs.unsent.slice(jobsBefore).some((job) => job.name === 'conversation.digest')).toBe(true);
    } finally {
      stop();
    }
  });

  test('the message is in the author’s language', async () => {
    const languageCookie = (await serializeLanguageCookie('en', { secure: false })).split(';')[0]!;
    const conversation = await newConversation();
    const form = visitForm({ date: '2027-01-15', time: '09:30', deadlineDate: '2027-01-10' });
    const request = makeRequest(proposeFrom(conversation.id), { form, cookie: `${await cookieOf(host)}; ${languageCookie}` });
    const created = await settle(newVisit.action({ request, context, params: {} }));
    expect(created.status).toBe(302);
    const [, announcement] = await db.select().from(messages).where(eq(messages.threadId, conversation.id)).orderBy(asc(messages.createdAt), asc(messages.id));
    expect(announcement!.body).toBe(
      `We propose a learning visit: “${form.title as string}”, on ${formatInParis(new Date('2027-01-15T08:30:00Z'), 'en')} (Paris time). Details and booking: ${testOrigin}/visites/${idFrom(created.location)}`,
    );
  });

  test('a visit created without ?conversation posts nothing anywhere', async () => {
    const conversation = await newConversation();
    const created = await create(visitForm());
    expect(created.status).toBe(302);
    expect(await flashOf(created, context)).toMatchObject({ message: 'visitHosting.notices.created' });
    expect(await db.select().from(messages).where(eq(messages.threadId, conversation.id))).toHaveLength(1);
  });
});

/** A session cookie of one of the demo accounts. */
async function cookieOf(email: string) {
  return (await services.auth.createSessionCookie(await userIdOf(db, email), 'vitest')).split(';')[0]!;
}
