import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { beforeEach, describe, expect, test } from 'vitest';
import { mentionJob, sendMentionMail } from '#app/models/thread-mentions.server';
import { markRead } from '#app/models/thread-reads.server';
import type { Published } from '#app/utils/realtime.server';
import { sendThreadMessage } from '#app/utils/thread-posting.server';
import { messageMentions, messages, outbox, poleMemberships, users } from '#db/schema';
import { setupTestContext, testOrigin } from '#tests/setup/context';
import { flushOutbox } from '#tests/setup/jobs';
import { actorFor, forumTopic, memberOf, twoPolesAndThread } from './thread-delivery-fixtures';

/**
 * `@mentions` (decision 019): the person named hears `mention:new` live, and the `thread.mentions`
 * job (debounced per person) queues one mail through the outbox listing the mentions still
 * visible, unread and in threads they still read, with links to the pages; never twice.
 */
const { context, services } = await setupTestContext();
const { db } = services;

beforeEach(() => {
  context.jobs.unsent.length = 0;
});

async function send(userId: string, threadId: string, text: string) {
  const outcome = await sendThreadMessage(context, { actor: await actorFor(db, userId), threadId, text, key: randomUUID(), poleId: null });
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome.message;
}
const mailsTo = (email: string) => db.select().from(outbox).where(eq(outbox.to, email));

describe('mentions', () => {
  test('live mention:new, then one debounced job and one mail listing both mentions with links; a second run mails nothing', async () => {
    const { a, alice, thread } = await twoPolesAndThread(db);
    const named = await memberOf(db, a.id, { name: 'Zélie Nommée' });
    const topic = await forumTopic(db, '76', 'Circuits courts en Occitanie');
    const seen: Published[] = [];
    const stop = services.realtime.onPublish((published) => seen.push(published));
    const first = await send(alice.id, thread.id, 'Bonjour @Zélie Nommée, pouvez-vous relire ?');
    const second = await send(alice.id, topic.id, 'Je propose que @zelie nommée anime la séance.');
    stop();
    expect(first.mentions).toEqual([{ id: named.id, name: named.name }]);
    expect(second.mentions).toEqual([{ id: named.id, name: named.name }]);
    expect(seen.filter((entry) => entry.event === 'mention:new').map((entry) => [entry.rooms, entry.payload])).toEqual([
      [[`user:${named.id}`], { threadId: thread.id, messageId: first.id, title: thread.title, by: alice.name }],
      [[`user:${named.id}`], { threadId: topic.id, messageId: second.id, title: topic.title, by: alice.name }],
    ]);
    const asked = context.jobs.unsent.filter((job) => job.name === mentionJob);
    expect(asked.map((job) => job.data)).toEqual([{ userId: named.id }, { userId: named.id }]);
    expect(asked[0]!.options).toMatchObject({ singletonKey: named.id, singletonSeconds: 900, singletonNextSlot: true });

    // The runner runs the jobs (pg-boss would keep one of the two), then sends the outbox.
    await flushOutbox(services);
    const mails = await mailsTo(named.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Vous avez été mentionné·e 2 fois sur Erasmus PTCE');
    expect(mails[0]!.text).toContain(`${testOrigin}/conversations/${thread.id}`);
    expect(mails[0]!.text).toContain(`${testOrigin}/forum/76/${topic.id}`);
    expect(mails[0]!.text).toContain('Je propose que @zelie nommée anime la séance.');
    const unmailed = await db
      .select()
      .from(messageMentions)
      .where(and(eq(messageMentions.userId, named.id), isNull(messageMentions.mailedAt)));
    expect(unmailed).toEqual([]);
    expect(await sendMentionMail(db, context, { userId: named.id })).toEqual({ status: 'nothing' });
  });

  test('two jobs run at once mail once', async () => {
    const { a, alice, thread } = await twoPolesAndThread(db);
    const named = await memberOf(db, a.id, { name: 'Yvon Deuxfois' });
    await send(alice.id, thread.id, 'Merci @Yvon Deuxfois');
    const outcomes = await Promise.all(Array.from({ length: 4 }, () => sendMentionMail(db, context, { userId: named.id })));
    expect(outcomes.filter((outcome) => outcome.status === 'mailed')).toEqual([{ status: 'mailed', count: 1 }]);
    expect(await mailsTo(named.email)).toHaveLength(1);
  });

  test('a mention read on the site, hidden by moderation, or in a thread no longer readable is not mailed', async () => {
    const { a, b, alice, thread } = await twoPolesAndThread(db);
    const named = await memberOf(db, b.id, { name: 'Xavier Lecteur', role: 'admin' });
    const read = await send(alice.id, thread.id, '@Xavier Lecteur première');
    await markRead(db, { userId: named.id, threadId: thread.id, seq: read.seq });
    const hidden = await send(alice.id, thread.id, '@Xavier Lecteur deuxième');
    await db.update(messages).set({ hiddenAt: new Date(), hiddenBy: 'moderator' }).where(eq(messages.id, hidden.id));
    expect(await sendMentionMail(db, context, { userId: named.id })).toEqual({ status: 'nothing' });

    await send(alice.id, thread.id, '@Xavier Lecteur troisième');
    await db.delete(poleMemberships).where(and(eq(poleMemberships.userId, named.id), eq(poleMemberships.poleId, b.id)));
    expect(await sendMentionMail(db, context, { userId: named.id })).toEqual({ status: 'nothing' });
    expect(await mailsTo(named.email)).toEqual([]);
    expect(a.id).not.toBe(b.id);
  });

  test('in the person’s language, naming the author and the thread; the author and unknown names are not mentioned', async () => {
    const { a, alice, thread } = await twoPolesAndThread(db);
    const named = await memberOf(db, a.id, { name: 'Walter English' });
    await db.update(users).set({ language: 'en' }).where(eq(users.id, named.id));
    const message = await send(alice.id, thread.id, `Hello @Walter English, @${alice.name} and @Personne Inconnue`);
    expect(message.mentions).toEqual([{ id: named.id, name: named.name }]);
    expect(await sendMentionMail(db, context, { userId: named.id })).toEqual({ status: 'mailed', count: 1 });
    const [mail] = await mailsTo(named.email);
    expect(mail!.subject).toBe(`${alice.name} mentioned you in “${thread.title}”`);
    expect(mail!.html).toContain('lang="en"');
  });
});
