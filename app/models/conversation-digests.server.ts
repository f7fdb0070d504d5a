import { and, asc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import { formatInParis } from '#app/domain/visits/time';
import { catalogueOf } from '#app/locales/catalogues.server';
import type { Jobs } from '#app/jobs/queue.server';
import { catalogueMail, type Mailer } from '#app/utils/mail.server';
import { conversationPath } from '#app/domain/paths';
import type { Database, Executor } from '#db/client';
import { messages, poleMemberships, poles, threadReaders, threads, users } from '#db/schema';

/**
 * Conversation mails as digests: a person gets at most one mail per thread per quarter hour,
 * listing the messages others wrote since they last read the thread on the site or were last
 * mailed about it, and nothing for what they already read.
 *
 * Each new message asks for one `conversation.digest` job per admin of the other pole, in the
 * message's transaction. pg-boss debounces them per (person, thread) over 15-minute slots: the
 * first waits a minute (a burst of messages makes one mail), later ones fall into the next slot.
 * The handler enforces the quarter hour from `mailed_at` itself, so slot edges never let two
 * mails through within 15 minutes.
 */

export const digestJob = 'conversation.digest';
export const digestWindowMs = 15 * 60 * 1000;
/** A short wait before the first digest, so a burst of messages makes one mail. */
const firstDigestDelaySeconds = 60;
const listedMessages = 10;
const quoteLength = 500;

export type DigestJobData = { userId: string; threadId: string };
export type DigestOutcome = { status: 'mailed'; count: number } | { status: 'nothing' } | { status: 'too-soon'; retryAt: Date };

/** In the message's transaction: one debounced digest job per admin of the poles that did not write. */
export async function scheduleDigests(tx: Executor, jobs: Pick<Jobs, 'send'>, input: { threadId: string; fromPoleId: string; authorId: string }) {
  const [thread] = await tx
    .select({ initiatorPoleId: threads.initiatorPoleId, recipientPoleId: threads.recipientPoleId })
    .from(threads)
    .where(eq(threads.id, input.threadId));
  const toPoleIds = [thread?.initiatorPoleId, thread?.recipientPoleId].filter((id): id is string => !!id && id !== input.fromPoleId);
  if (toPoleIds.length === 0) return;
  const admins = await tx
    .selectDistinct({ userId: poleMemberships.userId })
    .from(poleMemberships)
    .where(and(inArray(poleMemberships.poleId, toPoleIds), eq(poleMemberships.role, 'admin'), ne(poleMemberships.userId, input.authorId)));
  for (const { userId } of admins) {
    await jobs.send(digestJob, { userId, threadId: input.threadId } satisfies DigestJobData, {
      tx,
      startAfter: firstDigestDelaySeconds,
      singletonKey: `${userId}:${input.threadId}`,
      singletonSeconds: digestWindowMs / 1000,
      singletonNextSlot: true,
    });
  }
}

/**
 * The digest job's work for one person and thread, at `now`: queues one mail listing what others
 * wrote after max(read_at, mailed_at), in the person's language, and sets `mailed_at`. The
 * reader row is locked, so two jobs for the same pair never both mail.
 */
export async function sendThreadDigest(
  db: Database,
  services: { mailer: Pick<Mailer, 'queue'>; env: { appUrl: URL } },
  input: DigestJobData & { now?: Date },
): Promise<DigestOutcome> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    await tx.insert(threadReaders).values({ userId: input.userId, threadId: input.threadId }).onConflictDoNothing();
    const [reader] = await tx
      .select({ readAt: threadReaders.readAt, mailedAt: threadReaders.mailedAt })
      .from(threadReaders)
      .where(and(eq(threadReaders.userId, input.userId), eq(threadReaders.threadId, input.threadId)))
      .for('update');
    const [person] = await tx.select({ email: users.email, name: users.name, language: users.language }).from(users).where(eq(users.id, input.userId));
    const [thread] = await tx
      .select({ title: threads.title, subjectType: threads.subjectType, initiatorPoleId: threads.initiatorPoleId, recipientPoleId: threads.recipientPoleId })
      .from(threads)
      .where(eq(threads.id, input.threadId));
    if (!reader || !person || !thread) return { status: 'nothing' };
    // Only someone still in one of the two poles hears about the thread.
    const threadPoles = [thread.initiatorPoleId, thread.recipientPoleId].filter((id): id is string => !!id);
    const [member] = threadPoles.length
      ? await tx
          .select({ poleId: poleMemberships.poleId, poleName: poles.name })
          .from(poleMemberships)
          .innerJoin(poles, eq(poles.id, poleMemberships.poleId))
          .where(and(eq(poleMemberships.userId, input.userId), inArray(poleMemberships.poleId, threadPoles)))
      : [];
    if (!member) return { status: 'nothing' };

    const since = [reader.readAt, reader.mailedAt].filter((date): date is Date => date !== null).sort((a, b) => b.getTime() - a.getTime())[0];
    const unread = await tx
      .select({ body: messages.body, createdAt: messages.createdAt, authorName: users.name, poleName: poles.name })
      .from(messages)
      .leftJoin(users, eq(users.id, messages.authorId))
      .leftJoin(poles, eq(poles.id, messages.authorPoleId))
      .where(
        and(
          eq(messages.threadId, input.threadId),
          isNull(messages.hiddenAt),
          or(isNull(messages.authorId), ne(messages.authorId, input.userId)),
          // Dates come back to JavaScript in milliseconds while PostgreSQL keeps microseconds: compare
          // at the millisecond, or a message written in the same millisecond as the read would count as unread.
          since ? sql`date_trunc('milliseconds', ${messages.createdAt}) > ${since.toISOString()}::timestamptz` : undefined,
        ),
      )
      .orderBy(asc(messages.createdAt), asc(messages.id));
    if (unread.length === 0) return { status: 'nothing' };
    if (reader.mailedAt && now.getTime() - reader.mailedAt.getTime() < digestWindowMs) {
      return { status: 'too-soon', retryAt: new Date(reader.mailedAt.getTime() + digestWindowMs) };
    }

    const language = person.language;
    const texts = catalogueOf(language).conversations.mail;
    const from = [...new Set(unread.map((message) => message.poleName).filter((name): name is string => !!name))].join(', ');
    const excerpt = (body: string) => (body.length > quoteLength ? `${body.slice(0, quoteLength).trimEnd()}…` : body);
    const first = unread[0]!;
    const values: Record<string, string> = {
      name: person.name,
      count: String(unread.length),
      author: first.authorName ?? '',
      from,
      to: member.poleName,
      title: thread.title,
      body: excerpt(first.body),
    };
    const fill = (text: string, extra: Record<string, string>) => text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => extra[key] ?? '');
    // Each message goes in as a value, so its text is never read as a placeholder.
    const items = unread.slice(0, listedMessages).map((message, index) => {
      values[`message${index}`] = fill(texts.digest.item, {
        author: message.authorName ?? '',
        date: formatInParis(message.createdAt, language, 'long'),
        body: excerpt(message.body),
      });
      return `{{message${index}}}`;
    });
    const more = unread.length > listedMessages ? [fill(texts.digest.more, { count: String(unread.length - listedMessages) })] : [];
    // A digest that starts with the thread's first message says what the contact is about.
    const [earlier] = await tx
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.threadId, input.threadId), sql`${messages.createdAt} < ${first.createdAt.toISOString()}::timestamptz`))
      .limit(1);
    const started = earlier ? null : thread.subjectType === 'request' ? texts.started.request : texts.started.offer;
    const [subject, paragraphs] = started
      ? [started.subject, [started.intro, ...(unread.length === 1 ? [texts.quote] : [...items, ...more])]]
      : unread.length === 1
        ? [texts.replied.subject, [texts.replied.intro, texts.quote]]
        : [texts.digest.subject, [texts.digest.intro, ...items, ...more]];
    const url = new URL(conversationPath(input.threadId), services.env.appUrl.origin).href;
    const mail = catalogueMail(
      person.email,
      { subject, greeting: texts.greeting, paragraphs, action: texts.action, footer: texts.footer },
      url,
      values,
      language,
    );
    await services.mailer.queue(tx, mail);
    await tx
      .update(threadReaders)
      .set({ mailedAt: now })
      .where(and(eq(threadReaders.userId, input.userId), eq(threadReaders.threadId, input.threadId)));
    return { status: 'mailed', count: unread.length };
  });
}
